import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useAppData } from "../../app/appData";
import { useUi } from "../../app/ui";
import { Keys } from "../../components/Kbd";
import { CheckIcon, ChevronUpDownIcon, PlusIcon } from "../../components/icons";
import { WorkspaceAvatar } from "./WorkspaceAvatar";
import "./WorkspaceSwitcher.css";

const ITEM = '[role="menuitemradio"], [role="menuitem"]';

/** The sidebar button that shows the active workspace and switches it. */
export function WorkspaceSwitcher() {
  const { workspaces, activeWorkspace, switchWorkspace } = useAppData();
  const { openDialog } = useUi();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    const items = menuRef.current?.querySelectorAll<HTMLElement>(ITEM);
    const checked = menuRef.current?.querySelector<HTMLElement>('[aria-checked="true"]');
    (checked ?? items?.[0])?.focus();

    function onPointerDown(event: MouseEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener("mousedown", onPointerDown);
    return () => document.removeEventListener("mousedown", onPointerDown);
  }, [open]);

  function close(restoreFocus: boolean) {
    setOpen(false);
    if (restoreFocus) buttonRef.current?.focus();
  }

  function onMenuKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>(ITEM) ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    switch (event.key) {
      case "ArrowDown":
        return move(index + 1);
      case "ArrowUp":
        return move(index - 1);
      case "Home":
        return move(0);
      case "End":
        return move(items.length - 1);
      case "Escape":
        event.preventDefault();
        event.stopPropagation();
        return close(true);
      case "Tab":
        return close(false);
    }
  }

  if (!activeWorkspace) return null;

  return (
    <div className="switcher" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="switcher-button"
        data-testid="workspace-switcher"
        title={activeWorkspace.name}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown" || event.key === "ArrowUp") {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <WorkspaceAvatar name={activeWorkspace.name} />
        <span className="switcher-text">
          <span className="switcher-label">Workspace</span>
          <span className="switcher-name">{activeWorkspace.name}</span>
        </span>
        <ChevronUpDownIcon className="switcher-chevron" />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          className="menu switcher-menu"
          role="menu"
          aria-label="Workspaces"
          onKeyDown={onMenuKeyDown}
        >
          <div className="menu-heading" role="presentation">
            Workspaces
          </div>
          {workspaces.map((workspace) => {
            const selected = workspace.id === activeWorkspace.id;
            return (
              <button
                key={workspace.id}
                type="button"
                role="menuitemradio"
                aria-checked={selected}
                tabIndex={-1}
                className="menu-item"
                onClick={() => {
                  close(true);
                  if (!selected) void switchWorkspace(workspace.id);
                }}
              >
                <WorkspaceAvatar name={workspace.name} size="sm" />
                <span className="menu-item-text">
                  <span className="menu-item-title">{workspace.name}</span>
                  <span className="menu-item-meta">{workspace.timezone}</span>
                </span>
                {selected && <CheckIcon className="menu-item-check" />}
              </button>
            );
          })}
          <div className="menu-separator" role="separator" />
          <button
            type="button"
            role="menuitem"
            tabIndex={-1}
            className="menu-item"
            onClick={() => {
              close(false);
              openDialog({ name: "new-workspace" });
            }}
          >
            <span className="menu-item-icon">
              <PlusIcon />
            </span>
            <span className="menu-item-title">New workspace…</span>
            <Keys combo="Mod+Shift+N" className="menu-item-keys" />
          </button>
        </div>
      )}
    </div>
  );
}
