import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BUNDLED_DIR, Catalog } from '../../src/dilemma/catalog.js';
import type { Localized, OutcomeNode, TreeNode } from '../../src/dilemma/schema.js';
import { readAnswersFile, walkAnswers } from '../../src/walk/answers-file.js';
import { outcomeOf } from '../../src/walk/engine.js';

/*
 * The legal acceptance points of issue 14, checked by walking the bundled kader mag-ik-delen with
 * answers files, the way `leertuin walk --answers` does.
 */

const tree = new Catalog([]).dilemma('zvh-alles-delen').tree;
const tmp = mkdtempSync(join(tmpdir(), 'leertuin-kader-law-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

type Answers = Record<string, string | string[]>;

/** Writes an answers file (a motivation on every answer), reads it back and walks it. */
function walk(choices: Answers, name: string): { outcome: OutcomeNode | undefined; asked: string[] } {
  const file = join(tmp, `${name}.answers.yaml`);
  // A free text (the purpose) carries no motivation of its own; every choice has one.
  const answers = Object.fromEntries(
    Object.entries(choices).map(([node, answer]) => [node, tree.nodes.get(node)?.kind === 'text' ? { answer } : { answer, motivation: `Toelichting bij ${node}.` }]),
  );
  writeFileSync(file, stringify({ dilemma: 'zvh-alles-delen', answers }));
  const state = walkAnswers(tree, readAnswersFile(file));
  return { outcome: outcomeOf(tree, state), asked: state.steps.map((s) => s.node) };
}

const both = (text: Localized | undefined): string[] => (text === undefined ? [] : typeof text === 'string' ? [text] : Object.values(text));
const outcomeTexts = (node: OutcomeNode): string[] => [...both(node.text), ...(node.conditions ?? []).flatMap(both), ...both(node.advice)];

/** The common start of a path without acute danger and without signs of violence. */
const opening: Answers = {
  persoonsgegeven: 'ja',
  'acuut-gevaar': 'nee',
  'signaal-geweld': 'nee',
  doel: 'Samen één plan maken, zodat de schulden niet verder oplopen.',
  'doel-toets': 'concreet',
  'politie-justitie': 'nee',
};

describe('mag-ik-delen: the legal acceptance points of issue 14', () => {
  it('the meldrecht names Veilig Thuis as the only recipient, and says it is no ground for police, a ZVH table or a housing association', () => {
    const { outcome, asked } = walk({ ...opening, 'wettelijke-plicht': 'nee', beroepsgeheim: 'meldrecht', 'melden-vooraf-vertellen': 'vooraf' }, 'meldrecht');
    expect(asked).toContain('melden-vooraf-vertellen');
    expect(outcome?.id).toBe('melden-veilig-thuis');
    const texts = outcomeTexts(outcome!);
    expect(texts.join(' ')).toMatch(/Veilig Thuis/);
    const others = texts.filter((text) => /politie|police|ZVH|corporatie|housing association/i.test(text));
    expect(others.length).toBeGreaterThan(0);
    for (const text of others) expect(text).toMatch(/alleen|only|geen grond|no ground/i);
  });

  it('a vordering asks about verschoningsrecht first; with the right there is no duty, without it the law is followed', () => {
    const withRight = walk({ ...opening, 'wettelijke-plicht': 'vordering', verschoningsrecht: 'ja' }, 'vordering-geheimhouder');
    expect(withRight.asked).toContain('verschoningsrecht');
    expect(withRight.outcome?.id).toBe('vordering-verschoningsrecht');
    expect(withRight.outcome?.verdict).not.toMatch(/^share/);
    const withoutRight = walk({ ...opening, 'wettelijke-plicht': 'vordering', verschoningsrecht: 'nee' }, 'vordering-zonder-recht');
    expect(withoutRight.outcome?.id).toBe('wettelijke-plicht-delen');
  });

  it('a real legal duty leads to a share of what the law asks, never to "less intrusive first"', () => {
    const { outcome } = walk({ ...opening, 'wettelijke-plicht': 'ja' }, 'wettelijke-plicht');
    expect(outcome?.id).toBe('wettelijke-plicht-delen');
    expect(outcome?.verdict).toMatch(/^share/);
    expect(outcomeTexts(outcome!).join(' ')).toMatch(/artikel/);
    const duty = tree.nodes.get('wettelijke-plicht') as Extract<TreeNode, { kind: 'single' }>;
    expect(duty.options.find((o) => o.id === 'ja')?.next).toBe('wettelijke-plicht-delen');
  });

  it('a conflict of duties with all five conditions leads to a share with an FG check; four are not enough', () => {
    const five = ['alles-gedaan', 'gewetensnood', 'geen-andere-weg', 'ernstige-schade', 'schade-voorkomen'];
    const all = walk({ ...opening, 'wettelijke-plicht': 'nee', beroepsgeheim: 'geweigerd', 'conflict-van-plichten': five }, 'conflict-vijf');
    expect(all.outcome?.id).toBe('conflict-van-plichten-delen');
    expect(all.outcome?.verdict).toMatch(/^share/);
    expect(all.asked).not.toContain('uitzondering');
    expect(outcomeTexts(all.outcome!).join(' ')).toMatch(/\bFG\b/);
    const four = walk({ ...opening, 'wettelijke-plicht': 'nee', beroepsgeheim: 'geweigerd', 'conflict-van-plichten': five.slice(0, 4) }, 'conflict-vier');
    expect(four.outcome?.verdict).not.toMatch(/^share/);
  });

  it('rumours are checked or shared as an impression with their source, not simply "do not share"', () => {
    const { outcome } = walk(
      { ...opening, 'wettelijke-plicht': 'nee', beroepsgeheim: 'geen', grondslag: 'algemeen-belang', 'bijzondere-gegevens': ['wonen'], samenwerkingsverband: 'nee', noodzaak: 'geruchten' },
      'geruchten',
    );
    expect(outcome?.id).toBe('informele-informatie');
    expect(outcome?.verdict).not.toBe('do-not-share');
    expect(outcomeTexts(outcome!).join(' ')).toMatch(/Veilig Thuis/);
  });
});

describe('the bundled content', () => {
  const bundledTrees = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? (d.name === 'archive' ? [] : bundledTrees(join(dir, d.name))) : /\.ya?ml$/.test(d.name) ? [join(dir, d.name)] : [],
    );

  it('describes the WGS as law since 1 March 2025, and nowhere keeps the pre-WGS model or the Wams', () => {
    const files = bundledTrees(BUNDLED_DIR);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/geen eigen (wettelijke )?taak|no (legal )?task of its own/i);
      expect(text, file).not.toMatch(/\bWams\b/);
    }
    const zvh = readFileSync(join(BUNDLED_DIR, 'zvh-alles-delen.yaml'), 'utf8') + readFileSync(join(BUNDLED_DIR, 'kaders', 'mag-ik-delen.yaml'), 'utf8');
    expect(zvh).toMatch(/1 maart 2025/);
    expect(zvh).toMatch(/1 March 2025/);
  });
});
