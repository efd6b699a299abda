import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sandbox } from './helpers.js';

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url));

describe('lint, complete', () => {
  it('--json: problems with stable codes and places, coverage per file, exit 1', async () => {
    const box = sandbox();
    const lint = await box.json(['lint', fixtures]);
    expect(lint.status).toBe(1);
    expect(lint.body).toMatchObject({
      ok: false,
      problems: [{ file: join(fixtures, 'regel-nooit.yaml'), line: 17, col: 9, code: 'rule-never-fires' }],
      coverage: [
        { id: 'paden-klein', kind: 'dilemma', paths: 6, outcomes: 3, unreached: [] },
        { id: 'regel-nooit', kind: 'kader', paths: 2, outcomes: 3, reached: ['x', 'z'], unreached: ['y'] },
      ],
    });
    expect(lint.body).not.toHaveProperty('paths');
    const text = await box.run(['lint', fixtures]);
    expect(text.stderr).toContain('regel-nooit: 2 pad(en), 2 van 3 uitkomsten bereikt; nooit bereikt: y');
  });

  it('a project dilemma on a bundled kader is checked against that kader', async () => {
    const box = sandbox();
    expect((await box.run(['init'])).status).toBe(0);
    const file = join(box.cwd, 'dilemmas', 'op-kader.yaml');
    writeFileSync(
      file,
      `kind: dilemma\nid: op-kader\nversion: "1.0.0"\ntitle: T\ncase: C\nkader: mag-ik-delen\nafspraak:\n  outcome: niet-delen\n  answers: {persoonsgegeven: misschien}\n  rationale: R\n  date: "2026-01-15"\n  by: B\n`,
    );
    const lint = await box.json(['lint']);
    expect(lint.status).toBe(1);
    expect(lint.body.problems).toEqual([expect.objectContaining({ file, code: 'afspraak-unknown-option', line: 9 })]);
  });

  it('a bad --limit is a usage error', async () => {
    const box = sandbox();
    const bad = await box.json(['lint', '--paths', '--limit', 'veel', fixtures]);
    expect(bad.status).toBe(2);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'bad-option' } });
  });
});
