/**
 * A JSON Schema (2020-12, as OpenAPI 3.1 uses it) validator for the keywords the API document
 * uses: $ref, type (one or a list), properties/required/additionalProperties, items/prefixItems,
 * enum/const, allOf/anyOf/oneOf, numeric and length bounds, pattern, and the date / date-time
 * formats. No npm validator is installed here; this covers what the contract test needs and
 * throws on a keyword it does not know, so a schema it cannot judge never passes silently.
 */
type Schema = Record<string, any> | boolean;

const KNOWN = new Set([
  '$ref',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'minItems',
  'maxItems',
  'enum',
  'const',
  'allOf',
  'anyOf',
  'oneOf',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'format',
  // Annotations: no effect on validity.
  'description',
  'example',
  'examples',
  'title',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
]);

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'object':
      return typeOf(v) === 'object';
    default:
      return typeOf(v) === t;
  }
}

/** Errors of `value` against `schema`, each as "path: what"; empty when valid. */
export function validate(doc: any, schema: Schema, value: unknown, path = '$'): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: not allowed`];
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k)) throw new Error(`json-schema: unknown keyword ${k} at ${path}`);
  const errors: string[] = [];
  const s = schema;
  if (s.$ref) {
    const name = /^#\/components\/schemas\/(.+)$/.exec(s.$ref)?.[1];
    const target = name && doc.components?.schemas?.[name];
    if (!target) throw new Error(`json-schema: unresolved $ref ${s.$ref}`);
    errors.push(...validate(doc, target, value, path));
  }
  if (s.type !== undefined) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => hasType(value, t))) return [...errors, `${path}: ${typeOf(value)} where ${types.join('|')}`];
  }
  if (s.enum && !s.enum.some((e: unknown) => e === value)) errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if ('const' in s && s.const !== value) errors.push(`${path}: ${JSON.stringify(value)} ≠ ${JSON.stringify(s.const)}`);
  for (const sub of s.allOf ?? []) errors.push(...validate(doc, sub, value, path));
  if (s.anyOf && !s.anyOf.some((sub: Schema) => validate(doc, sub, value, path).length === 0))
    errors.push(`${path}: matches none of anyOf (${JSON.stringify(value)?.slice(0, 80)})`);
  if (s.oneOf) {
    const n = s.oneOf.filter((sub: Schema) => validate(doc, sub, value, path).length === 0).length;
    if (n !== 1) errors.push(`${path}: matches ${n} of oneOf`);
  }
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${path}: ${value} < ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${path}: ${value} > ${s.maximum}`);
    if (s.exclusiveMinimum !== undefined && value <= s.exclusiveMinimum)
      errors.push(`${path}: ${value} ≤ ${s.exclusiveMinimum}`);
    if (s.exclusiveMaximum !== undefined && value >= s.exclusiveMaximum)
      errors.push(`${path}: ${value} ≥ ${s.exclusiveMaximum}`);
  }
  if (typeof value === 'string') {
    if (s.minLength !== undefined && value.length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
    if (s.maxLength !== undefined && value.length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
    if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(value))
      errors.push(`${path}: does not match ${s.pattern}`);
    if (s.format === 'date' && !DATE.test(value)) errors.push(`${path}: ${value} is not a date`);
    if (s.format === 'date-time' && !DATE_TIME.test(value))
      errors.push(`${path}: ${value} is not a date-time with offset`);
  }
  if (Array.isArray(value)) {
    if (s.minItems !== undefined && value.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    const prefix: Schema[] = s.prefixItems ?? [];
    value.forEach((item, i) => {
      const sub = i < prefix.length ? prefix[i] : s.items;
      if (sub !== undefined) errors.push(...validate(doc, sub, item, `${path}[${i}]`));
    });
  }
  if (typeOf(value) === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of s.required ?? []) if (!(k in obj)) errors.push(`${path}.${k}: missing`);
    for (const [k, v] of Object.entries(obj)) {
      if (s.properties && k in s.properties) errors.push(...validate(doc, s.properties[k], v, `${path}.${k}`));
      else if (s.additionalProperties !== undefined)
        errors.push(...validate(doc, s.additionalProperties, v, `${path}.${k}`));
    }
  }
  return errors;
}
