import { Fragment } from "react";
import { CopyButton } from "../../components/CopyButton";
import { SettingsSection } from "./SettingsSection";
import { useAppInfo } from "./useAppInfo";

/** Lets a long path wrap after a separator instead of mid-name; copying still yields the plain path. */
function breakableAtSeparators(path: string) {
  const parts = path.match(/[^/\\]*[/\\]?/g)?.filter(Boolean) ?? [path];
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

function PathRow({ label, path, testId }: { label: string; path: string; testId: string }) {
  return (
    <div className="info-row">
      <dt>{label}</dt>
      <dd className="info-path">
        <code data-testid={testId}>{breakableAtSeparators(path)}</code>
        <CopyButton text={path} label={label} />
      </dd>
    </div>
  );
}

export function DataSettings() {
  const { state, retry } = useAppInfo();
  return (
    <SettingsSection
      id="settings-data-title"
      title="Data on this machine"
      description="Chorus keeps your workspaces, posts and media in these places on this computer."
    >
      {state.status === "loading" && <p className="muted">Loading…</p>}
      {state.status === "failed" && (
        <p className="muted">
          The app details could not be read.{" "}
          <button type="button" className="button button-small" onClick={retry}>
            Try again
          </button>
        </p>
      )}
      {state.status === "ready" && (
        <dl className="info-list" data-testid="app-info">
          <PathRow label="Data folder" path={state.info.dataDir} testId="info-data-dir" />
          <PathRow label="Database file" path={state.info.databasePath} testId="info-database" />
          <PathRow label="Log folder" path={state.info.logDir} testId="info-log-dir" />
          <div className="info-row">
            <dt>Schema version</dt>
            <dd>{state.info.schemaVersion}</dd>
          </div>
          <div className="info-row">
            <dt>App version</dt>
            <dd>{state.info.version}</dd>
          </div>
        </dl>
      )}
    </SettingsSection>
  );
}
