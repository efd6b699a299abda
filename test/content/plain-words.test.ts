import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BUNDLED_DIR } from '../../src/dilemma/catalog.js';

/** Every text in a language, wherever it sits in a tree file (`{nl: ..., en: ...}` maps). */
function texts(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) texts(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'nl' || key === 'en') && typeof v === 'string') out.push(v);
      else texts(v, out);
    }
  }
  return out;
}

describe('plain words (B1) in the bundled trees', () => {
  it('no sentence is longer than 20 words', () => {
    const files = [
      ...readdirSync(BUNDLED_DIR).filter((f) => f.endsWith('.yaml')).map((f) => join(BUNDLED_DIR, f)),
      ...readdirSync(join(BUNDLED_DIR, 'kaders')).map((f) => join(BUNDLED_DIR, 'kaders', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(14);
    const long: string[] = [];
    for (const file of files) {
      for (const text of texts(parse(readFileSync(file, 'utf8')))) {
        // A sentence ends at . ! ? : or ; followed by a space, or at a line break.
        for (const sentence of text.split(/(?<=[.!?:;])\s+|\n+/)) {
          const words = sentence.split(/\s+/).filter(Boolean).length;
          if (words > 20) long.push(`${file}: ${words} words: ${sentence}`);
        }
      }
    }
    expect(long).toEqual([]);
  });
});
