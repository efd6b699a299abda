import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ROOT } from '../helpers/home.js';
import { sandbox } from './helpers.js';

describe('leertuin new', () => {
  it('scaffolds into the project, and the result passes lint at once', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const created = await box.run(['new', 'mijn-dilemma']);
    expect(created.status, created.stderr).toBe(0);
    const file = join(box.cwd, 'dilemmas', 'mijn-dilemma.yaml');
    expect(created.stdout.trim()).toBe(file);
    const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(data).toMatchObject({ kind: 'dilemma', id: 'mijn-dilemma', title: 'Mijn dilemma', kader: 'mag-ik-delen' });
    // The template's comments come along, to guide the author.
    expect(readFileSync(file, 'utf8')).toContain('# De vragenboom: een kader');

    const lint = await box.run(['lint']);
    expect(lint.status, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stderr).toMatch(/^mijn-dilemma: \d+ pad\(en\), 14 van 14 uitkomsten bereikt$/m);
  });

  it('takes title, case and kader from flags, quoting whatever YAML needs', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const title = 'Mag "dit": [ja] # of nee?';
    const caseText = 'Eerste regel: met een dubbele punt.\n\nTweede alinea, met "aanhalingstekens".';
    const created = await box.run(['new', 'met-vlaggen', '--title', title, '--case', caseText, '--kader', 'informatiepositie']);
    expect(created.status, created.stderr).toBe(0);
    const data = parse(readFileSync(join(box.cwd, 'dilemmas', 'met-vlaggen.yaml'), 'utf8')) as Record<string, unknown>;
    expect(data).toMatchObject({ id: 'met-vlaggen', title, case: caseText, kader: 'informatiepositie' });
    expect((await box.run(['lint', 'dilemmas/met-vlaggen.yaml'])).status).toBe(0);
    const shown = await box.json(['show', 'met-vlaggen']);
    expect(shown.body).toMatchObject({ title, kader: { id: 'informatiepositie' } });
  });

  it('refuses an existing file, a bad id and an unknown kader, writing nothing', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const before = readFileSync(join(box.cwd, 'dilemmas', 'voorbeeld-mentor.yaml'), 'utf8');
    const exists = await box.json(['new', 'voorbeeld-mentor']);
    expect(exists.status).toBe(2);
    expect(exists.body).toMatchObject({ ok: false, error: { code: 'dilemma-exists' } });
    expect(readFileSync(join(box.cwd, 'dilemmas', 'voorbeeld-mentor.yaml'), 'utf8')).toBe(before);

    expect((await box.json(['new', 'Geen Id!'])).body).toMatchObject({ error: { code: 'bad-id' } });
    const unknown = await box.json(['new', 'ander', '--kader', 'bestaat-niet']);
    expect(unknown.status).toBe(2);
    expect(unknown.body).toMatchObject({ error: { code: 'unknown-kader' } });
    expect(existsSync(join(box.cwd, 'dilemmas', 'ander.yaml'))).toBe(false);
  });

  it('writes into the first dilemmas folder of the project, else ./dilemmas, and uses a project template', async () => {
    const box = sandbox();
    writeFileSync(join(box.cwd, '.leertuin.yaml'), 'dilemmas: [eigen, ander]\n');
    mkdirSync(join(box.cwd, 'templates'));
    const template = readFileSync(join(ROOT, 'templates', 'dilemma.yaml'), 'utf8').replace(
      '# Optioneel / optional:',
      '# Sjabloon van de organisatie\n# Optioneel / optional:',
    );
    writeFileSync(join(box.cwd, 'templates', 'dilemma.yaml'), template);
    const sub = join(box.cwd, 'sub');
    mkdirSync(sub);
    const created = await box.run(['new', 'eigen-dilemma'], { cwd: sub });
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout.trim()).toBe(join(box.cwd, 'eigen', 'eigen-dilemma.yaml'));
    expect(readFileSync(join(box.cwd, 'eigen', 'eigen-dilemma.yaml'), 'utf8')).toContain('# Sjabloon van de organisatie');
    expect((await box.run(['lint'], { cwd: sub })).status).toBe(0);

    const bare = sandbox();
    const loose = await bare.run(['new', 'los']);
    expect(loose.status).toBe(0);
    expect(loose.stdout.trim()).toBe(join(bare.cwd, 'dilemmas', 'los.yaml'));
    // Without a project, ./dilemmas is where lint, list and walk look.
    expect((await bare.run(['lint', 'dilemmas/los.yaml'])).status).toBe(0);
    expect((await bare.run(['list'])).stdout).toMatch(/^\s+los\s/m);
  });

});
