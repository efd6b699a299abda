import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changedKaderText, changedQuestion, project } from './helpers.js';

const hasGit = spawnSync('git', ['--version']).status === 0;
const change = changedQuestion(2);

describe('leertuin impact', () => {
  it.skipIf(!hasGit)('lists exactly the records that pass the changed question, each with what happens to it, between two git revisions and two files', async () => {
    const p = await project('leertuin-impact-');
    const git = (...args: string[]) => {
      const r = spawnSync('git', ['-c', 'user.name=Oefen', '-c', 'user.email=oefen@voorbeeld.nl', ...args], { cwd: p.cwd, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    };
    const kaderFile = join(p.cwd, 'dilemmas', 'kaders', `${change.kader.pin.id}.yaml`);
    mkdirSync(join(p.cwd, 'dilemmas', 'kaders'), { recursive: true });
    copyFileSync(change.kader.path, kaderFile);
    git('init', '-q');
    git('add', 'dilemmas');
    git('commit', '-qm', 'kader as bundled');

    const expected = new Map<string, string>();
    const groups = [
      ['viaRenamed', 'broken-path'],
      ['viaRedirected', 'changed-outcome'],
      ['viaOther', 'same-outcome'],
      ['notPassing', 'unaffected'],
    ] as const;
    let n = 0;
    for (const [group, impact] of groups) {
      for (const path of change.paths[group]) {
        const file = await p.walk(change.dilemma.pin.id, path, `r${++n}`);
        expected.set(`records/${basename(file)}`, impact);
      }
    }
    writeFileSync(kaderFile, changedKaderText(change));
    git('commit', '-qam', 'one question changed');

    const id = change.kader.pin.id;
    const byGit = await p.run(['impact', `${id}@HEAD~1`, `${id}@HEAD`, 'records', '--json', '--fail-on', 'changed-outcome']);
    expect(byGit.status, byGit.stderr).toBe(1);
    const report = JSON.parse(byGit.stdout);
    expect(report.ok).toBe(false);
    expect(report.fail_on).toEqual({ conditions: ['changed-outcome'], met: ['changed-outcome'] });
    expect(report.nodes.map((c: { node: string }) => c.node)).toEqual([change.node]);
    expect(new Map(report.records.map((r: { file: string; impact: string }) => [r.file, r.impact]))).toEqual(expected);
    for (const r of report.records) {
      expect(r.status).toBe('ok');
      expect(r.touched).toEqual(r.impact === 'unaffected' ? [] : [change.node]);
      if (r.impact === 'broken-path') expect(r.broken).toMatchObject({ node: change.node, code: 'not-an-option' });
      if (r.impact === 'changed-outcome') expect(r.outcome.new).toBe(change.outcome);
    }
    expect(report.counts).toMatchObject({ 'broken-path': 2, 'changed-outcome': 2, 'same-outcome': 2, unaffected: 2 });

    // The same from two files, as Markdown; without --fail-on the exit code is 0.
    const byFile = await p.run(['impact', change.kader.path, `dilemmas/kaders/${id}.yaml`, 'records', '--format', 'md']);
    expect(byFile.status, byFile.stderr).toBe(0);
    expect(byFile.stdout).toContain(`| \`${change.node}\` |`);
    for (const file of expected.keys()) expect(byFile.stdout).toMatch(new RegExp(`\\| ${file} \\| ok \\| [^|]+ \\|`));
    expect(byFile.stdout.match(/\| pad breekt \|/g)).toHaveLength(2);
    const broken = await p.run(['impact', `${id}@HEAD`, `dilemmas/kaders/${id}.yaml`, 'records', '--fail-on', 'broken-path', '--format', 'table']);
    // Every record walked the old version: none walked HEAD, so none is counted as broken against it.
    expect(broken.status, broken.stdout + broken.stderr).toBe(0);

    const unknown = await p.run(['impact', `${id}@geen-revisie`, `${id}@HEAD`]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^leertuin: .*geen-revisie/m);
    const neither = await p.run(['impact', 'bestaat-niet.yaml', `${id}@HEAD`]);
    expect(neither.status).toBe(2);
  });
});
