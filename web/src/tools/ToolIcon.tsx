/** Line icons for the top-bar tools (currentColor, 24×24). */
export function ToolIcon({ d }: { d: string }) {
  return (
    <svg className="tool-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path d={d} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export const ICONS = {
  basin: 'M3 17c3-4 5 2 9-2s5-6 9-4M3 11c3-3 5 1 9-2s5-4 9-3M6 21h12',
  table: 'M3 5h18v14H3zM3 10h18M3 15h18M9 5v14',
  image: 'M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15.5 9.5h.01',
  dice: 'M4 4h16v16H4zM8.5 8.5h.01M15.5 8.5h.01M12 12h.01M8.5 15.5h.01M15.5 15.5h.01',
  pulse: 'M3 12h4l2-6 4 12 2-6h6',
  user: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c1-4 4-6 8-6s7 2 8 6',
};
