/**
 * A fast reader for front matter exactly as `emitFrontMatter` writes it: block maps and lists, keys
 * `[a-z][a-z0-9_]*`, JSON-quoted strings, integers, true/false/null, `[]` and `{}`. Verifying
 * thousands of records spends most of its time in a general YAML parse; this reads the one shape the
 * tool writes. Anything else (comments, folded or single-quoted strings, YAML-only escapes, tabs,
 * blank lines, duplicate keys...) returns undefined, and the caller falls back to the full YAML
 * parser, so the result is always the one the full parser would give.
 *
 * The text is scanned in place, a line at a time, by character codes: verify reads some forty lines
 * of every record, and cutting them into strings and matching each with a regular expression took
 * twice as long.
 */
type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

class NotFast extends Error {}

const INTEGER = /^-?(?:0|[1-9][0-9]{0,14})$/;
const SPACE = 32;
const DASH = 45;
const COLON = 58;
const QUOTE = 34;

// A key cut from the text must be looked up in V8's string table each time it names a property, a
// trip into the runtime; the same key from this map is that table's own string, used directly.
const KEYS = new Map<string, string>();
const MAX_KEYS = 512;

function internedKey(cut: string): string {
  let key = KEYS.get(cut);
  if (key === undefined) {
    // The property's own name: a copy, so the map keeps no record text alive.
    key = Object.keys({ [cut]: 0 })[0]!;
    if (KEYS.size < MAX_KEYS) KEYS.set(key, key);
  }
  return key;
}

export function readFrontMatterFast(text: string): Record<string, Value> | undefined {
  if (text.includes('\r') || text.includes('\u2028') || text.includes('\u2029')) return undefined;
  try {
    return new Scanner(text).document();
  } catch (error) {
    if (error instanceof NotFast) return undefined;
    throw error;
  }
}

class Scanner {
  /** Start of the current line; the text is read when it reaches the end. */
  private start = 0;
  /** End of the current line (its LF, or the end of the text). */
  private end = 0;
  /** Spaces the current line starts with. */
  private indent = 0;

  constructor(private readonly text: string) {
    this.load(0);
  }

  /** An empty text is an empty map (readFrontMatterData reads an empty document so too). */
  document(): Record<string, Value> {
    const result = this.map(0, {});
    if (!this.done()) throw new NotFast();
    return result;
  }

  private done(): boolean {
    return this.start >= this.text.length;
  }

  private load(start: number): void {
    const { text } = this;
    this.start = start;
    const end = text.indexOf('\n', start);
    this.end = end < 0 ? text.length : end;
    let at = start;
    // Bounded by the line: a read past the text's end made V8 drop and recompile the reader.
    while (at < this.end && text.charCodeAt(at) === SPACE) at++;
    this.indent = at - start;
  }

  private next(): void {
    this.load(this.end + 1);
  }

  /** Whether `- ` starts at `at`. */
  private dashAt(at: number): boolean {
    return this.text.charCodeAt(at) === DASH && this.text.charCodeAt(at + 1) === SPACE;
  }

  /** Where the colon after a key `[a-z][a-z0-9_]*` that starts at `at` stands, or -1. */
  private keyEnd(at: number): number {
    const { text } = this;
    let code = text.charCodeAt(at);
    if (code < 97 || code > 122) return -1;
    let p = at + 1;
    for (code = text.charCodeAt(p); (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95; code = text.charCodeAt(++p));
    if (code !== COLON) return -1;
    // `key:` ends the line (a block follows) or is followed by one space and a value.
    return p + 1 === this.end || text.charCodeAt(p + 1) === SPACE ? p : -1;
  }

  private block(parentIndent: number): Value {
    if (this.done()) throw new NotFast();
    const at = this.start + this.indent;
    if (this.dashAt(at)) {
      if (this.indent !== parentIndent) throw new NotFast();
      return this.list(parentIndent);
    }
    if (this.indent <= parentIndent) throw new NotFast();
    return this.map(this.indent, {});
  }

  private map(indent: number, into: { [key: string]: Value }): { [key: string]: Value } {
    while (!this.done()) {
      if (this.indent < indent) break;
      if (this.indent > indent) throw new NotFast();
      const at = this.start + indent;
      const colon = this.keyEnd(at);
      if (colon < 0) {
        if (this.dashAt(at)) break;
        throw new NotFast();
      }
      const key = internedKey(this.text.slice(at, colon));
      if (Object.hasOwn(into, key)) throw new NotFast();
      const valueStart = colon + 2;
      if (colon + 1 === this.end) {
        this.next();
        into[key] = this.block(indent);
      } else if (valueStart < this.end) {
        into[key] = this.scalar(valueStart, this.end);
        this.next();
      } else throw new NotFast();
    }
    return into;
  }

  private list(indent: number): Value[] {
    const items: Value[] = [];
    while (!this.done() && this.indent === indent && this.dashAt(this.start + indent)) {
      const at = this.start + indent + 2;
      const colon = this.keyEnd(at);
      if (colon >= 0) {
        // `- key: value` opens a map whose further keys stand two deeper.
        if (colon + 2 >= this.end) throw new NotFast();
        const item: { [key: string]: Value } = { [internedKey(this.text.slice(at, colon))]: this.scalar(colon + 2, this.end) };
        this.next();
        items.push(this.map(indent + 2, item));
      } else if (at >= this.end || this.dashAt(at)) {
        throw new NotFast();
      } else {
        items.push(this.scalar(at, this.end));
        this.next();
      }
    }
    return items;
  }

  private scalar(from: number, to: number): Value {
    const raw = this.text.slice(from, to);
    if (this.text.charCodeAt(from) === QUOTE) {
      if (to - from < 2 || this.text.charCodeAt(to - 1) !== QUOTE) throw new NotFast();
      // JSON escapes mean the same in YAML double quotes; anything JSON rejects goes to the full parser.
      // JSON.parse also gives a string of its own: a slice would keep the whole record alive for as
      // long as review keeps the value.
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
    if (INTEGER.test(raw)) return Number(raw);
    throw new NotFast();
  }
}
