/** macOS uses Cmd where Linux and Windows use Ctrl. */
export function isMac(): boolean {
  if (typeof navigator === "undefined") return false;
  return /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent);
}

/** The label of the primary modifier key on this platform. */
export function modifierLabel(): string {
  return isMac() ? "⌘" : "Ctrl";
}

/** True when the platform's primary modifier (and no other primary) is held. */
export function hasPrimaryModifier(event: KeyboardEvent): boolean {
  return isMac()
    ? event.metaKey && !event.ctrlKey
    : event.ctrlKey && !event.metaKey;
}

/** True when keystrokes go into a text control and must not trigger shortcuts. */
export function isTextEntryTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) {
    return true;
  }
  if (target instanceof HTMLInputElement) {
    const nonText = ["button", "checkbox", "radio", "range", "submit", "reset", "color", "file"];
    return !nonText.includes(target.type);
  }
  return false;
}
