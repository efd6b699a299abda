import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PathModel, type TreePath } from '../../src/authoring/paths.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import type { RunResult } from '../helpers/in-process.js';
import { runCommand } from '../authoring/run-command.js';
import { PLACEHOLDERS, agree, project, type Project } from './helpers.js';
import { missing } from '../helpers/tools.js';

const dilemma = new Catalog([]).dilemmas().find((d) => d.kader !== undefined)!;
const paths = new PathModel(dilemma.tree, PLACEHOLDERS).paths();
const north = paths.next().value as TreePath;
let south = paths.next().value as TreePath;
while (south.outcome === north.outcome) south = paths.next().value as TreePath;
const file = `dilemmas/${dilemma.pin.id}.yaml`;

describe('leertuin pack', () => {
  let a: Project;
  let made: RunResult;
  let pack: string;
  beforeAll(async () => {
    a = await project('leertuin-pack-noord-', 'trainer@noord.nl');
    await agree(a, dilemma, north, 'Leertuin Noord');
    made = await a.run(['pack', 'create', '../pakket-noord']);
    pack = join(a.cwd, '..', 'pakket-noord');
  });

  it('makes a pack: manifest with hashes, signature, the signer for packs only, the dilemmas', async () => {
    expect(made.status, made.stderr).toBe(0);
    expect(readdirSync(pack).sort()).toEqual(['allowed_signers', 'dilemmas', 'leertuin-pack.yaml', 'leertuin-pack.yaml.sig', 'records']);
    // The signed workshop record in which the afspraak was made travels with it.
    expect(readdirSync(join(pack, 'records'))).toEqual([expect.stringMatching(new RegExp(`-${dilemma.pin.id}-workshop-`))]);
    const manifest = readFileSync(join(pack, 'leertuin-pack.yaml'), 'utf8');
    expect(manifest).toContain('id: "leertuin-oefen"');
    expect(manifest).toContain(`path: "${file}"`);
    expect(readFileSync(join(pack, file), 'utf8')).toContain('by: Leertuin Noord');
    expect(readFileSync(join(pack, 'allowed_signers'), 'utf8')).toMatch(/^trainer@noord\.nl namespaces="leertuin-pack" ssh-ed25519 \S+\n$/);
    expect((await a.run(['pack', 'create', '../pakket-noord'])).status).toBe(2);
  });

  it.skipIf(missing('ssh-keygen'))('has a signature ssh-keygen -Y verify accepts', () => {
    const verify = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', 'allowed_signers', '-I', 'trainer@noord.nl', '-n', 'leertuin-pack', '-s', 'leertuin-pack.yaml.sig'], {
      cwd: pack,
      input: readFileSync(join(pack, 'leertuin-pack.yaml')),
      encoding: 'utf8',
    });
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);
    expect(verify.stdout).toContain('Good "leertuin-pack" signature for trainer@noord.nl');
  });

  it('refuses a pack with a tampered afspraak, naming the file, and takes in nothing; then adds the real one once, after --trust', async () => {
    const b = await project('leertuin-pack-zuid-', 'trainer@zuid.nl');
    await agree(b, dilemma, south, 'Leertuin Zuid');
    const signersBefore = readFileSync(join(b.cwd, 'allowed_signers'), 'utf8');

    const tampered = join(b.cwd, '..', 'pakket-vervalst');
    cpSync(pack, tampered, { recursive: true });
    const target = join(tampered, file);
    writeFileSync(target, readFileSync(target, 'utf8').replace('Zo doen we het voortaan in de regio.', 'Zo doen we het voortaan anders.'));
    const refused = await b.run(['pack', 'add', tampered, '--trust']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^leertuin: .*pakket-vervalst/${file.replace(/[.]/g, '\\.')}: `, 'm'));
    expect(existsSync(join(b.cwd, 'packs'))).toBe(false);
    expect(readFileSync(join(b.cwd, 'allowed_signers'), 'utf8')).toBe(signersBefore);

    // A manifest changed to match the tampered file no longer matches its signature.
    const manifest = join(tampered, 'leertuin-pack.yaml');
    const sha = createHash('sha256').update(readFileSync(target)).digest('hex');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace(/(path: "dilemmas\/[^"]+", sha256: ")[0-9a-f]{64}/, `$1${sha}`));
    const resigned = await b.run(['pack', 'add', tampered, '--trust']);
    expect(resigned.status).toBe(1);
    expect(resigned.stderr).toMatch(/pakket-vervalst\/leertuin-pack\.yaml: /);

    const untrusted = await b.run(['pack', 'add', pack]);
    expect(untrusted.status).toBe(1);
    expect(untrusted.stderr).toContain('trainer@noord.nl');
    expect(untrusted.stderr).toMatch(/trainer@noord\.nl namespaces="leertuin-pack" ssh-ed25519/);

    // A file the manifest does not list is not signed: left out, with a warning.
    const extra = join(b.cwd, '..', 'pakket-extra');
    cpSync(pack, extra, { recursive: true });
    writeFileSync(join(extra, 'dilemmas', 'niet-ondertekend.yaml'), 'kind: dilemma\n');
    const added = await b.run(['pack', 'add', extra, '--trust']);
    expect(added.status, added.stderr).toBe(0);
    expect(added.stderr).toContain('dilemmas/niet-ondertekend.yaml');
    expect(existsSync(join(b.cwd, 'packs', 'leertuin-oefen', 'dilemmas', 'niet-ondertekend.yaml'))).toBe(false);
    expect(added.stdout.trim()).toBe('packs/leertuin-oefen');
    expect(readFileSync(join(b.cwd, 'allowed_signers'), 'utf8')).toMatch(/\ntrainer@noord\.nl namespaces="leertuin-pack" ssh-ed25519 \S+\n$/);
    expect(readFileSync(join(b.cwd, 'packs', 'leertuin-oefen', file), 'utf8')).toBe(readFileSync(join(pack, file), 'utf8'));
    // The own dilemma of the same id is untouched.
    expect(readFileSync(join(b.cwd, file), 'utf8')).toContain('Leertuin Zuid');

    const again = await b.run(['pack', 'add', pack]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('packs/leertuin-oefen');

    // In the pack's folder, its register names the region's signed workshop (signed, but not trusted here for records).
    const inPack = await runCommand(['afspraken', '--json'], { env: b.env, cwd: join(b.cwd, 'packs', 'leertuin-oefen') });
    expect(inPack.status, inPack.stderr).toBe(0);
    const entry = JSON.parse(inPack.stdout).entries.find((e: { dilemma: { id: string } }) => e.dilemma.id === dilemma.pin.id);
    expect(entry.agreed_in).toMatchObject({ status: 'untrusted', signers: [{ principal: 'trainer@noord.nl', trusted: false }] });

    // The region's afspraken side by side with the own ones.
    const compared = await b.run(['afspraken', '--compare', 'packs/leertuin-oefen', '--json']);
    expect(compared.status, compared.stderr).toBe(0);
    const comparison = JSON.parse(compared.stdout);
    expect(comparison.projects.map((p: { name: string }) => p.name)).toEqual(['Leertuin Oefen', 'Leertuin Oefen']);
    expect(comparison.dilemmas).toEqual([expect.objectContaining({ id: dilemma.pin.id, same: false, same_outcome: false })]);
  });
});
