import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useChannels } from "../../app/channels";
import { useToasts } from "../../app/toasts";
import { useUi } from "../../app/ui";
import { Dialog } from "../../components/Dialog";
import { ErrorNotice } from "../../components/ErrorBanner";
import { Field, fieldDescription } from "../../components/Field";
import { AlertIcon } from "../../components/icons";
import * as ipc from "../../lib/ipc/client";
import type { Channel, IpcError, NetworkKind, Workspace } from "../../lib/ipc/client";
import { NETWORK_ORDER, NetworkBadge, networkLabel } from "./networks";
import "./Channels.css";

export const DEFAULT_BLUESKY_SERVICE = "https://bsky.social";

const FIELDS = [
  "serviceUrl",
  "identifier",
  "appPassword",
  "instanceUrl",
  "accessToken",
  "secretKey",
  "relays",
] as const;
type ConnectField = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<ConnectField, string>>;

const IDS: Record<ConnectField, string> = {
  serviceUrl: "connect-service-url",
  identifier: "connect-identifier",
  appPassword: "connect-app-password",
  instanceUrl: "connect-instance-url",
  accessToken: "connect-access-token",
  secretKey: "connect-secret-key",
  relays: "connect-relays",
};

/** Which fields each form shows, in order (for focusing the first invalid one). */
const FORM_FIELDS: Record<NetworkKind, readonly ConnectField[]> = {
  bluesky: ["serviceUrl", "identifier", "appPassword"],
  mastodon: ["instanceUrl", "accessToken"],
  nostr: ["secretKey", "relays"],
};

const NOTES: Record<NetworkKind, string> = {
  bluesky: "Handle and app password",
  mastodon: "Sign in on your server",
  nostr: "A key and your relays",
};

function isConnectField(value: string | null): value is ConnectField {
  return value !== null && (FIELDS as readonly string[]).includes(value);
}

interface Values {
  serviceUrl: string;
  identifier: string;
  appPassword: string;
  instanceUrl: string;
  accessToken: string;
  secretKey: string;
  relays: string;
  mastodonMode: "oauth" | "token";
  nostrKey: "import" | "generate";
}

function initialValues(channel: Channel | null): Values {
  const config = channel?.config;
  return {
    serviceUrl: config?.network === "bluesky" ? config.serviceUrl : DEFAULT_BLUESKY_SERVICE,
    identifier: config?.network === "bluesky" ? config.identifier || channel!.handle : "",
    appPassword: "",
    instanceUrl: config?.network === "mastodon" ? config.instanceUrl : "",
    accessToken: "",
    secretKey: "",
    relays: config?.network === "nostr" ? config.relays.join("\n") : "",
    mastodonMode: "oauth",
    nostrKey: "import",
  };
}

/** "mastodon.social/" -> "https://mastodon.social"; anything with a scheme is kept. */
export function normalizeServerUrl(raw: string): string {
  const trimmed = raw.trim().replace(/\/+$/, "");
  if (trimmed === "") return trimmed;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

/** One relay per line; blank lines and repeats dropped. */
export function parseRelays(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split("\n")) {
    const relay = line.trim();
    if (relay !== "") seen.add(relay);
  }
  return [...seen];
}

function validate(network: NetworkKind, v: Values): FieldErrors {
  const errors: FieldErrors = {};
  if (network === "bluesky") {
    if (v.serviceUrl.trim() === "") errors.serviceUrl = `Enter the server address, e.g. ${DEFAULT_BLUESKY_SERVICE}.`;
    if (v.identifier.trim().replace(/^@/, "") === "") errors.identifier = "Enter your handle, e.g. alice.bsky.social.";
    if (v.appPassword.trim() === "") errors.appPassword = "Paste an app password.";
  } else if (network === "mastodon") {
    if (v.instanceUrl.trim() === "") errors.instanceUrl = "Enter your server's address, e.g. mastodon.social.";
    if (v.mastodonMode === "token" && v.accessToken.trim() === "") {
      errors.accessToken = "Paste the access token.";
    }
  } else {
    if (v.nostrKey === "import" && v.secretKey.trim() === "") {
      errors.secretKey = "Paste your secret key (nsec1… or 64 hex characters).";
    }
    const relays = parseRelays(v.relays);
    const bad = relays.find((r) => !/^wss?:\/\/\S+$/i.test(r));
    if (relays.length === 0) errors.relays = "Add at least one relay, e.g. wss://relay.example.com.";
    else if (bad) errors.relays = `“${bad}” is not a relay address; relay addresses start with wss://.`;
  }
  return errors;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

interface ConnectChannelDialogProps {
  workspace: Workspace;
  /** Set: reconnect this channel (its network is fixed and its settings prefilled). */
  reconnect: Channel | null;
  initialNetwork?: NetworkKind;
}

export function ConnectChannelDialog({ workspace, reconnect, initialNetwork }: ConnectChannelDialogProps) {
  const { closeDialog } = useUi();
  const { saved } = useChannels();
  const { showToast } = useToasts();
  const [network, setNetwork] = useState<NetworkKind>(reconnect?.network ?? initialNetwork ?? "bluesky");
  const [values, setValues] = useState(() => initialValues(reconnect));
  const [errors, setErrors] = useState<FieldErrors>({});
  /** A problem with the whole form: the network's refusal, or a validation error without a field. */
  const [problem, setProblem] = useState<{ title: string; message: string } | null>(null);
  /** Not about the form (keychain, database): shown like the banner, inside the dialog. */
  const [notice, setNotice] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  /** The server whose approval page is open in the browser (Mastodon OAuth). */
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
    else if (wasWaiting.current) document.getElementById(IDS.instanceUrl)?.focus();
    wasWaiting.current = waitingFor !== null;
  }, [waitingFor]);

  function update<K extends keyof Values>(field: K, value: Values[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    if (isConnectField(field)) setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
    setProblem(null);
  }

  function chooseNetwork(next: NetworkKind) {
    setNetwork(next);
    setErrors({});
    setProblem(null);
    setNotice(null);
  }

  function focusField(field: ConnectField) {
    document.getElementById(IDS[field])?.focus();
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

  function request(): Promise<Channel> {
    const base = { workspaceId: workspace.id, channelId: reconnect?.id ?? null };
    switch (network) {
      case "bluesky":
        return ipc.connectBluesky({
          ...base,
          serviceUrl: normalizeServerUrl(values.serviceUrl),
          identifier: values.identifier.trim().replace(/^@/, ""),
          appPassword: values.appPassword.trim(),
        });
      case "mastodon":
        return values.mastodonMode === "oauth"
          ? ipc.connectMastodonOAuth({ ...base, instanceUrl: normalizeServerUrl(values.instanceUrl) })
          : ipc.connectMastodonToken({
              ...base,
              instanceUrl: normalizeServerUrl(values.instanceUrl),
              accessToken: values.accessToken.trim(),
            });
      case "nostr":
        return ipc.connectNostr({
          ...base,
          secretKey: values.nostrKey === "generate" ? null : values.secretKey.trim(),
          relays: parseRelays(values.relays),
        });
    }
  }

  function showFailure(reason: unknown) {
    const error = ipc.toIpcError(reason);
    const formCode = error.code === "validation" || error.code === "conflict" || error.code === "network";
    if (formCode && isConnectField(error.field) && FORM_FIELDS[network].includes(error.field)) {
      setErrors({ [error.field]: error.message });
      focusField(error.field);
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
    const found = validate(network, values);
    const firstInvalid = FORM_FIELDS[network].find((f) => found[f]);
    if (firstInvalid) {
      setErrors(found);
      focusField(firstInvalid);
      return;
    }
    setErrors({});
    setProblem(null);
    setNotice(null);
    const id = ++attempt.current;
    setBusy(true);
    if (network === "mastodon" && values.mastodonMode === "oauth") {
      setWaitingFor(normalizeServerUrl(values.instanceUrl));
    }
    try {
      const channel = await request();
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

  const f = (field: ConnectField) => ({ id: IDS[field], error: errors[field] });

  let fields: ReactNode;
  if (network === "bluesky") {
    fields = (
      <>
        <Field {...f("serviceUrl")} label="Server" hint="Leave as is unless your account lives on a self-hosted server (PDS).">
          <input
            id={IDS.serviceUrl}
            className="input"
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={values.serviceUrl}
            onChange={(e) => update("serviceUrl", e.target.value)}
            {...fieldDescription(IDS.serviceUrl, errors.serviceUrl, true)}
          />
        </Field>
        <Field {...f("identifier")} label="Handle" hint="Your Bluesky handle, or your DID (did:plc:…).">
          <input
            id={IDS.identifier}
            className="input"
            type="text"
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="alice.bsky.social"
            value={values.identifier}
            data-autofocus={reconnect ? undefined : ""}
            onChange={(e) => update("identifier", e.target.value)}
            {...fieldDescription(IDS.identifier, errors.identifier, true)}
          />
        </Field>
        <Field
          {...f("appPassword")}
          label="App password"
          hint={
            <>
              Not your account password. In Bluesky, open Settings → Privacy and security → App
              passwords, add one named “Chorus” and paste it here. You can revoke it there at any time.
            </>
          }
        >
          <input
            id={IDS.appPassword}
            className="input"
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="xxxx-xxxx-xxxx-xxxx"
            value={values.appPassword}
            data-autofocus={reconnect ? "" : undefined}
            onChange={(e) => update("appPassword", e.target.value)}
            {...fieldDescription(IDS.appPassword, errors.appPassword, true)}
          />
        </Field>
      </>
    );
  } else if (network === "mastodon") {
    fields = (
      <>
        <Field
          {...f("instanceUrl")}
          label="Server"
          hint="The server your account is on: for @you@mastodon.social that is mastodon.social."
        >
          <input
            id={IDS.instanceUrl}
            className="input"
            type="url"
            inputMode="url"
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            placeholder="mastodon.social"
            value={values.instanceUrl}
            data-autofocus=""
            onChange={(e) => update("instanceUrl", e.target.value)}
            {...fieldDescription(IDS.instanceUrl, errors.instanceUrl, true)}
          />
        </Field>
        <p className="connect-alternative">
          {values.mastodonMode === "oauth"
            ? "Chorus opens your server's sign-in page in your browser. "
            : "For servers where browser sign-in doesn't work. "}
          <button
            type="button"
            className="link-button"
            onClick={() => update("mastodonMode", values.mastodonMode === "oauth" ? "token" : "oauth")}
          >
            {values.mastodonMode === "oauth" ? "Paste an access token instead" : "Sign in with browser instead"}
          </button>
        </p>
        {values.mastodonMode === "token" && (
          <Field
            {...f("accessToken")}
            label="Access token"
            hint="On your server: Preferences → Development → New application, with the scopes read:accounts, write:statuses and write:media. Save it, then copy “Your access token”."
          >
            <input
              id={IDS.accessToken}
              className="input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={values.accessToken}
              onChange={(e) => update("accessToken", e.target.value)}
              {...fieldDescription(IDS.accessToken, errors.accessToken, true)}
            />
          </Field>
        )}
      </>
    );
  } else {
    const generate = values.nostrKey === "generate";
    fields = (
      <>
        {!reconnect && (
          <fieldset className="key-choice">
            <legend>Key</legend>
            <label className="radio-row">
              <input
                type="radio"
                name="nostr-key"
                checked={!generate}
                onChange={() => update("nostrKey", "import")}
              />
              <span>
                Import a key I have
                <span className="radio-row-note">Post as an identity you already use.</span>
              </span>
            </label>
            <label className="radio-row">
              <input
                type="radio"
                name="nostr-key"
                checked={generate}
                onChange={() => update("nostrKey", "generate")}
              />
              <span>
                Generate a new key
                <span className="radio-row-note">
                  A fresh identity; Chorus keeps its secret key in your system keychain.
                </span>
              </span>
            </label>
          </fieldset>
        )}
        {!generate && (
          <Field
            {...f("secretKey")}
            label="Secret key"
            hint="Your nsec1… key, or the same key as 64 hex characters. It is stored in your system keychain."
          >
            <input
              id={IDS.secretKey}
              className="input"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="nsec1…"
              value={values.secretKey}
              onChange={(e) => update("secretKey", e.target.value)}
              {...fieldDescription(IDS.secretKey, errors.secretKey, true)}
            />
          </Field>
        )}
        <Field {...f("relays")} label="Relays" hint="One relay address per line. Posts go to every relay listed.">
          <textarea
            id={IDS.relays}
            className="input"
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            placeholder="wss://relay.example.com"
            value={values.relays}
            onChange={(e) => update("relays", e.target.value)}
            {...fieldDescription(IDS.relays, errors.relays, true)}
          />
        </Field>
      </>
    );
  }

  let submitLabel: string;
  if (network === "mastodon" && values.mastodonMode === "oauth") submitLabel = "Sign in with browser";
  else if (reconnect) submitLabel = "Reconnect";
  else if (network === "bluesky") submitLabel = "Connect Bluesky";
  else if (network === "mastodon") submitLabel = "Connect with token";
  else submitLabel = values.nostrKey === "generate" ? "Generate key and connect" : "Connect Nostr";

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
                  <span className="network-option-note">{NOTES[kind]}</span>
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
