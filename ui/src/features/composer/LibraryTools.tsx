import { useState } from "react";
import { FieldError } from "../../components/Field";
import * as ipc from "../../lib/ipc/client";
import type { Channel, PostTemplate } from "../../lib/ipc/client";
import type { ComposerDraft } from "./draft";
import { LibraryDialog } from "./LibraryDialog";
import { MenuButton } from "./MenuButton";
import { useWritingLibrary } from "./useWritingLibrary";

interface LibraryToolsProps {
  workspaceId: number;
  draft: ComposerDraft;
  channels: Channel[];
  onInsert: (text: string) => void;
  onTemplate: (template: PostTemplate) => void;
}

function excerpt(text: string, max = 48): string {
  const line = text.replace(/\s+/gu, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Hashtag groups and snippets to insert, templates to start from or save, and the library manager. */
export function LibraryTools({ workspaceId, draft, channels, onInsert, onTemplate }: LibraryToolsProps) {
  const { library, save } = useWritingLibrary(workspaceId);
  const [managing, setManaging] = useState(false);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  async function saveTemplate() {
    setError(null);
    try {
      const template: PostTemplate = {
        name,
        text: draft.text,
        thread: draft.thread.map((p) => p.text),
        channelIds: draft.selected.filter((id) => channels.some((c) => c.id === id)),
      };
      await save({ ...library, templates: [...library.templates, template] });
      setNaming(false);
      setSaved(`Saved the template "${name.trim()}"`);
      setName("");
    } catch (reason) {
      setError(ipc.toIpcError(reason).message);
    }
  }

  return (
    <>
      <MenuButton
        label="Hashtags"
        empty="No hashtag groups yet: add some in the library."
        items={library.hashtagGroups.map((g) => ({
          key: g.name,
          label: g.name,
          detail: excerpt(g.tags.join(" ")),
          onSelect: () => onInsert(g.tags.join(" ")),
        }))}
        footer={[{ key: "manage", label: "Manage library…", onSelect: () => setManaging(true) }]}
      />
      <MenuButton
        label="Snippets"
        empty="No snippets yet: add some in the library."
        items={library.snippets.map((s) => ({ key: s.name, label: s.name, detail: excerpt(s.text), onSelect: () => onInsert(s.text) }))}
        footer={[{ key: "manage", label: "Manage library…", onSelect: () => setManaging(true) }]}
      />
      <MenuButton
        label="Templates"
        empty="No templates yet."
        items={library.templates.map((t) => ({ key: t.name, label: t.name, detail: excerpt(t.text), onSelect: () => onTemplate(t) }))}
        footer={[
          {
            key: "save",
            label: "Save this post as a template…",
            onSelect: () => {
              setNaming(true);
              setSaved(null);
              requestAnimationFrame(() => document.getElementById("template-name")?.focus());
            },
          },
          { key: "manage", label: "Manage library…", onSelect: () => setManaging(true) },
        ]}
      />
      {saved && !naming && (
        <span className="library-saved" role="status">
          {saved}
        </span>
      )}
      {naming && (
        <div className={error ? "template-form field-invalid" : "template-form"}>
          <label className="field-label" htmlFor="template-name">
            Template name
          </label>
          <input
            id="template-name"
            className="input input-small"
            value={name}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "template-name-error" : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void saveTemplate();
              } else if (e.key === "Escape") {
                e.preventDefault();
                e.stopPropagation();
                setNaming(false);
              }
            }}
          />
          <button type="button" className="button button-small button-primary" onClick={() => void saveTemplate()}>
            Save template
          </button>
          <button type="button" className="button button-small" onClick={() => setNaming(false)}>
            Cancel
          </button>
          {error && <FieldError id="template-name-error" message={error} />}
        </div>
      )}
      {managing && <LibraryDialog library={library} onSave={save} onClose={() => setManaging(false)} />}
    </>
  );
}
