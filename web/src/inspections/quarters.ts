/** Quarters as the plan endpoint names them: 2026Q4. */
export function quarterOf(d: Date): string {
  return `${d.getFullYear()}Q${Math.floor(d.getMonth() / 3) + 1}`;
}

/** The previous, current and next quarter around `d`. */
export function quarterChoices(d: Date): string[] {
  const y = d.getFullYear();
  const q = Math.floor(d.getMonth() / 3);
  return [-1, 0, 1].map((k) => {
    const i = y * 4 + q + k;
    return `${Math.floor(i / 4)}Q${(i % 4) + 1}`;
  });
}
