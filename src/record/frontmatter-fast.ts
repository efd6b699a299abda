/**
 * A fast reader for front matter exactly as `emitFrontMatter` writes it: block maps and lists, keys
 * `[a-z][a-z0-9_]*`, JSON-quoted strings, integers, true/false/null, `[]` and `{}`. Verifying
 * thousands of records spends most of its time in a general YAML parse; this reads the one shape the
 * tool writes. Anything else (comments, folded or single-quoted strings, YAML-only escapes, tabs,
 * duplicate keys...) returns undefined, and the caller falls back to the full YAML parser, so the
 * result is always the one the full parser would give.
 */
const KEY = /^([a-z][a-z0-9_]*):(?: (.*))?$/;

type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

class NotFast extends Error {}

export function readFrontMatterFast(text: string): Record<string, Value> | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let i = 0;

  const indentOf = (line: string): number => {
    let n = 0;
    while (line.charCodeAt(n) === 32) n++;
    return n;
  };

  const scalar = (raw: string): Value => {
    if (raw.startsWith('"')) {
      if (!raw.endsWith('"') || raw.length < 2) throw new NotFast();
      // JSON escapes mean the same in YAML double quotes; anything JSON rejects goes to the full parser.
      // JSON.parse also gives a string of its own: a slice of the line would keep the whole record alive
      // for as long as review keeps the value.
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        throw new NotFast();
      }
      if (typeof value !== 'string') throw new NotFast();
      return value;
    }
    if (raw === 'true') return true;
    if (raw === 'false') return false;
    if (raw === 'null') return null;
    if (raw === '[]') return [];
    if (raw === '{}') return {};
    if (/^-?(?:0|[1-9][0-9]{0,14})$/.test(raw)) return Number(raw);
    throw new NotFast();
  };

  const block = (indent: number): Value => {
    const line = lines[i];
    if (line === undefined) throw new NotFast();
    const at = indentOf(line);
    if (line.slice(at).startsWith('- ')) {
      if (at !== indent) throw new NotFast();
      return list(indent);
    }
    if (at <= indent) throw new NotFast();
    return map(at, {});
  };

  const map = (indent: number, into: { [key: string]: Value }): { [key: string]: Value } => {
    while (i < lines.length) {
      const line = lines[i]!;
      const at = indentOf(line);
      if (at < indent) break;
      if (at > indent) throw new NotFast();
      const content = at === 0 ? line : line.slice(at);
      const match = KEY.exec(content);
      if (!match) {
        if (content.startsWith('- ')) break;
        throw new NotFast();
      }
      // Indexing, not destructuring: this runs for every line of every record verify reads.
      const key = match[1]!;
      const rest = match[2];
      if (Object.hasOwn(into, key)) throw new NotFast();
      i++;
      if (rest !== undefined && rest !== '') into[key] = scalar(rest);
      else if (rest === undefined) into[key] = block(indent);
      else throw new NotFast();
    }
    return into;
  };

  const list = (indent: number): Value[] => {
    const items: Value[] = [];
    while (i < lines.length) {
      const line = lines[i]!;
      if (indentOf(line) !== indent || !line.slice(indent).startsWith('- ')) break;
      const content = line.slice(indent + 2);
      const match = KEY.exec(content);
      if (match && match[2] !== undefined && match[2] !== '') {
        // `- key: value` opens a map whose further keys stand two deeper.
        const item: { [key: string]: Value } = { [match[1]!]: scalar(match[2]) };
        i++;
        items.push(map(indent + 2, item));
      } else if (match || content.startsWith('- ') || content === '') {
        throw new NotFast();
      } else {
        items.push(scalar(content));
        i++;
      }
    }
    return items;
  };

  try {
    const result = map(0, {});
    return i === lines.length ? result : undefined;
  } catch (error) {
    if (error instanceof NotFast) return undefined;
    throw error;
  }
}
