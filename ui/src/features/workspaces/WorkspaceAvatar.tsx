/** A monogram tile standing in for a brand logo. */
export function WorkspaceAvatar({ name, size = "md" }: { name: string; size?: "sm" | "md" }) {
  const letter = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span className={`workspace-avatar workspace-avatar-${size}`} aria-hidden="true">
      {letter}
    </span>
  );
}
