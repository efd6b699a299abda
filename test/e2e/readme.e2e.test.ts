import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { missing } from '../helpers/tools.js';

/**
 * README.md runs as written. Every ```sh, ```bash and ```console block is run verbatim, in README
 * order, in one temporary project with a fresh HOME and `leertuin` on PATH as the built binary.
 * Conventions (an HTML comment on the line before the block):
 *   <!-- not-run: reason -->   the block is not run (keep these few, and say why);
 *   <!-- file: name -->        the block that follows (any language) is written to that file first.
 * In a ```console block only the lines after `$ ` are run.
 */

interface Block {
  line: number;
  lang: string;
  body: string;
  heading: string;
  notRun?: string;
  file?: string;
}

function readmeBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const heading_ = /^#{1,6} (.*)$/.exec(lines[i]!);
    if (heading_) heading = heading_[1]!;
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    const before = lines[i - 1] ?? '';
    blocks.push({
      line: i + 1,
      lang: open[1]!,
      body: lines.slice(i + 1, end).join('\n') + '\n',
      heading,
      notRun: /^<!-- not-run: (.+) -->$/.exec(before)?.[1],
      file: /^<!-- file: (\S+) -->$/.exec(before)?.[1],
    });
    i = end;
  }
  return blocks;
}

function script(block: Block): string {
  if (block.lang !== 'console') return block.body;
  return block.body.split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2)).join('\n') + '\n';
}

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const BLOCKS = readmeBlocks(README);
const COMMANDS = new Set(['sh', 'bash', 'console']);

describe.skipIf(missing('ssh-keygen'))('README.md command blocks', () => {
  const root = mkdtempSync(join(tmpdir(), 'leertuin-readme-'));
  const home = join(root, 'home');
  const project = join(root, 'work', 'project');
  const bin = join(root, 'bin');
  for (const dir of [home, project, bin]) mkdirSync(dir, { recursive: true });
  writeFileSync(join(bin, 'leertuin'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(bin, 'leertuin'), 0o755);
  const cwdFile = join(root, 'cwd');
  let cwd = project;
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.state'),
    XDG_CACHE_HOME: join(home, '.cache'),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
  };

  it('has command blocks, and few that are not run', () => {
    const commands = BLOCKS.filter((b) => COMMANDS.has(b.lang));
    expect(commands.length).toBeGreaterThanOrEqual(6);
    expect(commands.filter((b) => b.notRun).length).toBeLessThanOrEqual(4);
  });

  for (const block of BLOCKS) {
    if (block.file) {
      it(`README.md:${block.line} writes ${block.file} (${block.heading})`, () => {
        writeFileSync(join(cwd, block.file!), block.body);
      });
    } else if (COMMANDS.has(block.lang)) {
      it.skipIf(block.notRun !== undefined)(`README.md:${block.line} runs (${block.heading})`, () => {
        const run = spawnSync('bash', ['--norc', '--noprofile', '-euo', 'pipefail', '-c', `${script(block)}\npwd >"$LEERTUIN_README_CWD"`], {
          cwd, env: { ...env, LEERTUIN_README_CWD: cwdFile }, encoding: 'utf8', timeout: 60_000,
        });
        expect(run.status, `README.md:${block.line}\n${script(block)}\nstdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(0);
        cwd = readFileSync(cwdFile, 'utf8').trim();
      }, 90_000);
    }
  }
});

describe('README.md references in the code', () => {
  const headings = README.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, ''));
  /** A heading "Answers file (Antwoordenbestand)" answers to both names. */
  const names = new Set(headings.flatMap((h) => [h, ...[...h.matchAll(/\(([^)]+)\)/g)].map((m) => m[1]!), h.replace(/ \([^)]*\)$/, '')]));

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((e) => e.isFile() && e.name.endsWith('.ts'))
      .map((e) => join(e.parentPath, e.name));
  }
  const references = sourceFiles(join(ROOT, 'src')).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/README\.md, "([^"]+)"/g)].map((m) => ({ file, section: m[1]! })),
  );

  it('finds the references (in both languages)', () => {
    expect(references.length).toBeGreaterThanOrEqual(4);
  });

  it('every "see README.md, ..." names a section that exists', () => {
    const wrong = references.filter((r) => !names.has(r.section)).map((r) => `${r.file}: "${r.section}"`);
    expect(wrong).toEqual([]);
  });
});
