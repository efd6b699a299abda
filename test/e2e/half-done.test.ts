import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { inProcessWorkspace } from '../helpers/records.js';
import { cannotMount, smallDisk } from '../helpers/disk.js';
import { WORKSHOP_SESSION } from '../helpers/workshop-session.js';

/** Issue 17 item 5: when a write fails, the user learns what was written and what was not. */


/** Fills a disk to the last byte. */
function fill(dir: string): void {
  const fd = openSync(join(dir, 'vulling'), 'w');
  try {
    for (;;) writeSync(fd, Buffer.alloc(4096));
  } catch {
    // ENOSPC: full
  } finally {
    closeSync(fd);
  }
}

const released: (() => void)[] = [];
afterEach(() => {
  for (const release of released.splice(0)) release();
});

describe('workshop --propose-afspraak: the record is saved, the proposal is not', () => {
  const records = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.md'));

  it('says the record WAS saved (its path) and what failed, exit 2; the retry adds only the proposal', async () => {
    const ws = await inProcessWorkspace();
    writeFileSync(join(ws.cwd, 'sessie.yaml'), WORKSHOP_SESSION);
    const out = join(ws.cwd, 'uit');
    mkdirSync(out);
    // A dangling link: the proposal's name looks free until it is written, then the write fails.
    symlinkSync(join(ws.cwd, 'nergens'), join(out, 'verward-gedrag-huisarts.proposed.yaml'));
    const result = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'sessie.yaml', '--propose-afspraak', '--out', out]);
    expect(result.status, result.stderr).toBe(2);
    const [record] = records(out);
    expect(record).toBeDefined();
    expect(result.stderr).toContain('het verslag IS opgeslagen');
    expect(result.stderr).toContain(join(out, record!));
    expect(result.stderr).toContain('maar het voorstel niet');
    expect(result.stderr).toContain('draai hetzelfde opnieuw');
    expect(result.stderr).not.toMatch(/Onverwachte fout/);
    expect((await ws.run(['verify', join(out, record!)])).status).toBe(0);

    // The retry finds the record of this session and adds only the proposal: no second record.
    rmSync(join(out, 'verward-gedrag-huisarts.proposed.yaml'));
    const retry = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'sessie.yaml', '--propose-afspraak', '--out', out]);
    expect(retry.status, retry.stderr).toBe(0);
    expect(retry.stderr).toContain(`Het verslag van deze sessie stond er al: ${join(out, record!)}`);
    expect(records(out)).toEqual([record]);
    expect(existsSync(join(out, 'verward-gedrag-huisarts.proposed.yaml'))).toBe(true);
    // Another session (another tally) is a record of its own.
    writeFileSync(join(ws.cwd, 'andere.yaml'), WORKSHOP_SESSION.replace('ja: 7', 'ja: 6'));
    rmSync(join(out, 'verward-gedrag-huisarts.proposed.yaml'));
    expect((await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'andere.yaml', '--propose-afspraak', '--out', out])).status).toBe(0);
    expect(records(out)).toHaveLength(2);
  });

  it.skipIf(cannotMount)('on a disk that fills up after the record: the same report (ENOSPC), in English too', async () => {
    const ws = await inProcessWorkspace();
    writeFileSync(join(ws.cwd, 'sessie.yaml'), WORKSHOP_SESSION);
    // Two pages: room for the record (under 8 KiB), none left for the proposal.
    const disk = smallDisk(2)!;
    released.push(disk.release);
    const result = await ws.run(['workshop', 'verward-gedrag-huisarts', '--from', 'sessie.yaml', '--propose-afspraak', '--out', disk.dir, '--lang', 'en']);
    expect(result.status, result.stderr).toBe(2);
    const [record] = records(disk.dir);
    expect(result.stderr).toContain(`the record WAS saved (${join(disk.dir, record!)}), but the proposal was not`);
    expect(result.stderr).toContain('ENOSPC');
    expect(result.stderr).toContain('then run the same again');
    expect(readdirSync(disk.dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });
});

describe.skipIf(cannotMount)('countersign on a disk that cannot be written', () => {
  async function setUp() {
    const ws = await inProcessWorkspace();
    const original = await ws.walk({ args: ['--out', 'records'] });
    const disk = smallDisk(4)!;
    released.push(disk.release);
    const file = join(disk.dir, 'verslag.md');
    copyFileSync(original, file);
    const countersign = () =>
      ws.run(['countersign', file, '--verdict', 'agree', '--note', 'Akkoord.', '--name', 'Anna', '--role', 'trainer'], {
        LEERTUIN_ALLOWED_SIGNERS: join(ws.cwd, 'allowed_signers'),
      });
    return { ws, disk, file, before: readFileSync(file, 'utf8'), countersign };
  }

  function expectClean(result: { status: number | null; stderr: string }, file: string, reason: string) {
    expect(result.status, result.stderr).toBe(2);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`leertuin: kan ${file} niet schrijven (${reason})`);
    expect(lines[1]).toContain('het verslag is niet veranderd');
    expect(result.stderr).not.toMatch(/Onverwachte fout|\bbug\b/i);
  }

  it('full: one clean line, exit 2, the record unchanged, no lock or temporary file left', async () => {
    const { disk, file, before, countersign } = await setUp();
    fill(disk.dir);
    const result = await countersign();
    expectClean(result, file, 'ENOSPC');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(disk.dir).sort()).toEqual(['verslag.md', 'vulling']);
  });

  it('read-only: one clean line, exit 2, the record unchanged', async () => {
    const { disk, file, before, countersign } = await setUp();
    disk.readOnly();
    const result = await countersign();
    expectClean(result, file, 'EROFS');
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(existsSync(`${file}.lock`)).toBe(false);
  });
});
