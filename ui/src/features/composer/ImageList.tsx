import { CloseIcon, ImageIcon, WarningIcon } from "../../components/icons";
import { fileName } from "../../lib/files";
import type { DraftImage } from "./draft";

interface ImageListProps {
  idPrefix: string;
  id: string;
  images: DraftImage[];
  onAlt: (key: number, alt: string) => void;
  onRemove: (key: number) => void;
}

/** The first post's images, each with its alt text. */
export function ImageList({ idPrefix, id, images, onAlt, onRemove }: ImageListProps) {
  if (images.length === 0) return null;
  return (
    <ul className="image-list" id={id} aria-label="Images">
      {images.map((image) => {
        const inputId = `${idPrefix}-image-${image.key}`;
        const name = image.name ?? fileName(image.path);
        return (
          <li key={image.key} className="image-row">
            <span className="image-row-icon">
              <ImageIcon />
            </span>
            <div className="image-row-main">
              <span className="image-row-name" title={image.path}>
                {name}
              </span>
              <label className="visually-hidden" htmlFor={inputId}>
                Alt text for {name}
              </label>
              <input
                id={inputId}
                className="input image-alt"
                type="text"
                placeholder="Describe the image for people who can't see it"
                value={image.alt}
                aria-describedby={image.alt.trim() === "" ? `${inputId}-warning` : undefined}
                onChange={(e) => onAlt(image.key, e.target.value)}
              />
              {image.alt.trim() === "" && (
                <p className="field-warning" id={`${inputId}-warning`}>
                  <WarningIcon size={14} />
                  <span>No alt text: people using screen readers won't know what this image shows.</span>
                </p>
              )}
            </div>
            <button type="button" className="icon-button" aria-label={`Remove ${name}`} onClick={() => onRemove(image.key)}>
              <CloseIcon />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
