import { convertFileSrc } from "@tauri-apps/api/core";
import { useState, type CSSProperties } from "react";
import { ImageIcon, WarningIcon } from "../../components/icons";
import { fileName } from "../../lib/files";
import type { Channel, NetworkKind } from "../../lib/ipc/client";
import { brandColor, NetworkBadge, networkLabel } from "../channels/networks";
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

function shownHandle(channel: Channel): string {
  if (channel.network === "bluesky") return `@${channel.handle.replace(/^@/, "")}`;
  if (channel.network === "nostr" && channel.handle.length > 20) {
    return `${channel.handle.slice(0, 12)}…${channel.handle.slice(-6)}`;
  }
  return channel.handle;
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

/** 1–4 images in the network's grid: Mastodon crops to 16:9 tiles, Bluesky keeps squarer ones. */
function ImageGrid({ images, network }: { images: DraftImage[]; network: NetworkKind }) {
  const shown = images.slice(0, 4);
  if (shown.length === 0) return null;
  return (
    <div className={`preview-images preview-images-${network} preview-images-${shown.length}`}>
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
  const name = channel.displayName || channel.handle;
  return (
    <article
      className={`preview preview-${network}`}
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
                  <span className="preview-handle">{shownHandle(channel)}</span>
                  <span className="preview-time"> · now</span>
                </p>
                {contentWarning !== null && network === "mastodon" && (
                  <div className="preview-spoiler">
                    <p className="preview-spoiler-text">{contentWarning}</p>
                    <button type="button" className="preview-spoiler-toggle" onClick={() => setRevealed((r) => !r)}>
                      {revealed ? "Show less" : "Show more"}
                    </button>
                  </div>
                )}
                {contentWarning !== null && network !== "mastodon" && (
                  <div className={network === "bluesky" ? "preview-label" : "preview-label preview-label-nostr"}>
                    <WarningIcon size={14} />
                    <span className="preview-label-text">
                      {network === "nostr" ? `Content warning: ${contentWarning}` : contentWarning}
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
                    {i === 0 && <ImageGrid images={images} network={network} />}
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
