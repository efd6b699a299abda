/**
 * A deliberately small YAML emitter for record front matter. Every string is double-quoted with JSON
 * escapes (valid YAML 1.2 and 1.1 alike), so `no`, `yes`, `on`, dates and numbers-as-text read back
 * the same in any YAML reader; no anchors, no folding, one scalar per line. User text therefore can
 * never end the front matter or start a signature block: it never contains a raw line break.
 */
export type FrontMatterValue = string | number | boolean | null | readonly FrontMatterValue[] | { readonly [key: string]: FrontMatterValue | undefined };

const SAFE_KEY = /^[a-z][a-z0-9_]*$/;

export function emitFrontMatter(value: { readonly [key: string]: FrontMatterValue | undefined }): string {
  return emitMap(value, 0);
}

function emitMap(map: { readonly [key: string]: FrontMatterValue | undefined }, indent: number): string {
  let out = '';
  const pad = ' '.repeat(indent);
  for (const [key, child] of Object.entries(map)) {
    if (child === undefined) continue;
    if (!SAFE_KEY.test(key)) throw new Error(`front matter key not allowed: ${JSON.stringify(key)}`);
    out += `${pad}${key}:${emitChild(child, indent)}`;
  }
  return out;
}

function emitChild(value: FrontMatterValue, indent: number): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return ' []\n';
    return '\n' + value.map((item: FrontMatterValue) => emitListItem(item, indent)).join('');
  }
  if (value !== null && typeof value === 'object') {
    const body = emitMap(value as { readonly [key: string]: FrontMatterValue | undefined }, indent + 2);
    return body === '' ? ' {}\n' : '\n' + body;
  }
  return ` ${scalar(value as string | number | boolean | null)}\n`;
}

function emitListItem(item: FrontMatterValue, indent: number): string {
  const pad = ' '.repeat(indent);
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const body = emitMap(item as { readonly [key: string]: FrontMatterValue | undefined }, indent + 2);
    if (body === '') return `${pad}- {}\n`;
    return `${pad}- ${body.slice(indent + 2)}`;
  }
  if (Array.isArray(item)) {
    return `${pad}- [${item.map((v: FrontMatterValue) => scalar(v as string | number | boolean | null)).join(', ')}]\n`;
  }
  return `${pad}- ${scalar(item as string | number | boolean | null)}\n`;
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('front matter number must be finite');
    return String(value);
  }
  return quote(value);
}

/**
 * JSON string escaping, plus what JSON leaves raw but YAML forbids or reads as a line break: DEL,
 * the C1 controls (NEL among them), LS, PS and the non-characters U+FFFE/U+FFFF; and bidi controls,
 * so nobody reading the file in a terminal is misled about its text.
 */
export function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2028\u2029\u2066-\u2069\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
