import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type Ref, type TextareaHTMLAttributes } from "react";
import * as ipc from "../../lib/ipc/client";
import type { TagSuggestion } from "../../lib/ipc/client";

/** The #tag or @mention being typed just before the caret, with where it starts. */
export function tokenAtCaret(value: string, caret: number): { start: number; prefix: string } | null {
  const before = value.slice(0, caret);
  const m = /(?:^|[\s(])([#@][\p{L}\p{N}_][\p{L}\p{N}_.@-]*)$/u.exec(before);
  if (!m) return null;
  return { start: caret - m[1].length, prefix: m[1] };
}

type Props = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "value" | "onChange"> & {
  id: string;
  value: string;
  onChange: (value: string) => void;
  workspaceId: number;
  ref?: Ref<HTMLTextAreaElement>;
};

/**
 * A textarea that suggests the workspace's own #hashtags and @mentions while one is typed:
 * ↑/↓ choose, Enter or Tab take it, Escape closes the list (an ARIA combobox with a listbox).
 */
export function TagTextarea({ id, value, onChange, workspaceId, ref, onKeyDown, onBlur, ...rest }: Props) {
  const listId = useId();
  const own = useRef<HTMLTextAreaElement | null>(null);
  const [token, setToken] = useState<{ start: number; prefix: string } | null>(null);
  const [results, setResults] = useState<{ prefix: string; list: TagSuggestion[] }>({ prefix: "", list: [] });
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const request = useRef(0);
  // Where the caret goes once an accepted suggestion's text has been rendered.
  const pendingCaret = useRef<number | null>(null);

  useLayoutEffect(() => {
    const el = own.current;
    const caret = pendingCaret.current;
    if (el === null || caret === null || el.value !== value) return;
    pendingCaret.current = null;
    el.focus();
    el.setSelectionRange(caret, caret);
  }, [value]);

  const options = token !== null && results.prefix === token.prefix ? results.list : [];
  const open = token !== null && options.length > 0 && dismissed !== token.prefix;

  useEffect(() => {
    if (!token) return;
    const mine = ++request.current;
    const prefix = token.prefix;
    ipc.suggestTags(workspaceId, prefix).then(
      (found) => {
        if (request.current !== mine) return;
        // The exact word already typed is no suggestion.
        setResults({ prefix, list: found.filter((s) => s.text !== prefix) });
        setActive(0);
      },
      () => {
        if (request.current === mine) setResults({ prefix, list: [] });
      },
    );
  }, [token, workspaceId]);

  function track(el: HTMLTextAreaElement) {
    const caret = el.selectionStart === el.selectionEnd ? el.selectionStart : -1;
    const next = caret >= 0 ? tokenAtCaret(el.value, caret) : null;
    setToken((old) => (old?.prefix === next?.prefix && old?.start === next?.start ? old : next));
  }

  function accept(option: TagSuggestion) {
    if (!own.current || !token) return;
    const end = token.start + token.prefix.length;
    const after = value.slice(end);
    const insert = after.startsWith(" ") ? option.text : `${option.text} `;
    const next = value.slice(0, token.start) + insert + after;
    onChange(next);
    setToken(null);
    // Set in the same commit as the new text (not a frame later, when more may have been typed).
    pendingCaret.current = token.start + insert.length + (after.startsWith(" ") ? 1 : 0);
  }

  function keyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((i) => (i + step + options.length) % options.length);
        return;
      }
      if ((event.key === "Enter" && !event.ctrlKey && !event.metaKey) || event.key === "Tab") {
        event.preventDefault();
        accept(options[active]);
        return;
      }
      if (event.key === "Escape") {
        // Closes the list, not the dialog around the composer.
        event.preventDefault();
        event.stopPropagation();
        setDismissed(token?.prefix ?? null);
        return;
      }
    }
    onKeyDown?.(event);
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  return (
    <div className="tag-textarea">
      <textarea
        {...rest}
        ref={(el) => {
          own.current = el;
          if (typeof ref === "function") ref(el);
          else if (ref) ref.current = el;
        }}
        id={id}
        value={value}
        role="combobox"
        aria-multiline="true"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        aria-activedescendant={open ? optionId(active) : undefined}
        onChange={(e) => {
          onChange(e.target.value);
          track(e.target);
        }}
        onSelect={(e) => track(e.currentTarget)}
        onKeyDown={keyDown}
        onBlur={(e) => {
          setToken(null);
          onBlur?.(e);
        }}
      />
      {open && (
        <ul className="tag-suggestions" id={listId} role="listbox" aria-label="Suggestions" data-testid="tag-suggestions">
          {options.map((option, i) => (
            <li
              key={option.text}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? "tag-suggestion tag-suggestion-active" : "tag-suggestion"}
              onMouseDown={(e) => {
                // Keep the focus (and the caret) in the textarea.
                e.preventDefault();
                accept(option);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span className="tag-suggestion-text">{option.text}</span>
              <span className="tag-suggestion-uses">
                {option.uses} {option.uses === 1 ? "post" : "posts"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
