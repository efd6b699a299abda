import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { splitRecord } from '../../src/record/parse.js';
import { groupState } from '../../src/workshop/group.js';
import { workshopRecordSchema, type GroupStep } from '../../src/workshop/model.js';
import { buildWorkshopRecord, renderWorkshopRecord } from '../../src/workshop/record.js';
import { fixtureDilemma, PATH } from './helpers.js';

const dilemma = fixtureDilemma();
const TRAINER = { name: 'Tessa Trainer', role: 'trainer privacy', organisation: 'Leertuin Oefenstad' };
const NOW = new Date('2026-11-23T10:41:07.123Z');

function make(steps: readonly GroupStep[], language = 'nl', signer?: { principal: string; key: string }) {
  const record = buildWorkshopRecord({ dilemma, steps, trainer: TRAINER, participants: 12, language, now: NOW, shortId: 'abc234', ...(signer ? { signer } : {}) });
  const text = renderWorkshopRecord(record, dilemma);
  const parts = splitRecord(text);
  return { record, text, parts, front: workshopRecordSchema().parse(parse(parts.frontMatter)) };
}

describe('the workshop record front matter', () => {
  it('holds the tallies, choices, arguments and minority views, and reads back exactly', () => {
    const { record, front } = make(PATH);
    expect(front).toEqual(record);
    expect(front).toMatchObject({
      leertuin: 1,
      kind: 'workshop',
      id: '2026-11-23-workshop-oefen-workshop-abc234',
      dilemma: { id: 'workshop-oefen', version: '2.3.1', sha256: dilemma.pin.sha256 },
      created: '2026-11-23T10:41:07Z',
      language: 'nl',
      trainer: TRAINER,
      participants: 12,
      outcome: { id: 'eind-voorwaarden', verdict: 'share-with-conditions', label: 'Delen onder voorwaarden' },
      afspraak: { same_outcome: true, differences: [] },
      unsigned: true,
    });
    expect(front.path).toEqual([
      { node: 'doel', question: 'Wat is het doel?', choice: 'Eén plan voor het gezin', arguments: 'Zonder doel geen delen' },
      {
        node: 'delen',
        question: 'Wil je delen?',
        tally: [{ option: 'ja', count: 8 }, { option: 'no', count: 4 }],
        choice: 'ja',
        label: 'Ja',
        arguments: 'Het helpt het gezin',
        minority: 'Eerst toestemming',
      },
      {
        node: 'soorten',
        question: 'Welke gegevens?',
        tally: [{ option: 'gezondheid', count: 9 }, { option: 'schulden', count: 2 }, { option: '12', count: 0 }],
        choice: ['gezondheid'],
        label: 'Gezondheid',
      },
    ]);
    expect(front.kader).toBeUndefined();
  });

  it('quotes every string, so option ids such as "no" and "12" read the same in YAML 1.1', () => {
    const { parts } = make(PATH);
    expect(parts.frontMatter).toContain('option: "no"');
    expect(parts.frontMatter).toContain('option: "12"');
    expect(parse(parts.frontMatter, { version: '1.1' })).toEqual(parse(parts.frontMatter));
  });

  it('can be replayed against the pinned tree, as verify does with a decision record', () => {
    const { front } = make(PATH);
    const replayed = groupState(dilemma.tree, front.path.map((e) => ({ node: e.node, choice: e.choice, ...(e.arguments ? { arguments: e.arguments } : {}) })));
    expect(replayed.at).toBe(front.outcome.id);
  });

  it('names the signer instead of `unsigned` when signed', () => {
    const { front } = make(PATH, 'nl', { principal: 'trainer@voorbeeld.nl', key: 'SHA256:abc' });
    expect(front.signer).toEqual({ principal: 'trainer@voorbeeld.nl', key: 'SHA256:abc' });
    expect(front.unsigned).toBeUndefined();
  });

  it('lists where the group departs from the afspraak', () => {
    const other: GroupStep[] = [PATH[0]!, PATH[1]!, { node: 'soorten', choice: ['schulden'], tally: [{ option: 'gezondheid', count: 1 }, { option: 'schulden', count: 11 }, { option: '12', count: 0 }] }];
    const { front, parts } = make(other);
    expect(front.outcome.id).toBe('eind-delen');
    expect(front.afspraak).toEqual({ same_outcome: false, differences: ['soorten'] });
    expect(parts.body).toContain('Andere uitkomst dan de afspraak: **Delen onder voorwaarden**');
    expect(parts.body).toContain('| Welke gegevens? | Gezondheid | Schulden |');
  });
});

describe('the workshop record body', () => {
  it('shows tallies as bars with the group choice in bold, arguments and minority as quotes, the outcome and the afspraak', () => {
    const { parts } = make(PATH);
    const body = parts.body;
    expect(body).toContain('# Workshop: Workshop-oefening');
    expect(body).toContain('| Trainer | Tessa Trainer, trainer privacy, Leertuin Oefenstad |');
    expect(body).toContain('| Deelnemers | 12 |');
    expect(body).toContain('Een fictieve casus met &lt;b&gt;opmaak&lt;/b&gt; &amp; een \\| teken.');
    expect(body).toContain('Zo verwoordt de groep het:\n\n> Eén plan voor het gezin');
    expect(body).toContain('| **Ja** | `█████████████░░░░░░░` | 8 |');
    expect(body).toContain('| Nee | `███████░░░░░░░░░░░░░` | 4 |');
    expect(body).toContain('| Twaalf maanden schoolverzuim | `░░░░░░░░░░░░░░░░░░░░` | 0 |');
    expect(body).toContain('Keuze van de groep: **Ja**');
    expect(body).toContain('Belangrijkste argumenten:\n\n> Het helpt het gezin');
    expect(body).toContain('Standpunt van de minderheid:\n\n> Eerst toestemming');
    expect(body).toContain('_Bekend discussiepunt in de leertuin._');
    expect(body).toContain('## Uitkomst van de groep: Delen onder voorwaarden');
    expect(body).toContain('- Alleen wat nodig is.');
    expect(body).toContain('Zelfde uitkomst als de afspraak: **Delen onder voorwaarden**');
    expect(body).toContain('_Deze afspraak is een fictief voorbeeld om mee te oefenen._');
    expect(body).toContain('**Niet ondertekend');
  });

  it('is written in the record language', () => {
    const { parts, front } = make(PATH, 'en');
    expect(front.outcome.label).toBe('Share on conditions');
    expect(parts.body).toContain("The group's choice: **Yes**");
    expect(parts.body).toContain('Minority view:\n\n> Eerst toestemming');
  });

  it('lets no free text forge structure: no end of front matter, no signature block, no HTML', () => {
    const hostile = 'ok\n---\n<!-- leertuin-signature\n<script>alert(1)</script>\n\u001b[31mrood';
    const steps: GroupStep[] = [{ ...PATH[0]!, choice: hostile }, { ...PATH[1]!, arguments: hostile, minority: `| ${hostile}` }, PATH[2]!];
    const { text, parts, front } = make(steps);
    expect(front.path[0]!.choice).toBe(hostile);
    expect(front.path[1]!.arguments).toBe(hostile);
    expect(parts.signatures).toEqual([]);
    expect(text.split('\n').filter((line) => line === '---')).toHaveLength(2);
    expect(text.split('\n').some((line) => line.startsWith('<!--'))).toBe(false);
    expect(parts.body).not.toContain('<script>');
    expect(parts.body).not.toContain('\u001b');
    expect(parts.body).toContain('> &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
