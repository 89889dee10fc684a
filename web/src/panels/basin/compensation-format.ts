/** Formatting shared by the basin and section panels: P, amounts in 万元, payer and payee. */
import type { CompensationAgreement } from '../../api/get-compensation';
import type { Lang } from '../../state/view-state';

export const formatP = (p: number | null) => (p === null ? '—' : p.toFixed(3));

/** Yuan as 万元 for Chinese readers ("770 万元"), millions for English ("¥7.7M"). */
export function formatWan(yuan: number, lang: Lang): string {
  if (lang === 'en') return `¥${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(yuan / 1e6)}M`;
  return `${new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(yuan / 1e4)} 万元`;
}

/** Payer and payee of an agreement's result, or null when nothing is settled. */
export function parties(
  a: Pick<CompensationAgreement, 'upstream' | 'downstream'>,
  direction: CompensationAgreement['direction'],
): { payer: string; payee: string } | null {
  if (direction === 'downstream_pays') return { payer: a.downstream.name, payee: a.upstream.name };
  if (direction === 'upstream_pays') return { payer: a.upstream.name, payee: a.downstream.name };
  return null;
}

/**
 * Agreements in flow order (开化→常山→柯城→衢江→龙游, tributaries beside the stem): by how far
 * down the basin the downstream county lies (longest path from a source), then main stem first.
 */
export function chainOrder<T extends Pick<CompensationAgreement, 'id' | 'upstream' | 'downstream'>>(list: T[]): T[] {
  const depth = new Map<string, number>();
  // Longest-path relaxation; at most one pass per agreement, so a cycle cannot loop forever.
  for (const a of list) depth.set(a.upstream.code, 0);
  for (let pass = 0; pass < list.length; pass++) {
    let changed = false;
    for (const a of list) {
      const d = (depth.get(a.upstream.code) ?? 0) + 1;
      if (d > (depth.get(a.downstream.code) ?? 0)) {
        depth.set(a.downstream.code, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const at = (code: string) => depth.get(code) ?? 0;
  return [...list].sort(
    (a, b) => at(a.downstream.code) - at(b.downstream.code) || at(b.upstream.code) - at(a.upstream.code) || a.id - b.id,
  );
}
