import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findIdentifying } from '../../src/privacy/detect.js';
import { scoreLabelled, type LabelledEntry } from '../../src/privacy/score.js';

const NOW = new Date(2026, 5, 1, 12, 0, 0);
const entries = (parse(readFileSync(new URL('labelled.yaml', import.meta.url), 'utf8')) as { entries: LabelledEntry[] }).entries;
const score = scoreLabelled(entries, (text) => findIdentifying(text, { now: NOW }));

describe('the labelled set', () => {
  it('has at least 150 entries, both kinds, and every detector', () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
    expect(score.positives).toBeGreaterThanOrEqual(60);
    expect(score.negatives).toBeGreaterThanOrEqual(60);
    expect(Object.keys(score.byKind).sort()).toEqual(['address', 'birthdate', 'bsn', 'email', 'iban', 'name', 'phone', 'postcode']);
  });

  // Floors set from the measured figures (recall 98 of 103 = 95.1%, false alarms 4 of 103 = 3.9%;
  // BENCHMARKS.md): a change that loses recall or adds false alarms on this set fails here. Raise
  // them when the guard gets better. The set's last block holds known limits on purpose.
  it('finds at least 95% of the identifying texts as their kind', () => {
    expect(score.recall, `missed:\n${score.missed.map((e) => e.text).join('\n')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('raises at most 4% false alarms on plain texts', () => {
    const alarms = score.alarms.map((a) => `${a.entry.text} -> ${a.findings.map((f) => f.kind).join(', ')}`);
    expect(score.falseAlarmRate, `false alarms:\n${alarms.join('\n')}`).toBeLessThanOrEqual(0.04);
  });

  it('has no false alarm on the cases the issue names', () => {
    const named = ['zaaknummer 111222333', 'In het MDO van 14-03-2011', 'Mevrouw Wil niet', 'Meneer Zegt'];
    for (const start of named) {
      const entry = entries.find((e) => e.text.startsWith(start));
      expect(entry?.identifying, start).toBe(false);
      expect(findIdentifying(entry!.text, { now: NOW }), start).toEqual([]);
    }
  });
});
