import { Catalog } from '../../src/dilemma/catalog.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { setLanguage } from '../../src/i18n/index.js';
import { ReviewAggregator, type ReviewInput } from '../../src/review/aggregate.js';
import { checkFailOn, parseFailOn } from '../../src/review/fail-on.js';
import { formatJson } from '../../src/review/format-json.js';
import type { GroupReport, ReviewReport } from '../../src/review/model.js';
import { divergence, fleissKappa } from '../../src/review/stats.js';
import { fixtureTexts, reviewOptions, verdicts } from './fixtures.js';

let inputs: ReviewInput[];

function review(overrides: Parameters<typeof reviewOptions>[0] = {}, given = inputs): ReviewReport {
  const aggregator = new ReviewAggregator(reviewOptions(overrides));
  for (const input of given) aggregator.add(input);
  return aggregator.finish();
}

const questionOf = (group: GroupReport, node: string) => group.questions.find((q) => q.node === node)!;
const counts = (group: GroupReport, node: string) => Object.fromEntries(questionOf(group, node).answers.map((a) => [a.key, a.count]));

beforeAll(async () => {
  setLanguage('nl');
  inputs = verdicts(await fixtureTexts());
});

describe('review aggregation', () => {
  it('verifies first: the tampered, the unsigned and the unreplayable record are flagged and left out', () => {
    const report = review();
    expect(report.totals).toMatchObject({ files: 8, included: 5, flagged: 3, excluded: 3 });
    expect(report.flagged.map((f) => [f.file, f.status, f.included])).toEqual([
      ['records/2026-11-23-verward-gedrag-huisarts-gggggg.md', 'unreplayable', false],
      ['records/2026-11-23-verward-gedrag-huisarts-hhhhhh.md', 'invalid', false],
      ['records/2026-11-23-zvh-alles-delen-eeeeee.md', 'unsigned', false],
    ]);
    expect(report.flagged.map((f) => f.code)).toEqual(['tree-unavailable', 'bad-signature', 'unsigned']);
  });

  it('groups by dilemma and tree hash: another version of the kader is a group of its own, never merged', () => {
    // The other version's tree is not at hand: that record is unreplayable, counted only when asked.
    const groups = review({ includeUnverified: true }).groups;
    const current = new Catalog([]).kader('mag-ik-delen')!.pin.version;
    expect(groups.map((g) => [g.dilemma.id, g.tree.id, g.tree.version, g.tree.available, g.records])).toEqual([
      ['verward-gedrag-huisarts', 'mag-ik-delen', current, true, 5],
      ['verward-gedrag-huisarts', 'mag-ik-delen', '9.9.9', false, 1],
      ['zvh-alles-delen', 'mag-ik-delen', current, true, 2],
    ]);
  });

  it("computes Fleiss' kappa over the questions everyone answered, as worked out by hand", () => {
    const group = review().groups[0]!;
    // Four records (raters) all answered persoonsgegeven and acuut-gevaar (the subjects, N = 2):
    //   persoonsgegeven: ja 3, gepseudonimiseerd 1   P1 = (3² + 1² − 4) / (4·3) = 6/12 = 1/2
    //   acuut-gevaar:    ja 2, nee 2                 P2 = (2² + 2² − 4) / (4·3) = 4/12 = 1/3
    //   P̄ = (1/2 + 1/3) / 2 = 5/12
    //   p_ja = (3 + 2)/8 = 5/8, p_gepseudonimiseerd = 1/8, p_nee = 2/8
    //   P̄e = 25/64 + 1/64 + 4/64 = 30/64 = 15/32
    //   κ = (5/12 − 15/32) / (1 − 15/32) = (−5/96) / (17/32) = −5/51 ≈ −0.0980
    expect(group.agreement.questions).toEqual(['persoonsgegeven', 'acuut-gevaar']);
    expect(group.agreement.raters).toBe(4);
    expect(group.agreement.observed).toBe(Number((5 / 12).toFixed(4)));
    expect(group.agreement.expected).toBe(Number((15 / 32).toFixed(4)));
    expect(group.agreement.kappa).toBe(Number((-5 / 51).toFixed(4)));
  });

  it('gives per question the answer distribution and the divergence, most divided first, disputed marked', () => {
    const group = review().groups[0]!;
    expect(counts(group, 'persoonsgegeven')).toEqual({ ja: 3, gepseudonimiseerd: 1, nee: 0 });
    expect(counts(group, 'acuut-gevaar')).toEqual({ ja: 2, nee: 2 });
    // Divergence = 1 − most chosen / answered.
    expect(questionOf(group, 'acuut-gevaar').divergence).toBe(0.5);
    expect(questionOf(group, 'persoonsgegeven').divergence).toBe(0.25);
    expect(questionOf(group, 'doel-toets').divergence).toBe(0.5);
    expect(group.questions.map((q) => q.node)).toEqual([
      // 0.5 twice: more answers first; then 0.25; then the agreed ones in tree order; free text last.
      'acuut-gevaar',
      'doel-toets',
      'persoonsgegeven',
      'signaal-geweld',
      'politie-justitie',
      'wettelijke-plicht',
      'beroepsgeheim',
      'conflict-van-plichten',
      'doel',
    ]);
    expect(group.questions.map((q) => q.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(questionOf(group, 'persoonsgegeven').disputed).toBe(true);
    expect(questionOf(group, 'acuut-gevaar').disputed).toBe(false);
    expect(questionOf(group, 'doel').kind).toBe('text');
    expect(questionOf(group, 'doel').texts.items.map((q) => q.text)).toEqual(['Escalatie voorkomen; iedereen op de hoogte', 'Weten of er al hulp is']);
    expect(group.outcomes.map((o) => [o.id, o.count, o.share])).toEqual([
      ['acuut-handelen', 2, 0.5],
      ['conflict-van-plichten-delen', 1, 0.25],
      ['niet-delen', 1, 0.25],
    ]);
  });

  it('breaks the same down by domain, with kappa per domain', () => {
    const group = review().groups[0]!;
    expect(group.by_domain.map((d) => [d.domain, d.records])).toEqual([
      ['zorg', 2],
      ['veiligheid', 1],
      ['gemeente', 1],
    ]);
    // zorg: persoonsgegeven ja 1 / gepseudonimiseerd 1, acuut-gevaar ja 1 / nee 1:
    //   P1 = P2 = (1 + 1 − 2) / (2·1) = 0, P̄ = 0; p = 2/4, 1/4, 1/4: P̄e = 6/16; κ = −(6/16)/(10/16) = −0.6
    expect(group.by_domain[0]!.agreement.kappa).toBe(-0.6);
    expect(group.by_domain[1]!.agreement.kappa).toBeNull();
    expect(questionOf(group, 'acuut-gevaar').by_domain).toEqual([
      { domain: 'zorg', answered: 2, divergence: 0.5, answers: [{ key: 'ja', count: 1 }, { key: 'nee', count: 1 }] },
      { domain: 'veiligheid', answered: 1, divergence: 0, answers: [{ key: 'nee', count: 1 }] },
      { domain: 'gemeente', answered: 1, divergence: 0, answers: [{ key: 'ja', count: 1 }] },
    ]);
  });

  it('puts motivations side by side per answer, and names the authors unless anonymous', () => {
    const group = review().groups[0]!;
    const ja = questionOf(group, 'acuut-gevaar').answers.find((a) => a.key === 'ja')!;
    expect(ja.motivations.items.map((q) => [q.author.name, q.text])).toEqual([
      ['A. Tester', 'De buurvrouw voelt zich bedreigd.'],
      ['D. Oefen', 'Buren zijn bang; dat weegt zwaar.'],
    ]);
    const anonymous = review({ anonymous: true });
    const json = formatJson(anonymous);
    for (const hidden of ['A. Tester', 'C. Proef', 'Praktijk Noord', 'Politie Oost', 'GGZ-verpleegkundige', 'wijkcoach', '"name"', '"role"', '"organisation"']) {
      expect(json).not.toContain(hidden);
    }
    expect(questionOf(anonymous.groups[0]!, 'acuut-gevaar').answers[0]!.motivations.items[0]!.author).toEqual({ domain: 'zorg' });
  });

  it('caps the motivations kept per answer, keeping the same ones whatever the order, and says how many it left out', () => {
    const group = review({ motivationCap: 2 }).groups[0]!;
    const ja = questionOf(group, 'persoonsgegeven').answers.find((a) => a.key === 'ja')!;
    expect(ja.motivations.items.map((q) => q.record)).toEqual(['2026-11-23-verward-gedrag-huisarts-aaaaaa', '2026-11-23-verward-gedrag-huisarts-bbbbbb']);
    expect(ja.motivations.omitted).toBe(1);
    const reversed = review({ motivationCap: 2 }, [...inputs].reverse()).groups[0]!;
    expect(questionOf(reversed, 'persoonsgegeven').answers[0]!.motivations).toEqual(ja.motivations);
    const none = review({ motivationCap: 0 }).groups[0]!;
    expect(none.questions.every((q) => q.answers.every((a) => a.motivations.items.length === 0) && q.texts.items.length === 0)).toBe(true);
  });

  it('compares with the afspraak: who departs, at which question, and what they did not reach', () => {
    const group = review().groups[0]!;
    const afspraak = group.afspraak!;
    expect(afspraak.agreed?.outcome.id).toBe('conflict-van-plichten-delen');
    expect(afspraak.agreed?.fictitious).toBe(true);
    expect([afspraak.compared, afspraak.same_outcome, afspraak.departing]).toEqual([4, 1, 4]);
    const byRecord = Object.fromEntries(afspraak.records.items.map((r) => [r.record.slice(-6), r]));
    expect(byRecord.aaaaaa!.differences.map((d) => d.node)).toEqual(['acuut-gevaar']);
    expect(byRecord.aaaaaa!.not_reached.map((d) => d.node)).toEqual(['signaal-geweld', 'doel-toets', 'politie-justitie', 'wettelijke-plicht', 'beroepsgeheim', 'conflict-van-plichten']);
    expect(byRecord.bbbbbb!.differences.map((d) => d.node)).toEqual(['doel-toets']);
    expect(byRecord.cccccc).toMatchObject({ same_outcome: true, differences: [{ node: 'persoonsgegeven' }], not_reached: [] });
    expect(questionOf(group, 'acuut-gevaar').afspraak).toMatchObject({ key: 'nee', deviating: 2 });
    expect(questionOf(group, 'persoonsgegeven').answers.find((a) => a.agreed)?.key).toBe('ja');
  });

  it('lists the records where the professional decided otherwise, with what and why', () => {
    const group = review().groups[0]!;
    expect(group.deviations.count).toBe(1);
    expect(group.deviations.records.items[0]).toMatchObject({
      record: '2026-11-23-verward-gedrag-huisarts-aaaaaa',
      outcome: { id: 'acuut-handelen' },
      decision: 'Ik bel eerst de crisisdienst van de GGZ.',
    });
  });

  it('without the tree at hand, uses what the records carry', () => {
    const group = review({ includeUnverified: true }).groups[1]!;
    expect(group.tree).toMatchObject({ version: '9.9.9', available: false });
    expect(questionOf(group, 'persoonsgegeven').text).toMatch(/^Gaat het om persoonsgegevens\?/);
    expect(questionOf(group, 'persoonsgegeven').answers.map((a) => [a.key, a.label])).toEqual([['ja', 'Ja, de persoon is te herkennen']]);
    expect(group.outcomes[0]!.label).toMatch(/^Handel nu/);
    expect(group.flow.edges).toEqual([
      { from: 'persoonsgegeven', to: 'acuut-gevaar', label: 'Ja, de persoon is te herkennen', records: 1 },
      { from: 'acuut-gevaar', to: 'acuut-handelen', label: 'Ja, er is acuut gevaar', records: 1 },
    ]);
  });

  it('with the tree, the flow holds every edge and how many records took it', () => {
    const group = review().groups[0]!;
    const edge = (from: string, label: string) => group.flow.edges.find((e) => e.from === from && e.label.startsWith(label))!;
    expect(edge('persoonsgegeven', 'Ja').records).toBe(3);
    expect(edge('persoonsgegeven', 'Zonder naam').records).toBe(1);
    expect(edge('persoonsgegeven', 'Nee').records).toBe(0);
    expect(group.flow.nodes.find((n) => n.id === 'doel')!.records).toBe(2);
    expect(group.flow.nodes.filter((n) => n.kind === 'outcome').reduce((a, n) => a + n.records, 0)).toBe(4);
  });

  it('--include-unverified counts the flagged records, and still flags them', () => {
    const report = review({ includeUnverified: true });
    expect(report.totals).toMatchObject({ included: 8, flagged: 3, excluded: 0 });
    expect(report.flagged.every((f) => f.included)).toBe(true);
    const zvh = report.groups.find((g) => g.dilemma.id === 'zvh-alles-delen')!;
    expect([zvh.records, zvh.unverified]).toEqual([2, 1]);
  });

  it('gives the same document whatever order the records come in', () => {
    expect(formatJson(review({}, [...inputs].reverse()))).toBe(formatJson(review()));
  });
});

describe('statistics', () => {
  it('divergence is the share that chose otherwise than the most chosen answer', () => {
    expect(divergence([5, 0, 0])).toBe(0);
    expect(divergence([3, 1])).toBe(0.25);
    expect(divergence([1, 1, 1])).toBe(0.6667);
    expect(divergence([])).toBeNull();
  });

  it('kappa is 1 for full agreement with variation across questions, and undefined where it must be', () => {
    const subject = (entries: [string, number][]) => new Map(entries);
    expect(fleissKappa([subject([['ja', 3]]), subject([['nee', 3]])]).kappa).toBe(1);
    expect(fleissKappa([subject([['ja', 3]])]).kappa).toBeNull();
    expect(fleissKappa([subject([['ja', 1]])]).kappa).toBeNull();
    expect(fleissKappa([]).kappa).toBeNull();
  });
});

describe('--fail-on', () => {
  it('reads repeated and comma-separated conditions and refuses unknown ones', () => {
    expect(parseFailOn(['invalid,agreement<0.4', 'deviation']).map((c) => c.text)).toEqual(['invalid', 'agreement<0.4', 'deviation']);
    expect(() => parseFailOn(['kappa<0.4'])).toThrow(/kappa<0.4/);
    expect(() => parseFailOn(['agreement<2'])).toThrow();
    // The decimal comma the Dutch report prints is a number, also inside a list.
    expect(parseFailOn(['agreement<0,8']).map((c) => [c.text, c.kind === 'agreement' ? c.below : null])).toEqual([['agreement<0.8', 0.8]]);
    expect(parseFailOn(['agreement<0,8,invalid']).map((c) => c.text)).toEqual(['agreement<0.8', 'invalid']);
    expect(parseFailOn(['agreement<-0,25']).map((c) => c.text)).toEqual(['agreement<-0.25']);
  });

  it('is met by any record not ok, by a deviation, and by kappa below the threshold in any group', () => {
    const report = review();
    const met = checkFailOn(report, parseFailOn(['invalid', 'untrusted', 'deviation', 'afspraak', 'agreement<0', 'agreement<-0.5']));
    expect(met.map((m) => m.condition)).toEqual(['invalid', 'deviation', 'afspraak', 'agreement<0']);
    expect(met[0]!.reason).toBe('3 verslagen zijn niet ok (1 invalid, 1 unsigned, 1 unreplayable)');
    expect(met[3]!.reason).toBe('overeenstemming -0,10 is lager dan 0,00 bij verward-gedrag-huisarts');
  });
});
