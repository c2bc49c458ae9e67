import { describe, expect, it } from "vitest";
import { countFor, countText, graphemeLength, shortLinkLength } from "./counting";
import { tokenize } from "./richText";

describe("graphemeLength", () => {
  it("counts an emoji with a skin tone, a ZWJ family and a flag as one each", () => {
    expect(graphemeLength("👋🏽")).toBe(1);
    expect(graphemeLength("👩‍👩‍👧‍👦")).toBe(1);
    expect(graphemeLength("🇩🇪")).toBe(1);
    expect(graphemeLength("Hi 👋🏽!")).toBe(5);
  });

  it("counts a letter with combining marks as one", () => {
    // e + combining acute, and a Devanagari syllable with a vowel sign.
    expect(graphemeLength("e\u0301")).toBe(1);
    expect(graphemeLength("caf\u0065\u0301")).toBe(4);
    expect(graphemeLength("\u0928\u093F")).toBe(1);
  });
});

const mastodonLength = (text: string) => shortLinkLength(text, 23, true);

describe("shortLinkLength, as Mastodon counts", () => {
  it("counts every URL as 23 characters, however long", () => {
    const long = "https://example.com/a/very/long/path/that/goes/on?and=on&and=on";
    expect(mastodonLength(long)).toBe(23);
    expect(mastodonLength(`See ${long} now`)).toBe(4 + 23 + 4);
    expect(mastodonLength("http://a.io")).toBe(23);
  });

  it("counts a remote mention as its local part only", () => {
    expect(mastodonLength("@ada@mastodon.social")).toBe(4);
    expect(mastodonLength("hi @ada@mastodon.social and @bob")).toBe(3 + 4 + 5 + 4);
  });

  it("counts emoji as Bluesky does, and a sentence's full stop after a link as text", () => {
    expect(mastodonLength("🍞 https://bakery.example/menu.")).toBe(2 + 23 + 1);
  });
});

describe("countFor", () => {
  it("knows each network's limit", () => {
    expect(countFor("bluesky", "x".repeat(300))).toEqual({ count: 300, limit: 300, over: false });
    expect(countFor("bluesky", "x".repeat(301))).toEqual({ count: 301, limit: 300, over: true });
    expect(countFor("mastodon", "x".repeat(501)).over).toBe(true);
    expect(countFor("nostr", "x".repeat(5000))).toEqual({ count: 5000, limit: null, over: false });
  });

  it("lets a long URL fit on Mastodon that does not fit on Bluesky", () => {
    const text = `${"a".repeat(250)} https://example.com/${"p".repeat(80)}`;
    expect(countFor("bluesky", text).over).toBe(true);
    expect(countFor("mastodon", text)).toMatchObject({ count: 251 + 23, over: false });
  });
});

describe("tokenize", () => {
  it("finds links, mentions and hashtags and keeps the rest as text", () => {
    expect(tokenize("Hi @ada@mastodon.social, see https://x.example/a. #Bread!")).toEqual([
      { kind: "text", text: "Hi " },
      { kind: "mention", text: "@ada@mastodon.social" },
      { kind: "text", text: ", see " },
      { kind: "link", text: "https://x.example/a" },
      { kind: "text", text: ". " },
      { kind: "hashtag", text: "#Bread" },
      { kind: "text", text: "!" },
    ]);
  });

  it("does not take an e-mail address, a URL fragment or a number sign for a tag", () => {
    expect(tokenize("mail ada@example.com")).toEqual([{ kind: "text", text: "mail ada@example.com" }]);
    expect(tokenize("room #1")).toEqual([{ kind: "text", text: "room #1" }]);
    expect(tokenize("https://x.example/#top").map((t) => t.kind)).toEqual(["link"]);
  });

  it("reads Bluesky handles and non-Latin hashtags", () => {
    expect(tokenize("@harbour.bsky.social #パン")).toEqual([
      { kind: "mention", text: "@harbour.bsky.social" },
      { kind: "text", text: " " },
      { kind: "hashtag", text: "#パン" },
    ]);
  });
});

describe("countText", () => {
  it("measures by the rule a network declares", () => {
    expect(countText({ kind: "graphemes" }, "👋🏽 https://a.io")).toBe(1 + 1 + 12);
    expect(countText({ kind: "graphemesShortLinks", urlLength: 23, localMentions: false }, "@ada@x.social")).toBe(13);
    expect(countText({ kind: "bytes" }, "é👋")).toBe(2 + 4);
  });

  it("adds the content warning only where the network counts it", () => {
    expect(countFor("mastodon", "x".repeat(495), "spoil").over).toBe(false);
    expect(countFor("mastodon", "x".repeat(496), "spoil").over).toBe(true);
    expect(countFor("bluesky", "x".repeat(300), "spoil").over).toBe(false);
  });
});
