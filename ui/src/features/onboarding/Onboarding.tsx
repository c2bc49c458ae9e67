import { useState } from "react";
import { useAppData } from "../../app/appData";
import { ErrorBanner } from "../../components/ErrorBanner";
import { LogoMark } from "../../components/LogoMark";
import { defaultTimeZone } from "../../lib/time";
import { WorkspaceForm } from "../workspaces/WorkspaceForm";
import "./Onboarding.css";

/** First run: no workspace exists yet. */
export function Onboarding() {
  const { timeZones, createWorkspace } = useAppData();
  const [initial] = useState(() => ({ name: "", timezone: defaultTimeZone(timeZones) }));

  return (
    <div className="onboarding" data-testid="onboarding">
      <div className="onboarding-banner">
        <ErrorBanner />
      </div>
      <main className="onboarding-card" aria-labelledby="onboarding-title">
        <LogoMark size={40} />
        <h1 id="onboarding-title" className="onboarding-title">
          Welcome to Chorus
        </h1>
        <p className="onboarding-lead">
          Plan and publish your social posts from one place. Your posts, media and
          accounts stay in a database on this computer.
        </p>
        <p className="onboarding-step">
          Start with a workspace for your first brand. You can add more later.
        </p>
        <WorkspaceForm
          idPrefix="onboarding"
          className="workspace-form-wide"
          initial={initial}
          submitLabel="Create workspace"
          busyLabel="Creating…"
          autoFocus
          onSubmit={async (values) => {
            await createWorkspace(values);
          }}
        />
      </main>
    </div>
  );
}
