import { useState, type FormEvent } from "react";
import { usePublishing } from "../../app/publishing";
import { Field, fieldDescription } from "../../components/Field";
import { isIpcError } from "../../lib/ipc/client";
import { SettingsSection } from "./SettingsSection";

const MAX_MINUTES = 7 * 24 * 60;

/** The missed-post policy: how late a post found overdue may still go out. */
export function LatePostsSettings() {
  const { missedGraceMinutes, setMissedGraceMinutes } = usePublishing();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const shown = draft ?? (missedGraceMinutes === null ? "" : String(missedGraceMinutes));

  async function save(event: FormEvent) {
    event.preventDefault();
    const minutes = Number(shown.trim());
    if (shown.trim() === "" || !Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES) {
      setError(`Enter whole minutes from 0 to ${MAX_MINUTES} (a week).`);
      return;
    }
    try {
      await setMissedGraceMinutes(minutes);
      setDraft(null);
      setError(undefined);
      setSaved(true);
    } catch (reason) {
      setError(isIpcError(reason) ? reason.message : String(reason));
    }
  }

  return (
    <SettingsSection
      id="settings-late-title"
      title="Late posts"
      description="When Chorus was closed, asleep or paused as a post came due."
    >
      <form className="late-posts-form" onSubmit={(e) => void save(e)} noValidate>
        <Field
          id="settings-missed-grace"
          label="Still publish if late by less than (minutes)"
          hint="Later than that, the post is marked missed and you are told; nothing goes out unexpectedly."
          error={error}
        >
          <input
            id="settings-missed-grace"
            className="input"
            inputMode="numeric"
            value={shown}
            disabled={missedGraceMinutes === null}
            onChange={(e) => {
              setDraft(e.target.value);
              setSaved(false);
            }}
            {...fieldDescription("settings-missed-grace", error, true)}
          />
        </Field>
        <div className="form-actions">
          {saved && (
            <span className="saved-note" role="status">
              Saved
            </span>
          )}
          <button type="submit" className="button button-primary" disabled={draft === null}>
            Save
          </button>
        </div>
      </form>
    </SettingsSection>
  );
}
