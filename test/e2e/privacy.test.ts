import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/record/parse.js';
import { freshHome } from '../helpers/home.js';
import { runInProcess } from '../helpers/in-process.js';

// 111222333 passes the 11-check: a synthetic test number, nobody's BSN.
const answers = (motivation: string) => `dilemma: verward-gedrag-huisarts
author: {name: Test Persoon, role: huisarts, domain: zorg, organisation: Praktijk Noord}
answers:
  persoonsgegeven: {answer: nee, motivation: "${motivation}"}
`;

describe('privacy guard', () => {
  it('refuses to sign an answers file whose motivation holds a valid BSN, naming the field; signs with --allow-identifying and records the reason', async () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    expect((await runInProcess(['keygen', '--principal', 'a@voorbeeld.nl'], { env, cwd })).status).toBe(0);
    writeFileSync(join(cwd, 'answers.yaml'), answers('Cliënt met BSN 111222333 besproken'));
    const refused = await runInProcess(['walk', '--answers', 'answers.yaml'], { env, cwd });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/answers\.yaml:4:\d+: persoonsgegeven\.motivation/);
    expect(refused.stderr).toMatch(/BSN/);
    expect(refused.stderr).not.toContain('111222333'); // the value itself is never repeated
    expect(readdirSync(cwd)).not.toContain('records');

    const allowed = await runInProcess(['walk', '--answers', 'answers.yaml', '--allow-identifying', 'training data'], { env, cwd });
    expect(allowed.status, allowed.stderr).toBe(0);
    const { record } = parseRecord(readFileSync(allowed.stdout.trim(), 'utf8'));
    expect(record.allow_identifying).toBe('training data');
    const verify = await runInProcess(['verify', 'records', '--json'], { env, cwd });
    const doc = JSON.parse(verify.stdout) as { allow_identifying: number; results: { warnings: string[] }[] };
    expect(doc.allow_identifying).toBe(1);
    expect(doc.results[0]!.warnings).toContain('allow-identifying');
    writeFileSync(join(cwd, 'allowed_signers'), (await runInProcess(['keygen', '--principal', 'a@voorbeeld.nl', '--force'], { env, cwd })).stdout);
    const review = JSON.parse((await runInProcess(['review', 'records', '--json', '--include-unverified'], { env, cwd })).stdout) as { flagged: { code: string; reason: string }[] };
    expect(review.flagged).toContainEqual(expect.objectContaining({ code: 'allow-identifying', reason: 'training data' }));
  });

  it('a 9-digit number that fails the 11-check is no BSN and passes', async () => {
    const { home, env } = freshHome();
    const cwd = join(home, 'work');
    writeFileSync(join(cwd, 'answers.yaml'), answers('Dossiernummer 123456789 besproken'));
    expect((await runInProcess(['walk', '--answers', 'answers.yaml', '--no-sign'], { env, cwd })).status).toBe(0);
  });

});
