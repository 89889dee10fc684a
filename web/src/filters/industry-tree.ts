/**
 * Flattens the GB/T 4754 tree (section letter → division → group …) into select options in
 * depth-first order with their depth and subtree enterprise counts, dropping branches without
 * enterprises so the list stays short enough to scan.
 */
export type IndustryItem = { code: string; name: string; parentCode: string | null; enterpriseCount?: number };
export type IndustryOption = { code: string; name: string; depth: number; count: number };

export function industryOptions(items: IndustryItem[]): IndustryOption[] {
  const children = new Map<string | null, IndustryItem[]>();
  const known = new Set(items.map((i) => i.code));
  for (const item of items) {
    // A parent missing from the list would orphan its subtree: hang it at the root instead.
    const parent = item.parentCode && known.has(item.parentCode) ? item.parentCode : null;
    const list = children.get(parent) ?? [];
    list.push(item);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.code.localeCompare(b.code));

  const total = new Map<string, number>();
  const sum = (item: IndustryItem): number => {
    const n = (item.enterpriseCount ?? 0) + (children.get(item.code) ?? []).reduce((acc, c) => acc + sum(c), 0);
    total.set(item.code, n);
    return n;
  };
  for (const root of children.get(null) ?? []) sum(root);

  const out: IndustryOption[] = [];
  const walk = (item: IndustryItem, depth: number) => {
    const count = total.get(item.code) ?? 0;
    if (count === 0) return;
    out.push({ code: item.code, name: item.name, depth, count });
    for (const c of children.get(item.code) ?? []) walk(c, depth + 1);
  };
  for (const root of children.get(null) ?? []) walk(root, 0);
  return out;
}
