import type { ReactNode } from "react";
import { Keys } from "../components/Kbd";
import { LogoMark } from "../components/LogoMark";
import { CalendarIcon, KeyboardIcon, MediaIcon, OverviewIcon, PostsIcon, SettingsIcon } from "../components/icons";
import { PauseSwitch } from "../features/publishing/PauseSwitch";
import { WorkspaceSwitcher } from "../features/workspaces/WorkspaceSwitcher";
import { InboxIcon } from "../features/inbox/InboxIcon";
import { InboxNavBadge } from "../features/inbox/InboxNavBadge";
import { useUi, type Section } from "./ui";
import "./Sidebar.css";

const NAV: { section: Section; label: string; icon: ReactNode; combo: string }[] = [
  { section: "overview", label: "Overview", icon: <OverviewIcon />, combo: "Mod+1" },
  { section: "inbox", label: "Inbox", icon: <InboxIcon />, combo: "Mod+5" },
  { section: "posts", label: "Posts", icon: <PostsIcon />, combo: "Mod+2" },
  { section: "calendar", label: "Calendar", icon: <CalendarIcon />, combo: "Mod+3" },
  { section: "media", label: "Media", icon: <MediaIcon />, combo: "Mod+6" },
  { section: "settings", label: "Settings", icon: <SettingsIcon />, combo: "Mod+," },
];

export function Sidebar() {
  const { section, navigate, openDialog } = useUi();
  return (
    <aside className="sidebar">
      <div className="sidebar-brand">
        <LogoMark size={24} />
        <span className="sidebar-app-name">Chorus</span>
      </div>
      <WorkspaceSwitcher />
      <nav className="sidebar-nav" aria-label="Sections">
        {NAV.map((item) => (
          <button
            key={item.section}
            type="button"
            className="nav-item"
            data-testid={`nav-${item.section}`}
            aria-current={section === item.section ? "page" : undefined}
            onClick={() => navigate(item.section)}
          >
            <span className="nav-item-icon">{item.icon}</span>
            <span className="nav-item-label">{item.label}</span>
            {item.section === "inbox" && <InboxNavBadge />}
            <Keys combo={item.combo} className="nav-item-keys" />
          </button>
        ))}
      </nav>
      <div className="sidebar-footer">
        <PauseSwitch />
        <button
          type="button"
          className="nav-item nav-item-quiet"
          onClick={() => openDialog({ name: "shortcuts" })}
        >
          <span className="nav-item-icon">
            <KeyboardIcon />
          </span>
          <span className="nav-item-label">Keyboard shortcuts</span>
          <Keys combo="?" className="nav-item-keys" />
        </button>
      </div>
    </aside>
  );
}
