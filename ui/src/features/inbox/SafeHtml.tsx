import { Fragment, type ReactNode } from "react";
import { openLinkInBrowser } from "./links";

// Network content is untrusted. The backend sanitizes Mastodon HTML (ammonia) before it gets
// here; this renderer is the second wall: it never hands a string to innerHTML. The HTML is
// parsed into an inert document (DOMParser runs no scripts and loads no images) and rebuilt as
// React elements from an allowlist: formatting tags only, no attributes except an http(s) href.

const KEEP = new Set([
  "p", "br", "a", "span", "strong", "b", "em", "i", "u", "s", "del", "code", "pre",
  "blockquote", "ul", "ol", "li",
]);
/** Dropped with everything inside; any other unknown tag is unwrapped to its text. */
const DROP = new Set([
  "script", "style", "svg", "math", "iframe", "object", "embed", "template", "noscript",
  "frame", "frameset", "link", "meta", "base", "form", "input", "button", "textarea", "select",
  "img", "video", "audio", "source", "picture", "canvas", "head", "title",
]);

/** The URL when it is an absolute http(s) address, else null (javascript:, data:, relative). */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw.trim());
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function convert(node: Node, key: string): ReactNode {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent;
  if (node.nodeType !== Node.ELEMENT_NODE) return null;
  const element = node as Element;
  const tag = element.tagName.toLowerCase();
  if (DROP.has(tag)) return null;
  const children = Array.from(element.childNodes).map((child, i) => convert(child, `${key}.${i}`));
  if (!KEEP.has(tag)) return <Fragment key={key}>{children}</Fragment>;
  if (tag === "br") return <br key={key} />;
  if (tag === "a") {
    const url = safeHttpUrl(element.getAttribute("href"));
    if (!url) return <span key={key}>{children}</span>;
    return (
      <a
        key={key}
        href={url}
        target="_blank"
        rel="noopener noreferrer nofollow"
        title={url}
        onClick={(event) => openLinkInBrowser(event, url)}
      >
        {children}
      </a>
    );
  }
  const Tag = tag as "p";
  return <Tag key={key}>{children}</Tag>;
}

/** Renders the backend's sanitized HTML, or the plain text when there is none. */
export function SafeHtml({ html, text }: { html: string | null; text: string }) {
  if (html === null || html.trim() === "") {
    return <p className="inbox-text-plain">{text}</p>;
  }
  const doc = new DOMParser().parseFromString(html, "text/html");
  return <>{Array.from(doc.body.childNodes).map((child, i) => convert(child, String(i)))}</>;
}
