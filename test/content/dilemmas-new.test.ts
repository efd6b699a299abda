import { describe, expect, it } from 'vitest';
import { PathModel } from '../../src/authoring/paths.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { LoadedDilemma, Tree } from '../../src/dilemma/model.js';
import type { Afspraak, OutcomeNode } from '../../src/dilemma/schema.js';
import { motivationRule, outcomeOf, replay, type GivenAnswer } from '../../src/walk/engine.js';

// Issue 14 item 5: the bundled set has the four missing situations, each with an afspraak its own
// answers reach, and "do not share" is not the safe answer everywhere.
const catalog = new Catalog([]);
const bundled = catalog.dilemmas().filter((d) => d.bundled);
const byId = new Map(bundled.map((d) => [d.pin.id, d]));

/** The afspraak walked through the engine as a person would: a text where one is asked, a motivation wherever one may be given. */
function walkAfspraak(tree: Tree, afspraak: Afspraak): OutcomeNode | undefined {
  const given = new Map<string, GivenAnswer>();
  for (const node of tree.nodes.values()) {
    const answer = node.kind === 'text' ? 'Een concreet doel: één plan met het gezin.' : afspraak.answers[node.id];
    if (answer === undefined) continue;
    given.set(node.id, { answer, ...(motivationRule(node, answer) !== 'none' ? { motivation: 'Zo spraken we het af.' } : {}) });
  }
  // replay refuses answers off the walked path: keep only the text nodes the route passes.
  for (let attempt = 0; attempt < tree.nodes.size; attempt++) {
    try {
      return outcomeOf(tree, replay(tree, given));
    } catch (error) {
      const node = (error as { node?: string }).node;
      if (node === undefined || tree.nodes.get(node)?.kind !== 'text' || !given.delete(node)) throw error;
    }
  }
  return undefined;
}

function dilemma(id: string): LoadedDilemma {
  const found = byId.get(id);
  if (!found) throw new Error(`no bundled dilemma ${id}`);
  return found;
}

const NEW = [
  { id: 'wijkteam-mail-school', kader: 'mag-ik-ontvangen', outcome: 'ontvangen-vastleggen' },
  { id: 'gemeente-schuldhulp-jeugd', kader: 'mag-ik-delen', outcome: 'toestemming-eerst' },
  { id: 'gi-ots-jeugdhulp', kader: 'mag-ik-delen', outcome: 'wettelijke-plicht-delen' },
  { id: 'wvggz-melding-verward', kader: undefined, outcome: 'melden-gemeente' },
  { id: 'risicoscore-huishoudens', kader: 'informatiepositie', outcome: 'eerst-score-toetsen' },
] as const;

describe('the new and reworked bundled dilemmas', () => {
  it.each(NEW)('$id: its afspraak answers, walked, reach its afspraak outcome $outcome', ({ id, kader, outcome }) => {
    const d = dilemma(id);
    expect(d.kader?.pin.id).toBe(kader);
    expect(d.file.afspraak?.fictitious).toBe(true);
    expect(d.file.afspraak?.outcome).toBe(outcome);
    expect(walkAfspraak(d.tree, d.file.afspraak!)?.id).toBe(outcome);
  });

  it('the GI under a supervision order: sharing is the legal duty, not "first try something lighter"', () => {
    const d = dilemma('gi-ots-jeugdhulp');
    const reached = walkAfspraak(d.tree, d.file.afspraak!);
    expect(reached?.id).toBe('wettelijke-plicht-delen');
    expect(reached?.verdict).toBe('share-legal-duty');
  });

  it('the Wvggz report ends in a report to the municipality, and an acute danger still goes to 112', () => {
    const d = dilemma('wvggz-melding-verward');
    expect(walkAfspraak(d.tree, d.file.afspraak!)?.verdict).toMatch(/^share-/);
    const acute = walkAfspraak(d.tree, { ...d.file.afspraak!, answers: { acuut: 'ja' } });
    expect(acute?.id).toBe('acuut-bellen');
  });

  it('the receiving side: asking the police goes through the police route, not a quick question', () => {
    const d = dilemma('wijkteam-mail-school');
    const asked = walkAfspraak(d.tree, { ...d.file.afspraak!, answers: { acuut: 'nee', nodig: 'deels', richting: 'vragen-politie' } });
    expect(asked?.id).toBe('politie-vragen');
    expect(JSON.stringify(asked?.legal)).toContain('wpg-19');
  });
});

describe('the bundled set as a whole', () => {
  it('has at least 12 dilemmas, each with an afspraak', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(12);
    expect(bundled.filter((d) => !d.file.afspraak).map((d) => d.pin.id)).toEqual([]);
  });

  it('every afspraak reaches its outcome, and at least two of them share', () => {
    const verdicts = bundled.map((d) => {
      const reached = walkAfspraak(d.tree, d.file.afspraak!);
      expect(reached?.id, d.pin.id).toBe(d.file.afspraak!.outcome);
      return reached!.verdict;
    });
    expect(verdicts.filter((v) => v.startsWith('share')).length).toBeGreaterThanOrEqual(2);
    expect(verdicts.filter((v) => v === 'do-not-share').length).toBeLessThan(bundled.length / 2);
  });

  it('no path of any bundled tree asks more than 15 questions', () => {
    const longest = bundled.map((d) => [d.pin.id, new PathModel(d.tree, { text: 'doel', motivation: 'omdat' }).coverage().longest] as const);
    expect(longest.filter(([, n]) => n > 15)).toEqual([]);
    // The kader of the receiving side, on its own.
    const ontvangen = catalog.kader('mag-ik-ontvangen');
    expect(ontvangen).toBeDefined();
    expect(new PathModel(ontvangen!.tree, { text: 'doel', motivation: 'omdat' }).coverage().longest).toBeLessThanOrEqual(15);
  });
});
