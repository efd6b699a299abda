import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/*
 * A new review format is one file plus one entry in src/review/formats/index.ts. This test adds a
 * fictitious one, "count" (one line per outcome: how many records reached it), as that entry would,
 * and runs the real `review` command in this process: the option schema, the choice by --out
 * extension, the motivations kept and the rendering all come from the registry, none from a list
 * of names in the command.
 */
const loaded = vi.hoisted(() => ({ html: 0 }));

vi.mock('../../src/review/formats/index.js', async (importOriginal) => {
  const registry = await importOriginal<typeof import('../../src/review/formats/index.js')>();
  const { defineFormat } = await import('../../src/review/formats/format.js');
  const count = defineFormat({
    name: 'count',
    extensions: ['.count'],
    terminal: false,
    motivations: 0,
    streams: false,
    load: async () => ({
      render: (report) => report.groups.flatMap((group) => group.outcomes.map((o) => `${o.count} ${group.dilemma.id} ${o.id}\n`)).join(''),
    }),
  });
  return { ...registry, REVIEW_FORMATS: [...registry.REVIEW_FORMATS, count], REVIEW_FORMAT_NAMES: [...registry.REVIEW_FORMAT_NAMES, count.name] };
});

// Counts how often the html renderer's module is evaluated: it should be only when html runs.
vi.mock('../../src/review/format-html.js', async (importOriginal) => {
  loaded.html++;
  return importOriginal();
});

// The unit tests share their modules (isolate: false): fresh copies here, so the mocks above take
// hold in the whole command, and again for the files after this one.
vi.resetModules();
afterAll(() => {
  vi.resetModules();
});
const { inProcessWorkspace } = await import('../helpers/records.js');

describe('the review format registry', () => {
  let ws: Awaited<ReturnType<typeof inProcessWorkspace>>;
  let tally: string;
  beforeAll(async () => {
    ws = await inProcessWorkspace();
    await ws.walk();
    const file = await ws.walk();
    // Two records along the same path: one outcome, reached twice.
    const text = readFileSync(file, 'utf8');
    const id = (key: string) => new RegExp(`^${key}:\\n {2}id: "?([^"\\n]+)`, 'm').exec(text)![1]!;
    tally = `2 ${id('dilemma')} ${id('outcome')}\n`;
  });

  // First: a module, once loaded, stays loaded for the rest of this file.
  it("the html renderer's module is loaded only when html runs", async () => {
    expect((await ws.run(['review', 'records', '--format', 'md'])).status).toBe(0);
    expect((await ws.run(['review', 'records', '--out', 'r.csv'])).status).toBe(0);
    expect(loaded.html).toBe(0);
    const result = await ws.run(['review', 'records', '--format', 'html']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(loaded.html).toBe(1);
  });

  it('a format added to the registry alone is chosen by its --out extension and renders the aggregate', async () => {
    const result = await ws.run(['review', 'records', '--out', 'tally.count', '--json']);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, out: 'tally.count', format: 'count', totals: { included: 2 } });
    expect(readFileSync(join(ws.cwd, 'tally.count'), 'utf8')).toBe(tally);
  });

  it('the --out extension chooses as it did before the registry: by the extension in any case, else JSON with --json', async () => {
    const chosen = async (out: string) => JSON.parse((await ws.run(['review', 'records', '--out', out, '--json'])).stdout).format;
    const byFile = { 'a.md': 'md', 'b.MARKDOWN': 'md', 'c.json': 'json', 'd.csv': 'csv', 'e.txt': 'table', 'f.html': 'html', 'g.htm': 'html', 'h.xlsx': 'json' };
    const actual: Record<string, string> = {};
    for (const out of Object.keys(byFile)) actual[out] = await chosen(out);
    expect(actual).toEqual(byFile);
    // Without --out: Markdown when stdout is not a terminal.
    expect((await ws.run(['review', 'records'])).stdout).toMatch(/^# /);
  });
});
