// Splits post text into the pieces networks highlight: links, @mentions and #hashtags. The
// counters and the previews share it, so what is counted as a link is what is drawn as one.

export type TokenKind = "text" | "link" | "mention" | "hashtag";

export interface Token {
  kind: TokenKind;
  text: string;
}

// A URL runs to the next space; trailing punctuation belongs to the sentence, not the link.
const URL_SOURCE = String.raw`https?:\/\/[^\s<>"]+`;
// @user, @user@instance.example (Mastodon) or @handle.bsky.social (Bluesky).
const MENTION_SOURCE = String.raw`@[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?`;
const HASHTAG_SOURCE = String.raw`#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*`;

const TOKEN = new RegExp(`(${URL_SOURCE})|(${MENTION_SOURCE})|(${HASHTAG_SOURCE})`, "gu");
const TRAILING = /[.,;:!?'")\]]+$/u;

function boundaryBefore(text: string, index: number): boolean {
  if (index === 0) return true;
  return !/[\p{L}\p{N}_@#/.]/u.test(text[index - 1]);
}

/** The text as runs of plain text, links, mentions and hashtags (concatenated, the input). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let plainStart = 0;
  const push = (kind: TokenKind, value: string) => {
    if (value === "") return;
    const last = tokens[tokens.length - 1];
    if (kind === "text" && last?.kind === "text") last.text += value;
    else tokens.push({ kind, text: value });
  };
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(text); match !== null; match = TOKEN.exec(text)) {
    const start = match.index;
    let value = match[0];
    const kind: TokenKind = match[1] ? "link" : match[2] ? "mention" : "hashtag";
    if (kind !== "link" && !boundaryBefore(text, start)) continue;
    if (kind === "link") {
      const trailing = TRAILING.exec(value);
      // Keep a closing parenthesis that closes one inside the URL (Wikipedia links).
      if (trailing && !(trailing[0] === ")" && value.includes("("))) value = value.slice(0, -trailing[0].length);
      TOKEN.lastIndex = start + value.length;
    }
    push("text", text.slice(plainStart, start));
    push(kind, value);
    plainStart = start + value.length;
  }
  push("text", text.slice(plainStart));
  return tokens;
}
