import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/home.js';
import { sandbox, walkPaths, type PathEntry } from './helpers.js';

describe('leertuin graph', () => {
  it('Mermaid by default, DOT on request, labels in the chosen language', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const mermaid = await box.run(['graph', 'voorbeeld-mentor']);
    expect(mermaid.status, mermaid.stderr).toBe(0);
    expect(mermaid.stdout).toMatch(/^flowchart TD$/m);
    expect(mermaid.stdout).toContain('n3["⚑ Weet de moeder dat je met de');
    const english = await box.run(['--lang', 'en', 'graph', 'voorbeeld-mentor', '--format', 'dot']);
    expect(english.stdout).toMatch(/^digraph "May I tell the mentor what is going on at home\?" \{$/m);
    expect(english.stdout).toContain('n3 -> n4 [label="Yes, she knows and agrees"];');
    const bad = await box.run(['graph', 'voorbeeld-mentor', '--format', 'png']);
    expect(bad.status).toBe(2);
    expect((await box.run(['graph', 'bestaat-niet'])).status).toBe(2);
  });

  it('--records weights each edge by the records of this dilemma and tree; others are skipped, malformed ones with a warning', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const paths = (await box.json(['lint', '--paths', 'dilemmas/voorbeeld-mentor.yaml'])).body.paths as PathEntry[];
    // Two walks to "delen", one to "niet-delen".
    const walked = [paths[1]!, paths[1]!, paths[3]!];
    expect(await walkPaths(box, walked, 'records')).toEqual(['delen', 'delen', 'niet-delen']);
    // A record of another dilemma, and a file that is not a record at all.
    const other = (await box.json(['lint', '--paths', '--limit', '1', join(ROOT, 'dilemmas', 'zvh-alles-delen.yaml')])).body.paths as PathEntry[];
    expect(await walkPaths(box, other, 'records')).toHaveLength(1);
    writeFileSync(join(box.cwd, 'records', 'kapot.md'), 'no front matter here\n');
    expect(readdirSync(join(box.cwd, 'records'))).toHaveLength(5);

    const graph = await box.run(['graph', 'voorbeeld-mentor', '--records', 'records']);
    expect(graph.status, graph.stderr).toBe(0);
    expect(graph.stdout).toContain('n1 -->|"3"| n2');
    expect(graph.stdout).toContain('n3 -->|"Ja, ze weet het en vindt het goed ·<br/>2"| n4');
    expect(graph.stdout).toContain('n3 -->|"Nee, ze wil het niet · 1"| n8');
    expect(graph.stdout).toContain('n4 -->|"anders · 2"| n5');
    expect(graph.stdout).toMatch(/^ {2}linkStyle 0 stroke-width:6px$/m);
    expect(graph.stdout).toMatch(/^ {2}linkStyle 3 stroke-dasharray:4 4$/m);
    expect(graph.stderr).toMatch(/kapot\.md: overgeslagen/);
    expect(graph.stderr).toContain('3 verslag(en) geteld; overgeslagen: 1 van een ander dilemma of andere versie, 1 onleesbaar');

    const json = await box.json(['graph', 'voorbeeld-mentor', '--records', 'records', '--format', 'dot']);
    expect(json.body).toMatchObject({ ok: true, format: 'dot', records: { counted: 3, other_tree: 1, malformed: 1 } });
    const edges = json.body.edges as { from: string; to: string; count: number }[];
    expect(edges.filter((e) => e.count > 0).map((e) => `${e.from}>${e.to}:${e.count}`)).toEqual([
      'uitleg>doel:3',
      'doel>toestemming:3',
      'toestemming>gegevens:2',
      'toestemming>niet-delen:1',
      'gegevens>delen:2',
    ]);
    expect(json.body.graph).toContain('n1 -> n2 [label="3", penwidth=6];');
  });

  it('a record of an earlier version of the dilemma is not counted against the tree as it is now', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const paths = (await box.json(['lint', '--paths', 'dilemmas/voorbeeld-mentor.yaml'])).body.paths as PathEntry[];
    await walkPaths(box, [paths[0]!], 'records');
    const file = join(box.cwd, 'dilemmas', 'voorbeeld-mentor.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: "1.0.0"', 'version: "1.1.0"'));
    const json = await box.json(['graph', 'voorbeeld-mentor', '--records', 'records']);
    expect(json.body).toMatchObject({ records: { counted: 0, other_tree: 1, malformed: 0 } });
  });
});
