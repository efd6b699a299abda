import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAtomic } from '../../src/platform/atomic.js';

describe('openAtomic and signals', () => {
  it('listens for a stopping signal before the temporary file exists, so no kill can leave it behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'leertuin-atomic-'));
    const seen: string[][] = [];
    const watch = (event: string | symbol) => {
      if (event === 'SIGTERM') seen.push(readdirSync(dir));
    };
    process.on('newListener', watch);
    try {
      const file = openAtomic(join(dir, 'overzicht.csv'));
      expect(readdirSync(dir)).toHaveLength(1);
      file.abort();
    } finally {
      process.removeListener('newListener', watch);
    }
    expect(seen).toEqual([[]]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a file that cannot be opened leaves no signal handler behind', () => {
    const before = process.listenerCount('SIGTERM');
    expect(() => openAtomic(join(tmpdir(), 'leertuin-no-such-dir', 'x', 'y.csv'))).toThrow(/ENOENT/);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
