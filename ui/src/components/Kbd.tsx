import { modifierLabel } from "../lib/platform";

/**
 * Renders a key combination such as "Mod+Shift+N" as key caps. "Mod" is
 * Cmd on macOS and Ctrl elsewhere.
 */
export function Keys({ combo, className }: { combo: string; className?: string }) {
  const keys = combo.split("+").map((key) => (key === "Mod" ? modifierLabel() : key));
  return (
    <span className={className ? `keys ${className}` : "keys"}>
      {keys.map((key, i) => (
        <kbd key={i}>{key}</kbd>
      ))}
    </span>
  );
}
