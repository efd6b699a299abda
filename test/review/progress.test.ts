import { describe, expect, it } from 'vitest';
import { Progress } from '../../src/review/progress.js';

function recorder(columns?: number) {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text), ...(columns === undefined ? {} : { columns }) } };
}

describe('review progress bar', () => {
  it('draws at most ten times a second, with count, total, bar and rate, and clears the line at the end', () => {
    const { writes, stream } = recorder(80);
    let now = 0;
    const progress = new Progress(stream, 'Verslagen lezen', 1000, () => now);
    for (let i = 0; i < 1000; i++) {
      now += 1; // one record per millisecond: one second in all
      progress.tick();
    }
    // The first record, every 100 ms after it, and the last one.
    expect(writes.length).toBeGreaterThanOrEqual(10);
    expect(writes.length).toBeLessThanOrEqual(12);
    for (const line of writes) {
      expect(line.startsWith('\r')).toBe(true);
      expect(line.endsWith('\u001b[K')).toBe(true);
      expect([...line.slice(1, -3)].length).toBeLessThanOrEqual(79);
    }
    expect(writes.at(-1)).toMatch(/^\rVerslagen lezen █{30} 1000\/1000 {2}1000\/s\u001b\[K$/);
    expect(writes[5]).toMatch(/ 50\d\/1000 /);
    progress.done();
    expect(writes.at(-1)).toBe('\r\u001b[2K');
  });

  it('without a known width uses 80 columns; without a total shows the count and rate only', () => {
    const { writes, stream } = recorder(0);
    const progress = new Progress(stream, 'Reading records', undefined, () => 0);
    progress.tick();
    expect(writes).toEqual(['\rReading records 1  0/s\u001b[K']);
  });

  it('clears nothing when it never drew', () => {
    const { writes, stream } = recorder(80);
    new Progress(stream, 'x', 0, () => 0).done();
    expect(writes).toEqual([]);
  });
});
