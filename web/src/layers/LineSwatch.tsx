export function LineSwatch({
  colour,
  dashed = false,
  width = 3,
}: {
  colour: string;
  dashed?: boolean;
  width?: number;
}) {
  return (
    <svg width="28" height="12" viewBox="0 0 28 12" aria-hidden="true">
      <path
        d="M2 6 H26"
        stroke={colour}
        strokeWidth={width}
        strokeDasharray={dashed ? '4 3' : undefined}
        strokeLinecap="round"
      />
    </svg>
  );
}
