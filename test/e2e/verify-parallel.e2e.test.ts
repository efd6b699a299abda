import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARALLEL_THRESHOLD } from '../../src/verify/batch.js';
import { freshHome, runCli } from '../helpers/cli.js';

describe('verify on worker threads', () => {
  it('gives exactly the verdicts of the serial path, in the same order, tampered records included', () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCli(args, { env: { ...env, ...extra }, cwd });
    const line = run(['keygen', '--principal', 'p@voorbeeld.nl']).stdout.trim();
    writeFileSync(join(cwd, 'allowed_signers'), line + '\n');
    const sources: string[] = [];
    for (const [i, dilemma] of ['verward-gedrag-huisarts', 'blauwe-plekken-wijkteam'].entries()) {
      writeFileSync(
        join(cwd, `a${i}.yaml`),
        `dilemma: ${dilemma}\nauthor: {name: T, role: r, domain: zorg, organisation: O}\nanswers:\n  persoonsgegeven: {answer: nee, motivation: "Motivatie ${i}"}\n`,
      );
      sources.push(run(['walk', '--answers', `a${i}.yaml`]).stdout.trim());
    }
    const dir = join(cwd, 'many');
    mkdirSync(dir);
    const count = PARALLEL_THRESHOLD + 300;
    for (let i = 0; i < count; i++) copyFileSync(sources[i % 2]!, join(dir, `r${String(i).padStart(5, '0')}.md`));
    // A few bad ones among them: changed, truncated, garbage.
    const tamper = (i: number, change: (s: string) => string) => {
      const file = join(dir, `r${String(i).padStart(5, '0')}.md`);
      writeFileSync(file, change(readFileSync(file, 'utf8')));
    };
    tamper(7, (s) => s.replace('Motivatie 1', 'Motivatie 2'));
    tamper(1500, (s) => s.slice(0, 400));
    tamper(2200, () => 'geen verslag');
    const serial = run(['verify', 'many', '--json'], { LEERTUIN_THREADS: '1' });
    const parallel = run(['verify', 'many', '--json'], { LEERTUIN_THREADS: '2' });
    expect(parallel.status).toBe(1);
    expect(parallel.stdout).toBe(serial.stdout);
    const doc = JSON.parse(parallel.stdout) as { total: number; counts: Record<string, number> };
    expect(doc.total).toBe(count);
    expect(doc.counts.ok).toBe(count - 3);
    expect(doc.counts.invalid).toBe(1);
    expect(doc.counts.malformed).toBe(2);
    expect(JSON.parse(run(['review', 'many', '--json']).stdout)).toMatchObject({ totals: { files: count, included: count - 3 } });
  }, 120_000);
});
