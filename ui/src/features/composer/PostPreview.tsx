import { convertFileSrc } from "@tauri-apps/api/core";
import { useState, type CSSProperties } from "react";
import { ImageIcon, WarningIcon } from "../../components/icons";
import { fileName } from "../../lib/files";
import type { Channel, PreviewStyle } from "../../lib/ipc/client";
import { brandColor, capabilitiesOf, isNetworkKind, NetworkBadge, networkLabel } from "../channels/networks";
import type { DraftImage } from "./draft";
import { tokenize } from "./richText";

/** "Harbour Bakery" → "HB"; "@ada@mastodon.social" → "A". */
export function initials(name: string): string {
  const words = name
    .replace(/^@/, "")
    .split(/[\s._@-]+/u)
    .filter((w) => w !== "");
  const letters = words.slice(0, 2).map((w) => Array.from(w)[0]?.toUpperCase() ?? "");
  return letters.join("") || "?";
}

/** What a network nobody declared would look like: plain. */
const PLAIN: PreviewStyle = {
  handle: "as_stored",
  squareAvatars: false,
  underlineLinks: false,
  warning: { kind: "label", prefix: "" },
  oneImageAspect: "4 / 3",
  imagesAspect: "3 / 2",
  imageRadius: 8,
  likeWord: "Like",
};

function previewStyle(channel: Channel): PreviewStyle {
  return isNetworkKind(channel.network) ? capabilitiesOf(channel.network).preview : PLAIN;
}

function shownHandle(channel: Channel, style: PreviewStyle): string {
  switch (style.handle) {
    case "at_prefixed":
      return `@${channel.handle.replace(/^@/, "")}`;
    case "shortened":
      return channel.handle.length > 20 ? `${channel.handle.slice(0, 12)}…${channel.handle.slice(-6)}` : channel.handle;
    case "as_stored":
      return channel.handle;
  }
}

/** The user's text as React text nodes with links, mentions and tags marked: never HTML. */
export function RichText({ text }: { text: string }) {
  return (
    <>
      {tokenize(text).map((token, i) =>
        token.kind === "text" ? (
          <span key={i}>{token.text}</span>
        ) : (
          <span key={i} className={`rich-${token.kind}`}>
            {token.text}
          </span>
        ),
      )}
    </>
  );
}

function imageSource(path: string): string | null {
  try {
    return convertFileSrc(path);
  } catch {
    return null;
  }
}

function PreviewImage({ image }: { image: DraftImage }) {
  const [failed, setFailed] = useState(false);
  const src = failed ? null : imageSource(image.path);
  return (
    <figure className="preview-image" title={image.alt || fileName(image.path)}>
      {src && <img src={src} alt={image.alt} onError={() => setFailed(true)} />}
      {!src && (
        <span className="preview-image-placeholder" aria-hidden="true">
          <ImageIcon size={20} />
        </span>
      )}
      {image.alt.trim() !== "" && <span className="preview-image-alt">ALT</span>}
    </figure>
  );
}

/** 1–4 images in the network's grid, in its declared box (Mastodon crops to 16:9). */
function ImageGrid({ images, style }: { images: DraftImage[]; style: PreviewStyle }) {
  const shown = images.slice(0, 4);
  if (shown.length === 0) return null;
  const box = {
    aspectRatio: shown.length === 1 ? style.oneImageAspect : style.imagesAspect,
    borderRadius: `${style.imageRadius}px`,
  } as CSSProperties;
  return (
    <div className={`preview-images preview-images-${shown.length}`} style={box}>
      {shown.map((image) => (
        <PreviewImage key={image.key} image={image} />
      ))}
    </div>
  );
}

interface PostPreviewProps {
  channel: Channel;
  /** The first post's text for this channel, then the thread. */
  parts: string[];
  images: DraftImage[];
  contentWarning: string | null;
  language: string;
}

/** One channel's post as its network would draw it. */
export function PostPreview({ channel, parts, images, contentWarning, language }: PostPreviewProps) {
  const [revealed, setRevealed] = useState(false);
  const network = channel.network;
  const style = previewStyle(channel);
  const name = channel.displayName || channel.handle;
  const classes = ["preview", style.squareAvatars && "preview-square-avatars", style.underlineLinks && "preview-underline-links"];
  return (
    <article
      className={classes.filter(Boolean).join(" ")}
      style={{ "--network-color": brandColor(network) } as CSSProperties}
      aria-label={`Preview on ${networkLabel(network)} as ${channel.handle}`}
      data-testid={`preview-${channel.id}`}
      lang={language || undefined}
    >
      <header className="preview-network">
        <NetworkBadge network={network} size="sm" />
        <span>{networkLabel(network)}</span>
      </header>
      <ol className="preview-thread">
        {parts.map((part, i) => {
          const hidden = contentWarning !== null && !revealed;
          return (
            <li key={i} className="preview-post">
              <span className="preview-avatar" aria-hidden="true">
                {initials(name)}
              </span>
              <div className="preview-body">
                <p className="preview-author">
                  <span className="preview-name">{name}</span>{" "}
                  <span className="preview-handle">{shownHandle(channel, style)}</span>
                  <span className="preview-time"> · now</span>
                </p>
                {contentWarning !== null && style.warning.kind === "spoiler" && (
                  <div className="preview-spoiler">
                    <p className="preview-spoiler-text">{contentWarning}</p>
                    <button type="button" className="preview-spoiler-toggle" onClick={() => setRevealed((r) => !r)}>
                      {revealed ? "Show less" : "Show more"}
                    </button>
                  </div>
                )}
                {contentWarning !== null && style.warning.kind === "label" && (
                  <div className="preview-label">
                    <WarningIcon size={14} />
                    <span className="preview-label-text">
                      {style.warning.prefix}
                      {contentWarning}
                    </span>
                    <button type="button" className="preview-label-toggle" onClick={() => setRevealed((r) => !r)}>
                      {revealed ? "Hide" : "Show"}
                    </button>
                  </div>
                )}
                {!hidden && (
                  <>
                    {part.trim() !== "" && (
                      <p className="preview-text">
                        <RichText text={part} />
                      </p>
                    )}
                    {i === 0 && <ImageGrid images={images} style={style} />}
                  </>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </article>
  );
}
