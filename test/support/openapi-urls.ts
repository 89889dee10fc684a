/**
 * Every GET operation of the OpenAPI document as concrete URLs: path parameters filled with the
 * values `valuesFor` gives (real ids) or their enum, plus one variant per enumerated query value
 * and per value of a small integer range. A route added later is walked automatically; one with
 * a path parameter nobody provides values for fails loudly.
 */
export function getOperations(
  doc: any,
  valuesFor: (path: string, param: string) => (string | number)[] | undefined,
): { op: string; path: string; urls: string[] }[] {
  const out: { op: string; path: string; urls: string[] }[] = [];
  for (const [path, ops] of Object.entries<any>(doc.paths)) {
    const get = ops.get;
    if (!get) continue;
    const params: any[] = get.parameters ?? [];
    let bases = [`/api${path}`];
    for (const p of params.filter((x) => x.in === 'path')) {
      const values: (string | number)[] | undefined = p.schema?.enum ?? valuesFor(path, p.name);
      if (!values) throw new Error(`no values known for ${path} {${p.name}} — add them`);
      bases = bases.flatMap((b) => values.map((v) => b.replace(`{${p.name}}`, encodeURIComponent(String(v)))));
    }
    // Required query parameters are in every variant: each value of an enumerated one (export's
    // format), the documented example of any other (a series' from and to).
    const required = params.filter((x) => x.in === 'query' && x.required);
    const valuesOf = (p: any): string[] => {
      const values = p.schema?.enum ?? [p.schema?.example ?? p.example].filter((v) => v !== undefined);
      if (!values.length) throw new Error(`no value known for required ${path} ?${p.name} — give it an example`);
      return values.map(String);
    };
    const query = (pick: (p: any) => string) =>
      `?${required.map((p) => `${p.name}=${encodeURIComponent(pick(p))}`).join('&')}`;
    const variants = required.length
      ? [...new Set(required.flatMap((p) => valuesOf(p).map((v) => query((q) => (q === p ? v : valuesOf(q)[0])))))]
      : [''];
    for (const p of params.filter((x) => x.in === 'query' && !x.required)) {
      const s = p.schema ?? {};
      const values: (string | number)[] = s.enum
        ? s.enum
        : s.type === 'integer' && s.minimum !== undefined && s.maximum !== undefined && s.maximum - s.minimum <= 2
          ? Array.from({ length: s.maximum - s.minimum + 1 }, (_, i) => s.minimum + i)
          : [];
      for (const v of values)
        variants.push(`${required.length ? `${variants[0]}&` : '?'}${p.name}=${encodeURIComponent(String(v))}`);
    }
    if (path === '/enterprises') variants.push('?limit=5000');
    out.push({ op: `GET ${path}`, path, urls: bases.flatMap((b) => variants.map((v) => b + v)) });
  }
  return out;
}
