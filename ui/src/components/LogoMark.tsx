/** The Chorus mark: three voices of different heights. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg
      className="logo-mark"
      width={size}
      height={size}
      viewBox="0 0 32 32"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="32" height="32" rx="8" fill="var(--accent)" />
      <rect x="8" y="12" width="4" height="8" rx="2" fill="#fff" />
      <rect x="14" y="8" width="4" height="16" rx="2" fill="#fff" />
      <rect x="20" y="11" width="4" height="10" rx="2" fill="#fff" opacity="0.8" />
    </svg>
  );
}
