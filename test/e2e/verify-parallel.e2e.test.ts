import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARALLEL_THRESHOLD } from '../../src/verify/batch.js';
import { freshHome, runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

/** The threads load dist/verify/*.js: the runs that verify are the built binary; the set-up runs in-process. */
describe('verify with more than one thread', () => {
  it('gives exactly the verdicts of the serial path, in the same order, on every path: signature thread, worker threads; tampered and countersigned records included', async () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...extra }, cwd });
    const runHere = (args: string[]) => runInProcess(args, { env, cwd });
    const line = (await runHere(['keygen', '--principal', 'p@voorbeeld.nl'])).stdout.trim();
    writeFileSync(join(cwd, 'allowed_signers'), line + '\n');
    const sources: string[] = [];
    for (const [i, dilemma] of ['verward-gedrag-huisarts', 'blauwe-plekken-wijkteam'].entries()) {
      writeFileSync(
        join(cwd, `a${i}.yaml`),
        `dilemma: ${dilemma}\nauthor: {name: T, role: r, domain: zorg, organisation: O}\nanswers:\n  persoonsgegeven: {answer: nee, motivation: "Motivatie ${i}"}\n`,
      );
      sources.push((await runHere(['walk', '--answers', `a${i}.yaml`])).stdout.trim());
    }
    // A countersigned record: its second signature is checked in a second round.
    copyFileSync(sources[0]!, join(cwd, 'chain.md'));
    const countersigned = await runHere(['countersign', 'chain.md', '--verdict', 'discuss', '--note', 'Bespreken in de leertuin.', '--name', 'Fee', '--role', 'FG']);
    expect(countersigned.status, countersigned.stderr).toBe(0);
    sources.push(join(cwd, 'chain.md'));
    const dir = join(cwd, 'many');
    mkdirSync(dir);
    // Just over the threshold: the worker threads verify whole records (with three threads allowed).
    const count = PARALLEL_THRESHOLD + 60;
    for (let i = 0; i < count; i++) copyFileSync(sources[i % 3]!, join(dir, `r${String(i).padStart(5, '0')}.md`));
    // A few bad ones among them: changed, truncated, garbage.
    const tamper = (i: number, change: (s: string) => string) => {
      const file = join(dir, `r${String(i).padStart(5, '0')}.md`);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
    };
    tamper(7, (s) => s.replace('Motivatie 1', 'Motivatie 2'));
    tamper(1500, (s) => s.slice(0, 400));
    tamper(2030, () => 'geen verslag');
    // Countersigned (i % 3 === 2): the review note changed after the second signature; the first signature cut off.
    tamper(2, (s) => s.replace('Bespreken in de leertuin.', 'Bespreken in de leertuin!'));
    tamper(5, (s) => s.slice(0, s.indexOf('<!-- leertuin-signature')) + s.slice(s.lastIndexOf('<!-- leertuin-signature')));
    const serial = run(['verify', 'many', '--json'], { LEERTUIN_THREADS: '1' });
    expect(serial.status).toBe(1);
    const doc = JSON.parse(serial.stdout) as { total: number; counts: Record<string, number>; results: { signers: unknown[] }[] };
    expect(doc.total).toBe(count);
    expect(doc.counts.ok).toBe(count - 5);
    expect(doc.counts.invalid).toBe(3);
    expect(doc.counts.malformed).toBe(2);
    expect(doc.results[8]!.signers).toHaveLength(2);
    // Two threads: this one and a signature thread; three: worker threads verifying whole records.
    for (const threads of ['2', '3']) {
      const parallel = run(['verify', 'many', '--json'], { LEERTUIN_THREADS: threads });
      expect(parallel.status).toBe(1);
      expect(parallel.stdout).toBe(serial.stdout);
    }
    // The copies are of two records (the countersigned one keeps its original's id): review counts two.
    expect(JSON.parse(run(['review', 'many', '--json']).stdout)).toMatchObject({ totals: { files: count, included: 2, duplicates: count - 5 - 2 } });
  }, 120_000);
});
