import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/record/parse.js';
import { freshHome } from '../helpers/home.js';
import { runInProcess } from '../helpers/in-process.js';
import { inProcessWorkspace } from '../helpers/records.js';

// Issue 17, item 4: every free text that enters a record or a proposal passes the privacy guard
// (the prompt in a terminal: privacy-entry.e2e.test.ts). 353799075 and 628194821 pass the
// 11-check; they are test values, nobody's BSN.

const answers = (author = '') => `dilemma: verward-gedrag-huisarts
${author}answers:
  persoonsgegeven: {answer: nee, motivation: "Niemand is te herkennen"}
`;

function workspace() {
  const { home, env: base } = freshHome();
  const env = { ...base, LEERTUIN_LANG: 'nl' };
  const cwd = join(home, 'work');
  const run = (args: string[]) => runInProcess(args, { env, cwd });
  const userConfig = (author: string) => {
    mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
    writeFileSync(join(home, '.config', 'leertuin', 'config.yaml'), `author:\n${author}`);
  };
  return { home, cwd, run, userConfig };
}

describe('privacy guard at every entry point', () => {
  it('walk --answers refuses an identifying author name from the configuration, naming the field and the file', async () => {
    const ws = workspace();
    ws.userConfig('  name: "Test Persoon 06.12345678"\n  role: huisarts\n  domain: zorg\n  organisation: Praktijk Noord\n');
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers());
    const refused = await ws.run(['walk', '--answers', 'answers.yaml', '--no-sign']);
    expect(refused.status, refused.stderr).toBe(2);
    expect(refused.stderr).toMatch(/config\.yaml: author\.name bevat een identificerend gegeven \(telefoonnummer 06••••••78\)/);
    expect(refused.stderr).not.toContain('12345678');
    expect(readdirSync(ws.cwd)).not.toContain('records');
  });

  it("walk accepts the author's own name after a form of address, but not an address in the organisation", async () => {
    const ws = workspace();
    writeFileSync(join(ws.cwd, 'own.yaml'), answers('author: {name: "Dhr. T. Persoon", role: huisarts, domain: zorg, organisation: Praktijk Noord}\n'));
    const own = await ws.run(['walk', '--answers', 'own.yaml', '--no-sign']);
    expect(own.status, own.stderr).toBe(0);
    writeFileSync(join(ws.cwd, 'org.yaml'), answers('author: {name: T. Persoon, role: huisarts, domain: zorg, organisation: "Praktijk, Dorpsstraat 12"}\n'));
    const org = await ws.run(['walk', '--answers', 'org.yaml', '--no-sign']);
    expect(org.status).toBe(2);
    expect(org.stderr).toMatch(/org\.yaml:2:\d+: author\.organisation bevat een identificerend gegeven \(adres Do••• ••\)/);
  });

  it('an --allow-identifying reason that itself identifies is refused, and nothing is written', async () => {
    const ws = workspace();
    writeFileSync(join(ws.cwd, 'answers.yaml'), answers('author: {name: T. Persoon, role: huisarts, domain: zorg, organisation: Praktijk Noord}\n').replace('Niemand is te herkennen', 'BSN 353 799 075'));
    const refused = await ws.run(['walk', '--answers', 'answers.yaml', '--no-sign', '--allow-identifying', 'afgesproken met mevrouw jansen']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('de reden bij --allow-identifying bevat zelf een identificerend gegeven (naam mevrouw j•••)');
    expect(readdirSync(ws.cwd)).not.toContain('records');
    const json = JSON.parse((await ws.run(['walk', '--answers', 'answers.yaml', '--no-sign', '--json', '--allow-identifying', 'tel 06-12345678'])).stdout) as { error: { code: string } };
    expect(json.error.code).toBe('identifying-reason');
    const allowed = await ws.run(['walk', '--answers', 'answers.yaml', '--no-sign', '--allow-identifying', 'oefencasus met een testnummer']);
    expect(allowed.status, allowed.stderr).toBe(0);
    expect(parseRecord(readFileSync(allowed.stdout.trim(), 'utf8')).record.allow_identifying).toBe('oefencasus met een testnummer');
  });

  it('new --case with identifying data is refused (exit 2, a Dutch line with a hint); with a reason it is made, and a walk of it then asks again', async () => {
    const ws = workspace();
    const refused = await ws.run(['new', 'buurvrouw', '--title', 'De buurvrouw', '--case', 'Mevrouw de Vries (geb. 14-03-\'11) woont op 4331 ab 12.', '--kader', 'mag-ik-delen']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^leertuin: --case bevat een identificerend gegeven \(naam Mevrouw V•••, op teken 1\); dilemma niet gemaakt\n {2}Tip: maak de casus fictief/m);
    expect(readdirSync(ws.cwd)).not.toContain('dilemmas');
    const title = await ws.run(['new', 'buurvrouw', '--title', 'Gesprek met juffrouw Bakker', '--case', 'Een fictieve casus.', '--kader', 'mag-ik-delen']);
    expect(title.status).toBe(2);
    expect(title.stderr).toContain('--title bevat een identificerend gegeven (naam juffrouw B•••');

    const made = await ws.run(['new', 'buurvrouw', '--title', 'De buurvrouw', '--case', 'Bel 06\u201312345678 voor mevrouw.', '--kader', 'mag-ik-delen', '--allow-identifying', 'oefening met een nepnummer']);
    expect(made.status, made.stderr).toBe(0);
    expect(made.stderr).toContain('Dit lijkt identificerend: telefoonnummer 06••••••78 (op teken 5)');
    const path = JSON.parse((await ws.run(['lint', '--paths', '--json', '--limit', '1', 'dilemmas/buurvrouw.yaml'])).stdout) as { paths: { answers: object }[] };
    writeFileSync(join(ws.cwd, 'walk.json'), JSON.stringify({ dilemma: 'buurvrouw', author: { name: 'T. Persoon', role: 'wijkteam', domain: 'gemeente', organisation: 'Oefen' }, answers: path.paths[0]!.answers }));
    const walked = await ws.run(['walk', '--answers', 'walk.json', '--no-sign']);
    expect(walked.status).toBe(2);
    expect(walked.stderr).toMatch(/dilemmas\/buurvrouw\.yaml: dilemma\.case bevat een identificerend gegeven \(telefoonnummer 06••••••78\)/);
  });

  it('countersign refuses a note with a BSN hidden by a zero-width space, and a name with an e-mail address', async () => {
    const ws = await inProcessWorkspace();
    const record = await ws.walk();
    const note = await ws.run(['countersign', record, '--verdict', 'agree', '--note', 'Cliënt met nummer 628\u200B194821 besproken', '--name', 'Fee', '--role', 'FG']);
    expect(note.status).toBe(2);
    expect(note.stderr).toContain('note bevat een identificerend gegeven (BSN 62•••••21); 1 in totaal, niet opgeslagen');
    const name = await ws.run(['countersign', record, '--verdict', 'agree', '--note', 'Akkoord', '--name', 'Fee (fee[at]voorbeeld.nl)', '--role', 'FG']);
    expect(name.status).toBe(2);
    expect(name.stderr).toContain('name bevat een identificerend gegeven (e-mailadres f•••@•••.nl)');
    const reason = await ws.run(['countersign', record, '--verdict', 'agree', '--note', 'Akkoord', '--name', 'Fee', '--role', 'FG', '--allow-identifying', 'BSN 628194821']);
    expect(reason.status).toBe(2);
    expect(reason.stderr).toContain('de reden bij --allow-identifying bevat zelf een identificerend gegeven');
    expect(readFileSync(record, 'utf8').match(/leertuin-signature/g)).toHaveLength(1);
  });

  it('workshop --from refuses an identifying trainer organisation and a proposed afspraak whose rationale or by identifies', async () => {
    const ws = workspace();
    const session = (trainer: string, afspraak: string) => `dilemma: verward-gedrag-huisarts
participants: 12
trainer: {${trainer}}
steps:
  - node: persoonsgegeven
    tally: {ja: 7, gepseudonimiseerd: 3, nee: 2}
    choice: nee
    arguments: Volledig anoniem besproken
afspraak: {${afspraak}}
`;
    writeFileSync(join(ws.cwd, 'org.yaml'), session('name: Trainer T., role: trainer, organisation: "Oefen, Kerkweg 3b"', 'rationale: "Anoniem bespreken mag."'));
    const org = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'org.yaml', '--no-sign']);
    expect(org.status).toBe(2);
    expect(org.stderr).toContain('trainer.organisation bevat een identificerend gegeven (adres Ke••• ••)');
    writeFileSync(join(ws.cwd, 'by.yaml'), session('name: Trainer T., role: trainer, organisation: Oefen', 'rationale: "Anoniem bespreken mag.", by: "team van meneer bakker"'));
    const by = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'by.yaml', '--no-sign', '--propose-afspraak']);
    expect(by.status).toBe(2);
    expect(by.stderr).toContain('proposal.by bevat een identificerend gegeven (naam meneer b•••)');
    expect(readdirSync(ws.cwd)).not.toContain('records');
  });

});
