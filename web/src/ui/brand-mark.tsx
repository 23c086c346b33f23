interface BrandMarkProps {
  size?: number;
  /** Shows the word "Rapport" beside the mark. */
  withName?: boolean;
  color?: string;
}

/** The Rapport mark: two overlapping speech rounds, i.e. a conversation kept over time. */
export function BrandMark({ size = 28, withName = false, color = 'currentColor' }: BrandMarkProps) {
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, color }}>
      <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true">
        <rect width="64" height="64" rx="14" fill="#2b5fd9" />
        <circle cx="26" cy="29" r="13" fill="none" stroke="#fff" strokeWidth="5" />
        <circle cx="39" cy="36" r="13" fill="none" stroke="#9fc0ff" strokeWidth="5" />
      </svg>
      {withName && (
        <span style={{ fontSize: size * 0.68, fontWeight: 600, letterSpacing: 0.3, lineHeight: 1 }}>Rapport</span>
      )}
    </span>
  );
}
