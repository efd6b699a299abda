import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DIR } from '../../src/dilemma/catalog.js';
import { describeLegal, glossaryTermsIn, newTermsOf, referenceFor, unexplainedJargon } from '../../src/dilemma/reference.js';
import type { TreeNode } from '../../src/dilemma/schema.js';
import { freshHome } from '../helpers/home.js';
import { runCommand } from '../authoring/run-command.js';

const bundled = referenceFor();

describe('the registry of legal sources', () => {
  it('every bundled source has a cite and title in nl and en, and an official https link unless it is a paid norm', () => {
    expect(bundled.sources.size).toBeGreaterThanOrEqual(50);
    for (const source of bundled.sources.values()) {
      for (const field of [source.cite, source.title]) expect(typeof field === 'object' && field.nl && field.en, source.id).toBeTruthy();
      if (!['bio', 'nen-7510'].includes(source.id)) expect(source.url, source.id).toMatch(/^https:\/\/(eur-lex\.europa\.eu|wetten\.overheid\.nl|zoek\.officielebekendmakingen\.nl|uitspraken\.rechtspraak\.nl|curia\.europa\.eu|www\.knmg\.nl|www\.nji\.nl|www\.rijksoverheid\.nl)\//);
    }
  });

  it('describes an id, an id with a note, an unknown id and old free text', () => {
    expect(describeLegal('avg-6-1-d', bundled, 'nl')).toEqual({ text: 'AVG art. 6 lid 1 sub d: Vitaal belang', id: 'avg-6-1-d', url: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj' });
    expect(describeLegal({ source: 'avg-9-2-c', note: { nl: 'alleen als…', en: 'only when…' } }, bundled, 'en').text).toMatch(/^GDPR art\. 9\(2\)\(c\): .+ \(only when…\)$/);
    expect(describeLegal('avg-99-1', bundled, 'nl')).toEqual({ text: 'avg-99-1', id: 'avg-99-1' });
    expect(describeLegal({ nl: 'AVG art. 6', en: 'GDPR art. 6' }, bundled, 'en')).toEqual({ text: 'GDPR art. 6' });
  });
});

describe('the glossary', () => {
  it('finds a term at a word start in any case, an abbreviation only as written', () => {
    const ids = (text: string) => glossaryTermsIn(text, bundled, 'nl').map((t) => t.id);
    expect(ids('Overleg met je FG.')).toContain('fg');
    expect(ids('een afgesproken regel')).not.toContain('fg');
    expect(ids('Vorderingen van de officier')).toContain('vordering');
  });

  it('finds exactly what one expression with a letter-or-digit lookbehind (and, for abbreviations, lookahead) finds', () => {
    // The definition the matcher keeps to, written the slow way: each term's forms in one expression.
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // The bundled glossary and a term whose forms start or hold one another (a project may write such).
    const reference = { ...bundled, glossary: [...bundled.glossary, { id: 'prefixes', term: 'AV', match: { nl: ['AV', 'AVG', 'meld', 'meldrecht', 'b meld'], en: ['AV', 'AVGX'] }, explain: 'x' }] };
    const definition = (language: 'nl' | 'en') =>
      reference.glossary.map((term) => {
        const forms = term.match?.[language] ?? [typeof term.term === 'string' ? term.term : term.term[language]!];
        const abbreviations = forms.filter((f) => /^[A-Z0-9]+$/.test(f)).map(escape);
        const words = forms.filter((f) => !/^[A-Z0-9]+$/.test(f)).map(escape);
        const exact = abbreviations.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${abbreviations.join('|')})(?![\\p{L}\\p{N}])`, 'u') : undefined;
        const loose = words.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join('|')})`, 'iu') : undefined;
        return { id: term.id, matches: (text: string) => (exact?.test(text) ?? false) || (loose?.test(text) ?? false) };
      });
    const oracles = { nl: definition('nl'), en: definition('en') };
    const forms = reference.glossary.flatMap((term) => [...Object.values(term.match ?? {}).flat(), ...(typeof term.term === 'string' ? [term.term] : Object.values(term.term))]);
    // Forms, each as written, in capitals or in lower case, and what may stand beside them: letters
    // and digits (one outside the BMP: a surrogate pair), characters that end a word, and the halves
    // of a pair alone.
    const piece = fc.oneof(
      fc.constantFrom(...forms).chain((form) => fc.constantFrom(form, form.toUpperCase(), form.toLowerCase())),
      fc.constantFrom('a', 'X', 'é', '7', '\u{1D400}', '\u{1F600}', '\uD835', '\uDC00', ' ', '-', '(', '.', '\n'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.constantFrom('nl' as const, 'en' as const), (pieces, language) => {
        const text = pieces.join('');
        const expected = oracles[language].filter((o) => o.matches(text)).map((o) => o.id);
        expect(glossaryTermsIn(text, reference, language).map((t) => t.id)).toEqual(expected);
      }),
      { numRuns: 400, examples: [[['AVG', '.'], 'nl'], [['a', 'b meld'], 'nl'], [['a', '\uDC00', 'AVG'], 'nl'], [['\u{1D400}', 'AVG'], 'nl']] },
    );
  });

  it('jargon without a glossary entry is reported; explained jargon is not', () => {
    expect(unexplainedJargon('Vraag het aan de FG en de XQZ.', bundled, 'nl')).toEqual(['XQZ']);
    expect(unexplainedJargon('Een vordering van het OM.', bundled, 'nl')).toEqual([]);
  });

  it('a walk explains each term once, where it first appears', () => {
    const node = (text: string): TreeNode => ({ id: 'q', kind: 'text', text, next: 'x' });
    const dilemma = { reference: bundled, file: { languages: ['nl'] } };
    const explained = new Set<string>();
    expect(newTermsOf(node('Weet je FG ervan?'), dilemma, 'nl', explained).map((t) => t.id)).toEqual(['fg']);
    expect(newTermsOf(node('En de FG?'), dilemma, 'nl', explained)).toEqual([]);
  });
});

describe('lint, show and the record use the registry', () => {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');

  it('lint passes on a copy of the kader and fails at file:line on one that cites an invented article', async () => {
    const dir = join(cwd, 'dilemmas', 'kaders');
    mkdirSync(dir, { recursive: true });
    cpSync(join(BUNDLED_DIR, 'kaders', 'mag-ik-delen.yaml'), join(dir, 'mag-ik-delen.yaml'));
    const clean = await runCommand(['lint', 'dilemmas/kaders/mag-ik-delen.yaml'], { env, cwd });
    expect(clean.status, clean.stdout + clean.stderr).toBe(0);

    const text = readFileSync(join(dir, 'mag-ik-delen.yaml'), 'utf8');
    const lines = text.split('\n');
    const at = lines.indexOf('      - avg-6-1-d');
    expect(at).toBeGreaterThan(0);
    lines[at] = '      - avg-6-1-q';
    writeFileSync(join(dir, 'mag-ik-delen.yaml'), lines.join('\n'));
    const broken = await runCommand(['lint', 'dilemmas/kaders/mag-ik-delen.yaml'], { env, cwd });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`dilemmas/kaders/mag-ik-delen.yaml:${at + 1}:9: bron "avg-6-1-q" staat niet in het register`);
    expect(broken.stdout).toContain('[unknown-legal-source]');
  });

  it("a project's own registry adds sources; a broken registry file is an error at its place", async () => {
    const project = join(home, 'project');
    mkdirSync(join(project, 'dilemmas', 'reference'), { recursive: true });
    mkdirSync(join(project, 'dilemmas', 'kaders'), { recursive: true });
    writeFileSync(join(project, '.leertuin.yaml'), 'dilemmas: [dilemmas]\n');
    const sources = 'kind: sources\nsources:\n  - id: apv-voorbeeld-2-1\n    cite: {nl: "APV Voorbeeld art. 2:1", en: "Local bye-law art. 2:1"}\n    title: {nl: "Samenscholing", en: "Gatherings"}\n    url: "https://lokaleregelgeving.overheid.nl/CVDR000000"\n';
    writeFileSync(join(project, 'dilemmas', 'reference', 'sources.yaml'), sources);
    const kader = readFileSync(join(BUNDLED_DIR, 'kaders', 'mag-ik-delen.yaml'), 'utf8').replace('      - avg-6-1-d\n', '      - apv-voorbeeld-2-1\n');
    writeFileSync(join(project, 'dilemmas', 'kaders', 'mag-ik-delen.yaml'), kader);
    const lint = await runCommand(['lint', 'dilemmas'], { env, cwd: project });
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect((await runCommand(['show', 'zvh-alles-delen'], { env, cwd: project })).stdout).toContain('APV Voorbeeld art. 2:1: Samenscholing https://lokaleregelgeving.overheid.nl/CVDR000000');

    writeFileSync(join(project, 'dilemmas', 'reference', 'sources.yaml'), sources.replace('url: "https://', 'url: "http://'));
    const broken = await runCommand(['lint', 'dilemmas'], { env, cwd: project });
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/dilemmas\/reference\/sources\.yaml:6:10: .*https-link naar de officiële tekst/);
  });

  it('show lists each cited source with its title and link, and the review line', async () => {
    const shown = await runCommand(['show', 'zvh-alles-delen', '--no-color'], { env, cwd: home });
    expect(shown.stdout).toMatch(/Wetten en bronnen in deze boom\n( {2}- .+\n)+/);
    expect(shown.stdout).toContain('  - Wetboek van Strafvordering art. 218: Verschoningsrecht van geheimhouders https://wetten.overheid.nl/BWBR0001903/');
    expect(shown.stdout).toMatch(/Juridisch nagekeken door .+ op 2026-12-04/);
    const json = JSON.parse((await runCommand(['show', 'zvh-alles-delen', '--json', '--lang', 'en'], { env, cwd: home })).stdout) as { reviewed: { date: string }; nodes: { id: string; legal?: { text: string; url?: string }[] }[] };
    expect(json.reviewed.date).toBe('2026-12-04');
    expect(json.nodes.find((n) => n.id === 'verschoningsrecht')?.legal).toContainEqual({ text: 'Code of Criminal Procedure art. 218: Right of non-disclosure of secret-keepers', id: 'sv-218', url: 'https://wetten.overheid.nl/BWBR0001903/' });
  });

  it('a record links each source and carries the review line', async () => {
    const answers = {
      dilemma: 'zvh-alles-delen',
      author: { name: 'Oefenaar', role: 'professional', domain: 'zorg', organisation: 'Oefen' },
      answers: { persoonsgegeven: { answer: 'ja', motivation: 'Het gaat om een gezin.' }, 'acuut-gevaar': { answer: 'ja', motivation: 'Er is nu gevaar.' } },
    };
    writeFileSync(join(home, 'a.json'), JSON.stringify(answers));
    const walk = await runCommand(['walk', '--answers', 'a.json', '--no-sign', '--out', 'records'], { env: { ...env, LEERTUIN_RECORD_ID: 'bron01' }, cwd: home });
    expect(walk.status, walk.stderr).toBe(0);
    const record = readFileSync(walk.stdout.trim(), 'utf8');
    expect(record).toContain('[AVG art. 4 lid 1: Persoonsgegevens](https://eur-lex.europa.eu/eli/reg/2016/679/oj)');
    expect(record).toMatch(/\| Juridisch nagekeken \| de makers van leertuin .+, 2026-12-04: AVG/);
  });
});
