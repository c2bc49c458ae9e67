import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { ChevronDownIcon } from "../../components/icons";

export interface MenuItem {
  key: string;
  label: ReactNode;
  detail?: string;
  onSelect: () => void;
}

interface MenuButtonProps {
  label: string;
  icon?: ReactNode;
  items: MenuItem[];
  /** Shown when there are no items. */
  empty: string;
  footer?: MenuItem[];
}

/** A button with a menu: ↑/↓ move, Enter chooses, Escape or a click elsewhere closes. */
export function MenuButton({ label, icon, items, empty, footer = [] }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus());
    return () => document.removeEventListener("mousedown", close);
  }, [open]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!open) return;
    const all = Array.from(root.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []);
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
      button.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      all[(at + step + all.length) % all.length]?.focus();
    }
  }

  const choose = (item: MenuItem) => {
    setOpen(false);
    item.onSelect();
  };

  return (
    <div className="composer-menu-root" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        className="button button-small button-ghost"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        {icon}
        {label}
        <ChevronDownIcon size={14} />
      </button>
      {open && (
        <div className="composer-menu" id={menuId} role="menu" aria-label={label}>
          {items.length === 0 && <p className="composer-menu-empty">{empty}</p>}
          {items.map((item) => (
            <button key={item.key} type="button" role="menuitem" className="composer-menu-item" onClick={() => choose(item)}>
              <span className="composer-menu-item-label">{item.label}</span>
              {item.detail && <span className="composer-menu-item-detail">{item.detail}</span>}
            </button>
          ))}
          {footer.length > 0 && <hr className="composer-menu-separator" />}
          {footer.map((item) => (
            <button key={item.key} type="button" role="menuitem" className="composer-menu-item" onClick={() => choose(item)}>
              <span className="composer-menu-item-label">{item.label}</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
