import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFrontMatterData, splitRecord, validateFrontMatter } from '../../src/record/parse.js';
import { workshopRecordSchema } from '../../src/workshop/model.js';
import { BIN, freshHome } from '../helpers/cli.js';
import { TmuxSession } from '../helpers/tmux.js';
import { missing } from '../helpers/tools.js';

const sessions: TmuxSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

describe.skipIf(missing('tmux'))('an interrupted workshop', () => {
  it('keeps its session after every question; --resume goes on where the group stopped', async () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
    writeFileSync(join(home, '.config', 'leertuin', 'config.yaml'), 'author: {name: Tessa Trainer, role: trainer, organisation: Leertuin Oefen}\n');
    const start = (args: string[]) => {
      const s = new TmuxSession([process.execPath, BIN, 'workshop', ...args, '--no-sign'], { cwd, env: { ...env, NO_COLOR: '1' } });
      sessions.push(s);
      return s;
    };
    const first = start(['zvh-alles-delen']);
    // The trainer is asked at every start; Enter takes the configured author it offers.
    for (const prompt of ['Naam (of pseudoniem) Tessa Trainer', 'Functie trainer', 'Organisatie Leertuin Oefen']) {
      await first.waitFor(prompt);
      first.keys('Enter');
    }
    await first.waitFor('Hoeveel deelnemers doen mee?');
    first.type('6');
    first.keys('Enter');
    await first.waitFor('Klaar om te beginnen?');
    first.keys('Enter');
    for (const [option, count] of [[/\? Ja, de persoon is te herkennen/, '6'], [/\? Zonder naam/, '0'], [/\? Nee, niemand/, '0']] as const) {
      await first.waitFor(option);
      first.type(count);
      first.keys('Enter');
    }
    await first.waitFor('Waar komt de groep op uit?');
    first.keys('Enter'); // the majority: ja
    await first.waitFor('Belangrijkste argumenten (verplicht)');
    first.type('Het gezin is in het dorp bekend');
    first.keys('Enter');
    await first.waitFor('Standpunt van de minderheid');
    first.keys('Enter');
    await first.waitFor(/Vraag 2/);
    first.keys('C-c');
    expect(await first.exitCode()).toBe(130);
    expect(first.screen()).toContain('leertuin workshop --resume');
    const draftDir = join(home, '.state', 'leertuin', 'workshop-drafts');
    const [draftFile] = readdirSync(draftDir);
    expect(statSync(join(draftDir, draftFile!)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(draftDir, draftFile!), 'utf8'))).toMatchObject({ participants: 6, steps: [{ node: 'persoonsgegeven', choice: 'ja' }] });

    const second = start(['--resume']);
    await second.waitFor('Met welk concept wil je verder?');
    second.keys('Enter');
    await second.waitFor('Klaar om te beginnen?');
    second.keys('Enter');
    await second.waitFor(/Vraag 2/);
    for (const [option, count] of [[/\? Ja, er is acuut gevaar/, '4'], [/\? Nee, er is geen acuut gevaar/, '2']] as const) {
      await second.waitFor(option);
      second.type(count);
      second.keys('Enter');
    }
    await second.waitFor('Waar komt de groep op uit?');
    second.keys('Enter'); // the majority: ja, acute danger
    await second.waitFor('Belangrijkste argumenten (verplicht)');
    second.type('Dreiging is direct');
    second.keys('Enter');
    await second.waitFor('Standpunt van de minderheid');
    second.keys('Enter');
    await second.waitFor('Workshopverslag opslaan?');
    second.keys('Enter');
    expect(await second.exitCode()).toBe(0);
    expect(readdirSync(draftDir)).toHaveLength(0);
    const [record] = readdirSync(join(cwd, 'records'));
    const front = validateFrontMatter(readFrontMatterData(splitRecord(readFileSync(join(cwd, 'records', record!), 'utf8'))), workshopRecordSchema());
    expect(front.path.map((p) => [p.node, p.choice])).toEqual([
      ['persoonsgegeven', 'ja'],
      ['acuut-gevaar', 'ja'],
    ]);
    expect(front.participants).toBe(6);
    expect(front.outcome.id).toBe('acuut-handelen');
  });
});
