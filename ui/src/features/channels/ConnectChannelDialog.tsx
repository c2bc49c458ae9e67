import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useChannels } from "../../app/channels";
import { useToasts } from "../../app/toasts";
import { useUi } from "../../app/ui";
import { Dialog } from "../../components/Dialog";
import { ErrorNotice } from "../../components/ErrorBanner";
import { Field, fieldDescription } from "../../components/Field";
import { AlertIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { Channel, ConnectField, ConnectMethod, IpcError, NetworkKind, Workspace } from "../../lib/ipc/client";
import { NETWORK_ORDER, NetworkBadge, capabilitiesOf, hostOf, networkLabel } from "./networks";
import "./Channels.css";

// The form is drawn from the network's own declaration (its capabilities' `connect`: the ways
// to connect and their fields), so a new network brings its form with it.

type Answers = Record<string, string>;
type FieldErrors = Record<string, string | undefined>;

/** "serviceUrl" -> "connect-service-url" (the element id; its error is "<id>-error"). */
export function fieldId(name: string): string {
  return `connect-${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The ways to connect offered: a reconnect only those that sign the same account in again. */
function methodsOf(network: NetworkKind, reconnecting: boolean): ConnectMethod[] {
  return capabilitiesOf(network).connect.filter((m) => !reconnecting || m.reconnects);
}

/** Every field of every network, from its default, or on a reconnect from the stored settings. */
function initialAnswers(channel: Channel | null): Record<NetworkKind, Answers> {
  const stored = (channel?.config ?? {}) as Record<string, unknown>;
  const all = {} as Record<NetworkKind, Answers>;
  for (const network of NETWORK_ORDER) {
    const answers: Answers = {};
    for (const field of capabilitiesOf(network).connect.flatMap((m) => m.fields)) {
      const kept = channel?.network === network ? stored[field.name] : undefined;
      answers[field.name] = Array.isArray(kept) ? kept.join("\n") : typeof kept === "string" ? kept : field.default;
    }
    all[network] = answers;
  }
  return all;
}

/** The declared "required" checks, as the backend makes them first (it also checks addresses). */
function missing(method: ConnectMethod, answers: Answers): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of method.fields) {
    if (field.required !== "" && (answers[field.name] ?? "").trim() === "") errors[field.name] = field.required;
  }
  return errors;
}

interface ConnectChannelDialogProps {
  workspace: Workspace;
  /** Set: reconnect this channel (its network is fixed and its settings prefilled). */
  reconnect: Channel | null;
  initialNetwork?: NetworkKind;
}

function FieldInput({
  field,
  value,
  error,
  autoFocus,
  onChange,
}: {
  field: ConnectField;
  value: string;
  error: string | undefined;
  autoFocus: boolean;
  onChange: (value: string) => void;
}) {
  const id = fieldId(field.name);
  const common = {
    id,
    className: "input",
    spellCheck: false,
    autoCapitalize: "off",
    placeholder: field.placeholder || undefined,
    value,
    "data-autofocus": autoFocus ? "" : undefined,
    ...fieldDescription(id, error, field.hint !== ""),
  };
  if (field.kind === "lines") {
    return <textarea {...common} rows={4} onChange={(e) => onChange(e.target.value)} />;
  }
  return (
    <input
      {...common}
      type={field.kind === "secret" ? "password" : field.kind === "url" ? "url" : "text"}
      inputMode={field.kind === "url" ? "url" : undefined}
      autoComplete="off"
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

export function ConnectChannelDialog({ workspace, reconnect, initialNetwork }: ConnectChannelDialogProps) {
  const { closeDialog } = useUi();
  const { saved } = useChannels();
  const { showToast } = useToasts();
  const [network, setNetwork] = useState<NetworkKind>(reconnect?.network ?? initialNetwork ?? NETWORK_ORDER[0]);
  const methods = methodsOf(network, reconnect !== null);
  const [methodIds, setMethodIds] = useState<Partial<Record<NetworkKind, string>>>({});
  const method = methods.find((m) => m.id === methodIds[network]) ?? methods[0];
  const [answers, setAnswers] = useState(() => initialAnswers(reconnect));
  const values = answers[network];
  const [errors, setErrors] = useState<FieldErrors>({});
  /** A problem with the whole form: the network's refusal, or a validation error without a field. */
  const [problem, setProblem] = useState<{ title: string; message: string } | null>(null);
  /** Not about the form (keychain, database): shown like the banner, inside the dialog. */
  const [notice, setNotice] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  /** The server whose approval page is open in the browser (a browser sign-in). */
  const [waitingFor, setWaitingFor] = useState<string | null>(null);
  // Bumped by Cancel: a late answer of an abandoned request is not shown.
  const attempt = useRef(0);
  const label = networkLabel(network);
  const cancelWaitRef = useRef<HTMLButtonElement>(null);
  const wasWaiting = useRef(false);

  // The dialog stays mounted while its content swaps: move focus along so
  // Escape and Tab keep working.
  useEffect(() => {
    if (waitingFor !== null) cancelWaitRef.current?.focus();
    else if (wasWaiting.current && method.fields[0]) document.getElementById(fieldId(method.fields[0].name))?.focus();
    wasWaiting.current = waitingFor !== null;
  }, [waitingFor, method]);

  function update(name: string, value: string) {
    setAnswers((all) => ({ ...all, [network]: { ...all[network], [name]: value } }));
    setErrors((e) => (e[name] ? { ...e, [name]: undefined } : e));
    setProblem(null);
  }

  function chooseNetwork(next: NetworkKind) {
    setNetwork(next);
    setErrors({});
    setProblem(null);
    setNotice(null);
  }

  function chooseMethod(id: string) {
    setMethodIds((m) => ({ ...m, [network]: id }));
    setErrors({});
    setProblem(null);
  }

  function focusField(name: string) {
    document.getElementById(fieldId(name))?.focus();
  }

  function stopWaiting() {
    attempt.current += 1;
    setWaitingFor(null);
    setBusy(false);
  }

  function close() {
    attempt.current += 1;
    closeDialog();
  }

  function showFailure(reason: unknown) {
    const error = ipc.toIpcError(reason);
    const formCode = error.code === "validation" || error.code === "conflict" || error.code === "network";
    const field = method.fields.find((f) => f.name === error.field);
    if (formCode && field) {
      setErrors({ [field.name]: error.message });
      focusField(field.name);
    } else if (error.code === "network") {
      setProblem({ title: `${label} didn't accept this`, message: error.message });
    } else if (error.code === "validation" || error.code === "conflict") {
      setProblem({ title: "Check your input", message: error.message });
    } else {
      setNotice(error);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = missing(method, values);
    const firstInvalid = method.fields.find((f) => found[f.name]);
    if (firstInvalid) {
      setErrors(found);
      focusField(firstInvalid.name);
      return;
    }
    setErrors({});
    setProblem(null);
    setNotice(null);
    const id = ++attempt.current;
    setBusy(true);
    const sent: Answers = {};
    for (const field of method.fields) sent[field.name] = values[field.name] ?? "";
    if (method.browser) setWaitingFor(method.fields.map((f) => values[f.name]).find((v) => v?.trim()) ?? label);
    try {
      const channel = await ipc.connectChannel({
        workspaceId: workspace.id,
        channelId: reconnect?.id ?? null,
        network,
        answers: { method: method.id, values: sent },
      });
      // Even if the user stopped waiting, the account did get connected.
      saved(channel);
      if (id !== attempt.current) return;
      showToast({
        tone: "success",
        title: reconnect ? `Reconnected ${channel.handle}` : `Connected ${channel.handle}`,
        message: `${networkLabel(channel.network)} is ready for ${workspace.name}'s posts.`,
      });
      closeDialog();
    } catch (reason) {
      if (id !== attempt.current) return;
      setWaitingFor(null);
      showFailure(reason);
    } finally {
      if (id === attempt.current) setBusy(false);
    }
  }

  const title = reconnect ? `Reconnect ${reconnect.handle}` : "Connect a channel";
  const description = reconnect
    ? `Sign in to ${label} again so Chorus can publish to this account.`
    : `Chorus publishes ${workspace.name}'s posts to this account from this computer.`;

  if (waitingFor !== null) {
    return (
      <Dialog title={title} description={description} onClose={close} testId="connect-dialog">
        <div className="oauth-wait" role="status" data-testid="oauth-waiting">
          <span className="spinner" aria-hidden="true" />
          <p className="oauth-wait-title">Waiting for you to approve Chorus…</p>
          <p>
            Chorus opened {hostOf(waitingFor)} in your browser. Sign in there and choose
            Authorize; this window continues by itself. Chorus stops waiting after 5 minutes.
          </p>
          <button ref={cancelWaitRef} type="button" className="button" onClick={stopWaiting}>
            Cancel
          </button>
        </div>
      </Dialog>
    );
  }

  // The first field still to be filled takes the focus (on a reconnect: the secret).
  const autoFocused = method.fields.find((f) => (values[f.name] ?? "") === "") ?? method.fields[0];
  const fields: ReactNode = (
    <>
      {methods.length > 1 && (
        <fieldset className="key-choice" data-testid="connect-methods">
          <legend>How</legend>
          {methods.map((m) => (
            <label key={m.id} className="radio-row">
              <input
                type="radio"
                name={`connect-method-${network}`}
                value={m.id}
                checked={m.id === method.id}
                onChange={() => chooseMethod(m.id)}
              />
              <span>
                {m.label}
                {m.note && <span className="radio-row-note">{m.note}</span>}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {method.fields.map((field) => (
        <Field key={field.name} id={fieldId(field.name)} error={errors[field.name]} label={field.label} hint={field.hint || undefined}>
          <FieldInput
            field={field}
            value={values[field.name] ?? ""}
            error={errors[field.name]}
            autoFocus={field === autoFocused}
            onChange={(value) => update(field.name, value)}
          />
        </Field>
      ))}
    </>
  );
  const submitLabel = reconnect && !method.browser ? "Reconnect" : method.submit;

  return (
    <Dialog title={title} description={description} onClose={close} testId="connect-dialog">
      <form className="connect-form" onSubmit={submit} noValidate aria-busy={busy || undefined}>
        {notice && <ErrorNotice error={notice} onDismiss={() => setNotice(null)} testId="connect-notice" />}
        {!reconnect && (
          <fieldset className="network-choice">
            <legend>Network</legend>
            {NETWORK_ORDER.map((kind) => (
              <label key={kind} className="network-option" data-testid={`connect-network-${kind}`}>
                <input
                  type="radio"
                  name="network"
                  value={kind}
                  checked={network === kind}
                  onChange={() => chooseNetwork(kind)}
                />
                <span className="network-option-face">
                  <NetworkBadge network={kind} size="sm" />
                  <span className="network-option-name">{networkLabel(kind)}</span>
                  <span className="network-option-note">{capabilitiesOf(kind).connectSummary}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {fields}
        {problem && (
          <div className="connect-problem" data-testid="connect-error">
            <AlertIcon size={16} />
            <div>
              <strong>{problem.title}</strong>
              <span>{problem.message}</span>
            </div>
          </div>
        )}
        <div className="connect-footer">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy} data-testid="connect-submit">
            {busy ? "Connecting…" : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
