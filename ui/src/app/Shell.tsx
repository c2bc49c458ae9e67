import { lazy, Suspense, useState } from "react";
import { ErrorBanner } from "../components/ErrorBanner";
import { Toaster } from "../components/Toaster";
import { ConnectChannelDialog } from "../features/channels/ConnectChannelDialog";
import { EditPostDialog } from "../features/composer/EditPostDialog";
import { RemoveChannelDialog } from "../features/channels/RemoveChannelDialog";
import { Inbox } from "../features/inbox/Inbox";
import { Media } from "../features/media/Media";
import { Overview } from "../features/overview/Overview";
import { PostDetailsDialog } from "../features/posts/PostDetailsDialog";
import { Posts } from "../features/posts/Posts";
import { Settings } from "../features/settings/Settings";
import { ShortcutsDialog } from "../features/shortcuts/ShortcutsDialog";
import { useGlobalShortcuts } from "../features/shortcuts/useGlobalShortcuts";
import { NewWorkspaceDialog } from "../features/workspaces/NewWorkspaceDialog";
import type { Workspace } from "../lib/ipc/client";
import { ChannelsProvider } from "./channels";
import { PublishingProvider } from "./publishing";
import { Sidebar } from "./Sidebar";
import { ToastsProvider } from "./toasts";
import { useUi } from "./ui";
import "./Shell.css";

// FullCalendar is most of the bundle; it loads the first time the calendar is opened.
const Calendar = lazy(() => import("../features/calendar/Calendar").then((m) => ({ default: m.Calendar })));

/** The main window once a workspace exists. */
export function Shell({ workspace }: { workspace: Workspace }) {
  return (
    <ToastsProvider>
      <PublishingProvider>
        <ChannelsProvider workspaceId={workspace.id}>
          <ShellLayout workspace={workspace} />
        </ChannelsProvider>
      </PublishingProvider>
    </ToastsProvider>
  );
}

function ShellLayout({ workspace }: { workspace: Workspace }) {
  const { section, dialog } = useUi();
  useGlobalShortcuts();
  // Once opened, the calendar stays mounted like the other sections (its view and filters stay).
  const [calendarOpened, setCalendarOpened] = useState(false);
  if (section === "calendar" && !calendarOpened) setCalendarOpened(true);

  return (
    <div className="shell">
      <Sidebar />
      <main className="shell-main">
        <div className={section === "calendar" ? "shell-content shell-content-wide" : "shell-content"}>
          <ErrorBanner />
          {/* All stay mounted so a post or settings draft survives a visit elsewhere. */}
          <Overview workspace={workspace} visible={section === "overview"} />
          <Inbox workspace={workspace} visible={section === "inbox"} />
          <Posts workspace={workspace} visible={section === "posts"} />
          {calendarOpened && (
            <Suspense
              fallback={
                <p className="post-list-status" role="status">
                  <span className="spinner" aria-hidden="true" />
                  Loading the calendar…
                </p>
              }
            >
              <Calendar workspace={workspace} visible={section === "calendar"} />
            </Suspense>
          )}
          <Media workspace={workspace} visible={section === "media"} />
          <Settings workspace={workspace} visible={section === "settings"} />
        </div>
      </main>
      {dialog?.name === "new-workspace" && <NewWorkspaceDialog />}
      {dialog?.name === "shortcuts" && <ShortcutsDialog />}
      {dialog?.name === "post" && <PostDetailsDialog key={dialog.postId} postId={dialog.postId} workspace={workspace} />}
      {dialog?.name === "edit-post" && <EditPostDialog key={dialog.postId} postId={dialog.postId} workspace={workspace} />}
      {dialog?.name === "connect-channel" && (
        <ConnectChannelDialog
          key={dialog.channel?.id ?? "new"}
          workspace={workspace}
          reconnect={dialog.channel ?? null}
          initialNetwork={dialog.network}
        />
      )}
      {dialog?.name === "remove-channel" && <RemoveChannelDialog channel={dialog.channel} />}
      <Toaster />
    </div>
  );
}
