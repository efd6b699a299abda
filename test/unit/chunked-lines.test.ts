import { Writable } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { ChunkedLines } from '../../src/commands/context.js';

function collector(): { stream: Writable; writes: string[] } {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, writes };
}

describe('ChunkedLines (verify output)', () => {
  it('writes every line once, in order, in chunks of about 64 KB', () => {
    const { stream, writes } = collector();
    const lines = new ChunkedLines(stream);
    const given = Array.from({ length: 2000 }, (_, i) => `ok              /records/r${String(i).padStart(6, '0')}.md  iemand@voorbeeld.nl ${'·'.repeat(60)}`);
    for (const line of given) lines.line(line);
    expect(writes.length).toBeGreaterThanOrEqual(2);
    lines.flush();
    lines.flush();
    expect(writes.join('')).toBe(given.map((l) => `${l}\n`).join(''));
    for (const chunk of writes) expect(chunk.length).toBeLessThan((1 << 16) + 200);
  });

  it('sends a chunk on when a line comes a tenth of a second after it began', () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    try {
      const { stream, writes } = collector();
      const lines = new ChunkedLines(stream);
      lines.line('eerste');
      expect(writes).toEqual([]);
      vi.advanceTimersByTime(100);
      lines.line('tweede');
      expect(writes).toEqual(['eerste\ntweede\n']);
    } finally {
      vi.useRealTimers();
    }
  });
});
