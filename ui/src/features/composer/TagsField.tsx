import { useEffect, useState, type KeyboardEvent } from "react";
import { CloseIcon } from "../../components/icons";
import { Field, fieldDescription } from "../../components/Field";
import * as ipc from "../../lib/ipc/client";
import type { TagCount } from "../../lib/ipc/client";

/** As post_tags.rs: the limits, checked here first so the user hears at once. */
const MAX_TAGS = 10;
const MAX_TAG_CHARS = 40;

/** The reason `tag` cannot be added next to `tags`, or null. */
export function tagProblem(tag: string, tags: readonly string[]): string | null {
  if (Array.from(tag).length > MAX_TAG_CHARS) return `The tag "${tag}" is longer than ${MAX_TAG_CHARS} characters.`;
  if (tags.some((t) => t.toLocaleLowerCase() === tag.toLocaleLowerCase())) return `The post already has the tag "${tag}".`;
  if (tags.length >= MAX_TAGS) return `A post can have at most ${MAX_TAGS} tags.`;
  return null;
}

/**
 * The post's tags (the user's own labels for the calendar's filter, never published): typed
 * and added with Enter or a comma, the workspace's existing tags offered as you type.
 */
export function TagsField({
  id,
  workspaceId,
  tags,
  error,
  onChange,
}: {
  id: string;
  workspaceId: number;
  tags: string[];
  error?: string;
  onChange: (tags: string[]) => void;
}) {
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [known, setKnown] = useState<TagCount[]>([]);

  useEffect(() => {
    let cancelled = false;
    ipc.postTags(workspaceId).then(
      (found) => {
        if (!cancelled) setKnown(found);
      },
      // Suggestions are a convenience: without them the field still works.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [workspaceId]);

  function add(raw: string) {
    const tag = raw.split(/\s+/).filter(Boolean).join(" ");
    if (tag === "") return;
    const why = tagProblem(tag, tags);
    setProblem(why);
    if (why) return;
    onChange([...tags, tag]);
    setTyped("");
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(typed);
    } else if (event.key === "Backspace" && typed === "" && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  const shown = error ?? problem ?? undefined;
  const listId = `${id}-known`;
  return (
    <Field id={id} label="Tags" error={shown} hint="Your own labels, to find and filter posts on the calendar. Never published.">
      <div className="tags-field">
        {tags.length > 0 && (
          <ul className="tags-field-list" aria-label="Tags of this post">
            {tags.map((tag) => (
              <li key={tag.toLocaleLowerCase()} className="tag-chip">
                <span>{tag}</span>
                <button
                  type="button"
                  className="tag-chip-remove"
                  aria-label={`Remove the tag ${tag}`}
                  onClick={() => onChange(tags.filter((t) => t !== tag))}
                >
                  <CloseIcon size={12} />
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          id={id}
          className="input input-small tags-field-input"
          value={typed}
          list={listId}
          placeholder={tags.length === 0 ? "Add a tag and press Enter" : "Add another"}
          onChange={(e) => {
            setProblem(null);
            // Pasting "a, b" adds both.
            const parts = e.target.value.split(",");
            if (parts.length > 1) {
              let next = [...tags];
              for (const part of parts.slice(0, -1)) {
                const tag = part.trim();
                if (tag !== "" && tagProblem(tag, next) === null) next = [...next, tag];
              }
              onChange(next);
              setTyped(parts.at(-1) ?? "");
            } else setTyped(e.target.value);
          }}
          onKeyDown={keyDown}
          onBlur={() => add(typed)}
          {...fieldDescription(id, shown, true)}
        />
        <datalist id={listId}>
          {known
            .filter((k) => !tags.some((t) => t.toLocaleLowerCase() === k.tag.toLocaleLowerCase()))
            .map((k) => (
              <option key={k.tag} value={k.tag}>
                {k.posts === 1 ? "1 post" : `${k.posts} posts`}
              </option>
            ))}
        </datalist>
      </div>
    </Field>
  );
}
