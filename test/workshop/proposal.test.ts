import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { Catalog } from '../../src/dilemma/catalog.js';
import { loadDilemma, parseTreeFile, treeProblems } from '../../src/dilemma/load.js';
import { groupAnswers } from '../../src/workshop/group.js';
import { bumpVersion, proposalFileName, proposeAfspraak, ProposalError, type AfspraakProposal } from '../../src/workshop/proposal.js';
import { FIXTURE, fixtureDilemma, PATH } from './helpers.js';

const dilemma = fixtureDilemma();
const SOURCE = readFileSync(FIXTURE, 'utf8');

function proposal(overrides: Partial<AfspraakProposal> = {}): AfspraakProposal {
  return {
    answers: groupAnswers(dilemma.tree, PATH),
    outcome: 'eind-voorwaarden',
    rationale: 'Delen helpt het gezin: "alleen" wat nodig is # geen commentaar',
    date: '2026-11-23',
    by: 'Leertuin Oefenstad',
    ...overrides,
  };
}

/** Lints a proposal as `leertuin lint` does: under the dilemma's own file name, schema, graph and afspraak. */
function lintAs(id: string, text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'leertuin-proposal-'));
  const path = join(dir, `${id}.yaml`);
  writeFileSync(path, text);
  const parsed = parseTreeFile(path);
  return { parsed, path, problems: treeProblems(parsed, dilemma.kader) };
}

describe('bumpVersion', () => {
  it('takes a minor step and drops pre-release and build parts', () => {
    expect(bumpVersion('1.0.0')).toBe('1.1.0');
    expect(bumpVersion('2.3.1')).toBe('2.4.0');
    expect(bumpVersion('1.9.4-beta.2')).toBe('1.10.0');
    expect(bumpVersion('3')).toBe('3.1.0');
  });
});

describe('proposeAfspraak', () => {
  it('names the file after the dilemma, marked as a proposal', () => {
    expect(proposalFileName('zvh-alles-delen')).toBe('zvh-alles-delen.proposed.yaml');
  });

  it('puts the group path in as the new afspraak and bumps the version; the file lints clean', () => {
    const text = proposeAfspraak(SOURCE, 'workshop-oefen.proposed.yaml', proposal(), dilemma.tree);
    const { parsed, problems } = lintAs('workshop-oefen', text);
    expect(problems).toEqual([]);
    expect(parsed.pin.version).toBe('2.4.0');
    const data = parse(text) as { afspraak: unknown };
    expect(data.afspraak).toEqual({
      fictitious: false,
      outcome: 'eind-voorwaarden',
      answers: { delen: 'ja', soorten: ['gezondheid'] },
      rationale: 'Delen helpt het gezin: "alleen" wat nodig is # geen commentaar',
      date: '2026-11-23',
      by: 'Leertuin Oefenstad',
    });
  });

  it('keeps everything else as it was: comments, order, quoting, the tree', () => {
    const text = proposeAfspraak(SOURCE, 'x.yaml', proposal(), dilemma.tree);
    const before = SOURCE.slice(0, SOURCE.indexOf('afspraak:'));
    const after = text.slice(0, text.indexOf('afspraak:'));
    expect(after).toBe(before.replace('version: "2.3.1"', 'version: "2.4.0"'));
    expect(text).toContain('# De oude afspraak (wordt vervangen).\nafspraak:');
    expect(text).toContain('date: "2026-11-23"');
  });

  it('adds an afspraak to a dilemma that had none', () => {
    const without = SOURCE.slice(0, SOURCE.indexOf('# De oude afspraak'));
    const text = proposeAfspraak(without, 'x.yaml', proposal(), dilemma.tree);
    expect(text.startsWith(without.replace('version: "2.3.1"', 'version: "2.4.0"').trimEnd())).toBe(true);
    expect(lintAs('workshop-oefen', text).problems).toEqual([]);
  });

  it('quotes ids that YAML 1.1 or 1.2 would read as a boolean or a number', () => {
    const text = proposeAfspraak(SOURCE, 'x.yaml', proposal({ answers: { delen: 'no' }, outcome: 'eind-niet' }), dilemma.tree);
    expect(text).toContain('delen: "no"');
    const other = proposeAfspraak(SOURCE, 'x.yaml', proposal({ answers: { delen: 'ja', soorten: ['schulden', '12'] }, outcome: 'eind-delen' }), dilemma.tree);
    expect(parse(other, { version: '1.1' }).afspraak.answers).toEqual({ delen: 'ja', soorten: ['schulden', '12'] });
    expect(lintAs('workshop-oefen', other).problems).toEqual([]);
  });

  it('refuses a proposal whose answers do not lead to its outcome', () => {
    expect(() => proposeAfspraak(SOURCE, 'x.yaml', proposal({ outcome: 'eind-delen' }), dilemma.tree)).toThrow(ProposalError);
    expect(() => proposeAfspraak(SOURCE, 'x.yaml', proposal({ answers: { delen: 'ja' } }), dilemma.tree)).toThrow(/afspraak-incomplete/);
  });

  it('works on a bundled dilemma that walks a kader', () => {
    const bundled = new Catalog([]).dilemma('verward-gedrag-huisarts');
    const text = proposeAfspraak(
      readFileSync(bundled.path, 'utf8'),
      'x.yaml',
      { answers: { persoonsgegeven: 'nee' }, outcome: 'geen-persoonsgegevens', rationale: 'Anoniem besproken.', date: '2026-11-23', by: 'Leertuin Oefenstad' },
      bundled.tree,
    );
    const dir = mkdtempSync(join(tmpdir(), 'leertuin-proposal-'));
    writeFileSync(join(dir, 'verward-gedrag-huisarts.yaml'), text);
    const reloaded = loadDilemma(join(dir, 'verward-gedrag-huisarts.yaml'), false, (id) => new Catalog([]).kader(id));
    expect(reloaded.file.version).toBe('2.1.0');
    expect(reloaded.file.afspraak).toMatchObject({ fictitious: false, outcome: 'geen-persoonsgegevens', answers: { persoonsgegeven: 'nee' } });
    expect(reloaded.file.case).toEqual(bundled.file.case);
  });
});
