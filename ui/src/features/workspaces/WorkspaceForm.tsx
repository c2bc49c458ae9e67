import { useState, type FormEvent, type ReactNode } from "react";
import { useAppData } from "../../app/appData";
import { useErrors } from "../../app/errors";
import { Field, fieldDescription } from "../../components/Field";
import { TimeZoneSelect } from "../../components/TimeZoneSelect";
import { toIpcError } from "../../lib/ipc/client";
import "./WorkspaceForm.css";

export interface WorkspaceValues {
  name: string;
  timezone: string;
}

type FieldName = keyof WorkspaceValues;
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELDS: readonly FieldName[] = ["name", "timezone"];

function isFieldName(value: string | null): value is FieldName {
  return value !== null && (FIELDS as readonly string[]).includes(value);
}

export function validateWorkspace(
  values: WorkspaceValues,
  zones: readonly string[],
): FieldErrors {
  const errors: FieldErrors = {};
  if (values.name.trim() === "") errors.name = "Enter a name for this workspace.";
  const zone = values.timezone.trim();
  if (zone === "") errors.timezone = "Choose a time zone.";
  else if (zones.length > 0 && !zones.includes(zone)) {
    errors.timezone = "Choose a time zone from the list, e.g. Europe/Berlin.";
  }
  return errors;
}

interface WorkspaceFormProps {
  /** Prefix of the control ids: `${idPrefix}-name`, `-timezone`, `-submit`. */
  idPrefix: string;
  initial: WorkspaceValues;
  submitLabel: string;
  busyLabel: string;
  /** Rejects with an IpcError; field errors are shown inline. May return the stored values. */
  onSubmit: (values: WorkspaceValues) => Promise<WorkspaceValues | void>;
  /** Called whenever the user edits a field. */
  onEdit?: () => void;
  /** Disable the submit button while the values equal `initial`. */
  requireChange?: boolean;
  autoFocus?: boolean;
  /** Extra content in the footer, e.g. a Cancel button or a saved note. */
  footer?: ReactNode;
  className?: string;
}

/**
 * Name + time zone, shared by onboarding, the new-workspace dialog and
 * settings. The typed values are kept whatever the outcome.
 */
export function WorkspaceForm({
  idPrefix,
  initial,
  submitLabel,
  busyLabel,
  onSubmit,
  onEdit,
  requireChange = false,
  autoFocus = false,
  footer,
  className,
}: WorkspaceFormProps) {
  const { timeZones } = useAppData();
  const { showError } = useErrors();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const ids = {
    name: `${idPrefix}-name`,
    timezone: `${idPrefix}-timezone`,
    submit: `${idPrefix}-submit`,
  };

  function update(field: FieldName, value: string) {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    onEdit?.();
  }

  function focusField(field: FieldName) {
    document.getElementById(ids[field])?.focus();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const typedZone = values.timezone.trim().toLowerCase();
    const zone = timeZones.find((z) => z.toLowerCase() === typedZone) ?? values.timezone.trim();
    const candidate = { name: values.name.trim(), timezone: zone };
    if (zone !== values.timezone) setValues((v) => ({ ...v, timezone: zone }));
    const found = validateWorkspace(candidate, timeZones);
    const firstInvalid = FIELDS.find((f) => found[f]);
    if (firstInvalid) {
      setErrors(found);
      focusField(firstInvalid);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const stored = await onSubmit(candidate);
      if (stored) setValues(stored);
    } catch (reason) {
      const error = toIpcError(reason);
      const inline = error.code === "validation" || error.code === "conflict";
      if (inline && isFieldName(error.field)) {
        setErrors({ [error.field]: error.message });
        focusField(error.field);
      } else {
        showError(error);
      }
    } finally {
      setBusy(false);
    }
  }

  const unchanged =
    values.name.trim() === initial.name && values.timezone.trim() === initial.timezone;

  return (
    <form
      className={className ? `workspace-form ${className}` : "workspace-form"}
      onSubmit={submit}
      noValidate
      aria-busy={busy || undefined}
    >
      <Field id={ids.name} label="Brand name" error={errors.name}>
        <input
          id={ids.name}
          className="input"
          type="text"
          value={values.name}
          maxLength={120}
          autoComplete="off"
          placeholder="e.g. Northwind Coffee"
          autoFocus={autoFocus}
          data-autofocus={autoFocus ? "" : undefined}
          onChange={(event) => update("name", event.target.value)}
          {...fieldDescription(ids.name, errors.name)}
        />
      </Field>
      <Field
        id={ids.timezone}
        label="Time zone"
        hint="Posts are scheduled in this zone's local time."
        error={errors.timezone}
      >
        <TimeZoneSelect
          id={ids.timezone}
          value={values.timezone}
          zones={timeZones}
          onChange={(value) => update("timezone", value)}
          {...fieldDescription(ids.timezone, errors.timezone, true)}
        />
      </Field>
      <div className="workspace-form-footer">
        {footer}
        <button
          id={ids.submit}
          type="submit"
          className="button button-primary"
          disabled={busy || (requireChange && unchanged)}
        >
          {busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}
