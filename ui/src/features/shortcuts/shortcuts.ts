/** Every keyboard shortcut, as shown in the help dialog. "Mod" is Cmd on macOS, Ctrl elsewhere. */
export const SHORTCUTS: readonly { combos: string[]; label: string }[] = [
  { combos: ["Mod+1"], label: "Go to Overview" },
  { combos: ["Mod+2"], label: "Go to Posts" },
  { combos: ["Mod+3"], label: "Go to Calendar" },
  { combos: ["Mod+6"], label: "Go to Media" },
  { combos: ["Mod+,", "Mod+4"], label: "Go to Settings" },
  { combos: ["Mod+N"], label: "New post" },
  { combos: ["Mod+Shift+N"], label: "New workspace" },
  { combos: ["?"], label: "Show keyboard shortcuts" },
  { combos: ["Esc"], label: "Close a dialog or menu" },
  { combos: ["Alt+←", "Alt+→"], label: "Calendar: move the focused post a day" },
  { combos: ["Alt+↑", "Alt+↓"], label: "Calendar: move it 15 minutes (a week in month view)" },
];
