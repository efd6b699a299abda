import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import { dilemmaTexts, scanTexts } from '../../src/privacy/guard.js';

// Every walk checks the dilemma's title, case and afspraak, as they go into the record: a bundled
// dilemma that trips the guard would make every walk of it ask for --allow-identifying.
describe('bundled dilemmas pass the privacy guard', () => {
  const catalog = new Catalog([]);
  const ids = catalog.entries().filter((e) => e.kind === 'dilemma' && e.bundled).map((e) => e.id);

  it('has bundled dilemmas to check', () => {
    expect(ids.length).toBeGreaterThan(3);
  });

  for (const id of ids) {
    it(`${id}: title, case and afspraak in nl and en`, () => {
      const dilemma = catalog.dilemma(id);
      for (const language of ['nl', 'en'] as const) {
        const hits = scanTexts(dilemmaTexts(dilemma, language), language);
        expect(hits.map((h) => `${h.field}: ${h.finding.match}`)).toEqual([]);
      }
    });
  }
});
