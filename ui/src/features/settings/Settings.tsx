import type { Workspace } from "../../lib/ipc/client";
import { ChannelsSettings } from "../channels/ChannelsSettings";
import { InboxSettings } from "../inbox/InboxSettings";
import { AppearanceSettings } from "./AppearanceSettings";
import { DataSettings } from "./DataSettings";
import { LatePostsSettings } from "./LatePostsSettings";
import { WorkspaceSettings } from "./WorkspaceSettings";
import "./Settings.css";

export function Settings({ workspace, visible }: { workspace: Workspace; visible: boolean }) {
  return (
    <section
      className="page"
      data-testid="settings"
      hidden={!visible}
      aria-labelledby="settings-title"
    >
      <header className="page-header">
        <h1 id="settings-title" className="page-title">
          Settings
        </h1>
        <p className="page-subtitle">For {workspace.name} and for Chorus on this computer.</p>
      </header>
      <WorkspaceSettings workspace={workspace} />
      <ChannelsSettings workspace={workspace} />
      <LatePostsSettings />
      <InboxSettings workspace={workspace} />
      <AppearanceSettings />
      <DataSettings />
    </section>
  );
}
