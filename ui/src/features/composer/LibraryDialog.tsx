import { useState } from "react";
import { Dialog } from "../../components/Dialog";
import { FieldError } from "../../components/Field";
import { CloseIcon, PlusIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { WritingLibrary } from "../../lib/ipc/client";

type Section = "hashtagGroups" | "snippets" | "templates";

interface GroupRow {
  key: number;
  name: string;
  tags: string;
}

interface LibraryDialogProps {
  library: WritingLibrary;
  onSave: (library: WritingLibrary) => Promise<WritingLibrary>;
  onClose: () => void;
}

/** Edit the workspace's hashtag groups, snippets and templates; the backend's refusals show by their section. */
export function LibraryDialog({ library, onSave, onClose }: LibraryDialogProps) {
  let key = 1;
  const [groups, setGroups] = useState<GroupRow[]>(() =>
    library.hashtagGroups.map((g) => ({ key: key++, name: g.name, tags: g.tags.join(" ") })),
  );
  const [snippets, setSnippets] = useState(() => library.snippets.map((s) => ({ key: key++, ...s })));
  const [templates, setTemplates] = useState(() => library.templates.map((t) => ({ key: key++, ...t })));
  const [nextKey, setNextKey] = useState(1000);
  const [errors, setErrors] = useState<Partial<Record<Section | "other", string>>>({});
  const [busy, setBusy] = useState(false);
  const fresh = () => {
    setNextKey((k) => k + 1);
    return nextKey;
  };

  async function save() {
    setBusy(true);
    setErrors({});
    try {
      await onSave({
        hashtagGroups: groups.map((g) => ({ name: g.name, tags: g.tags.split(/[\s,]+/u).filter((t) => t !== "") })),
        snippets: snippets.map(({ name, text }) => ({ name, text })),
        templates: templates.map(({ name, text, thread, channelIds }) => ({ name, text, thread, channelIds })),
      });
      onClose();
    } catch (reason) {
      const error = ipc.toIpcError(reason);
      const field = error.field;
      if (field === "hashtagGroups" || field === "snippets" || field === "templates") setErrors({ [field]: error.message });
      else setErrors({ other: error.message });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title="Writing library" description="Hashtag groups, snippets and templates of this workspace." onClose={onClose} size="lg" testId="library-dialog">
      <div className="library">
        <section className="library-section" aria-labelledby="library-groups">
          <h3 id="library-groups" className="details-heading">
            Hashtag groups
          </h3>
          {groups.map((g, i) => (
            <div key={g.key} className="library-row">
              <input
                className="input library-name"
                aria-label={`Name of hashtag group ${i + 1}`}
                placeholder="Name"
                value={g.name}
                onChange={(e) => setGroups((l) => l.map((x) => (x.key === g.key ? { ...x, name: e.target.value } : x)))}
              />
              <input
                className="input"
                aria-label={`Hashtags of group ${i + 1}`}
                placeholder="#bread #sourdough"
                value={g.tags}
                onChange={(e) => setGroups((l) => l.map((x) => (x.key === g.key ? { ...x, tags: e.target.value } : x)))}
              />
              <button type="button" className="icon-button" aria-label={`Remove hashtag group ${i + 1}`} onClick={() => setGroups((l) => l.filter((x) => x.key !== g.key))}>
                <CloseIcon />
              </button>
            </div>
          ))}
          <button type="button" className="button button-small button-ghost" onClick={() => setGroups((l) => [...l, { key: fresh(), name: "", tags: "" }])}>
            <PlusIcon />
            Add a hashtag group
          </button>
          {errors.hashtagGroups && <FieldError message={errors.hashtagGroups} />}
        </section>

        <section className="library-section" aria-labelledby="library-snippets">
          <h3 id="library-snippets" className="details-heading">
            Snippets
          </h3>
          {snippets.map((s, i) => (
            <div key={s.key} className="library-row">
              <input
                className="input library-name"
                aria-label={`Name of snippet ${i + 1}`}
                placeholder="Name"
                value={s.name}
                onChange={(e) => setSnippets((l) => l.map((x) => (x.key === s.key ? { ...x, name: e.target.value } : x)))}
              />
              <textarea
                className="input"
                rows={2}
                aria-label={`Text of snippet ${i + 1}`}
                value={s.text}
                onChange={(e) => setSnippets((l) => l.map((x) => (x.key === s.key ? { ...x, text: e.target.value } : x)))}
              />
              <button type="button" className="icon-button" aria-label={`Remove snippet ${i + 1}`} onClick={() => setSnippets((l) => l.filter((x) => x.key !== s.key))}>
                <CloseIcon />
              </button>
            </div>
          ))}
          <button type="button" className="button button-small button-ghost" onClick={() => setSnippets((l) => [...l, { key: fresh(), name: "", text: "" }])}>
            <PlusIcon />
            Add a snippet
          </button>
          {errors.snippets && <FieldError message={errors.snippets} />}
        </section>

        <section className="library-section" aria-labelledby="library-templates">
          <h3 id="library-templates" className="details-heading">
            Templates
          </h3>
          {templates.length === 0 && <p className="muted">Save a post as a template from the composer's Templates menu.</p>}
          {templates.map((t, i) => (
            <div key={t.key} className="library-row">
              <input
                className="input library-name"
                aria-label={`Name of template ${i + 1}`}
                value={t.name}
                onChange={(e) => setTemplates((l) => l.map((x) => (x.key === t.key ? { ...x, name: e.target.value } : x)))}
              />
              <textarea
                className="input"
                rows={2}
                aria-label={`Text of template ${i + 1}`}
                value={t.text}
                onChange={(e) => setTemplates((l) => l.map((x) => (x.key === t.key ? { ...x, text: e.target.value } : x)))}
              />
              <button type="button" className="icon-button" aria-label={`Remove template ${i + 1}`} onClick={() => setTemplates((l) => l.filter((x) => x.key !== t.key))}>
                <CloseIcon />
              </button>
            </div>
          ))}
          {errors.templates && <FieldError message={errors.templates} />}
        </section>
        {errors.other && <FieldError message={errors.other} />}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
            {busy ? "Saving…" : "Save library"}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
