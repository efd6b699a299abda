import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRecord } from '../../src/record/parse.js';
import { freshHome, ROOT } from '../helpers/home.js';
import { runInProcess, type RunResult } from '../helpers/in-process.js';
import { missing } from '../helpers/tools.js';

interface Workspace {
  home: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  run(args: string[]): Promise<RunResult>;
}

function workspace(): Workspace {
  const { home, env } = freshHome();
  const cwd = join(home, 'work');
  return { home, cwd, env, run: (args) => runInProcess(args, { env, cwd }) };
}

const ANSWERS = `dilemma: verward-gedrag-huisarts
author: {name: Test Persoon, role: huisarts, domain: zorg, organisation: Praktijk Noord}
answers:
  persoonsgegeven: {answer: nee, motivation: "Besproken zonder iets herkenbaars."}
`;

/** A workspace with a key, its line in allowed_signers, and one signed record. */
async function signedWorkspace(principal = 'trainer@voorbeeld.nl'): Promise<Workspace & { record: string; line: string }> {
  const ws = workspace();
  const keygen = await ws.run(['keygen', '--principal', principal]);
  expect(keygen.status, keygen.stderr).toBe(0);
  const line = keygen.stdout.trim();
  writeFileSync(join(ws.cwd, 'allowed_signers'), line + '\n');
  writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
  const walk = await ws.run(['walk', '--answers', 'answers.yaml']);
  expect(walk.status, walk.stderr).toBe(0);
  return { ...ws, record: walk.stdout.trim(), line };
}

describe.skipIf(missing('ssh-keygen'))('keygen, walk, verify as a new user does', () => {
  let ws: Awaited<ReturnType<typeof signedWorkspace>>;
  beforeAll(async () => {
    ws = await signedWorkspace();
  });

  it('keygen writes a 0600 key and prints the allowed_signers line', async () => {
    expect(ws.line).toMatch(/^trainer@voorbeeld\.nl namespaces="leertuin-record" ssh-ed25519 AAAA[A-Za-z0-9+/=]+$/);
    const mode = execFileSync('stat', ['-c', '%a', join(ws.home, '.config', 'leertuin', 'signing_key')], { encoding: 'utf8' }).trim();
    expect(mode).toBe('600');
    const again = await ws.run(['keygen', '--principal', 'trainer@voorbeeld.nl']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/--force/);
    // The private key never reaches the terminal.
    expect(again.stderr + again.stdout).not.toMatch(/PRIVATE KEY/);
  });

  it('the signed record verifies, and one flipped byte in a motivation makes it invalid', async () => {
    const ok = await ws.run(['verify', 'records/']);
    expect(ok.status, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^ok\s+.*trainer@voorbeeld\.nl/m);
    const tampered = join(ws.cwd, 'tampered');
    execFileSync('mkdir', ['-p', tampered]);
    const copy = join(tampered, 'r.md');
    writeFileSync(copy, readFileSync(ws.record, 'utf8').replace('Besproken zonder', 'Besproken zondeR'));
    const bad = await ws.run(['verify', 'tampered']);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^invalid\s+.*r\.md/m);
  });

  it("the README's ssh-keygen recipe, run verbatim, says Good signature", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const recipe = /<!-- recipe:start -->\n```sh\n([\s\S]*?)```\n<!-- recipe:end -->/.exec(readme)?.[1];
    expect(recipe).toBeDefined();
    const result = spawnSync('bash', ['-e', '-c', recipe!], { cwd: ws.cwd, env: ws.env, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Good "leertuin-record" signature for trainer@voorbeeld.nl');
  });

  it('verify --json gives one document with a result per file and stable codes', async () => {
    const result = await ws.run(['verify', 'records/', '--json']);
    const doc = JSON.parse(result.stdout) as { ok: boolean; total: number; results: { file: string; status: string; signers: { principal: string; trusted: boolean }[] }[] };
    expect(doc.ok).toBe(true);
    expect(doc.total).toBe(1);
    expect(doc.results[0]).toMatchObject({ status: 'ok', signers: [{ principal: 'trainer@voorbeeld.nl', trusted: true, role: 'author' }] });
  });

  it('a broken line in allowed_signers is skipped with one line in the user language, the detail only with -v', async () => {
    const other = await signedWorkspace('regel@voorbeeld.nl');
    const trusted = readFileSync(join(other.cwd, 'allowed_signers'), 'utf8');
    writeFileSync(join(other.cwd, 'allowed_signers'), `${trusted}kapot@voorbeeld.nl ssh-ed25519\n`);
    const result = await other.run(['verify', other.record]);
    expect(result.status).toBe(0);
    expect(result.stderr).toMatch(/allowed_signers:2:\d+: deze regel van allowed_signers wordt overgeslagen/);
    expect(result.stderr).not.toContain('missing');
    expect((await other.run(['verify', other.record, '-v'])).stderr).toContain('(missing base64 key)');
    expect((await other.run(['verify', other.record, '--lang', 'en'])).stderr).toContain('this line of allowed_signers is skipped');
  });

  it('a record signed by a key outside allowed_signers is untrusted, accepted only with --allow-untrusted', async () => {
    const other = await signedWorkspace('iemand@elders.nl');
    copyFileSync(other.record, join(ws.cwd, 'vreemd.md'));
    const result = await ws.run(['verify', 'vreemd.md']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^untrusted\s/m);
    // Explained in the user's language; the technical English reason only with -v (and in --json).
    expect(result.stdout).toContain('de sleutel staat niet in allowed_signers');
    expect(result.stdout).not.toContain('is not trusted');
    expect((await ws.run(['verify', 'vreemd.md', '-v'])).stdout).toContain('is not trusted');
    expect((await ws.run(['verify', 'vreemd.md', '--allow-untrusted'])).status).toBe(0);
  });

  it('countersign adds a second signature over everything; verify names both signers; cutting the chain breaks it', async () => {
    const record = join(ws.cwd, 'chain.md');
    copyFileSync(ws.record, record);
    const sign = await ws.run(['countersign', 'chain.md', '--verdict', 'discuss', '--note', 'Bespreken: is <b>dit</b> echt anoniem?', '--name', 'Fee', '--role', 'FG']);
    expect(sign.status, sign.stderr).toBe(0);
    const text = readFileSync(record, 'utf8');
    expect(text.match(/^<!-- leertuin-signature$/gm)).toHaveLength(2);
    expect(text).toContain('&lt;b&gt;dit&lt;/b&gt;');
    const doc = JSON.parse((await ws.run(['verify', 'chain.md', '--json'])).stdout) as { results: { status: string; signers: { role: string; verdict?: string }[] }[] };
    expect(doc.results[0]!.status).toBe('ok');
    expect(doc.results[0]!.signers.map((s) => s.role)).toEqual(['author', 'reviewer']);
    expect(doc.results[0]!.signers[1]!.verdict).toBe('discuss');

    // A note with identifying data is refused without a reason, and accepted (and reported) with one.
    const other = join(ws.cwd, 'chain2.md');
    copyFileSync(ws.record, other);
    const refused = await ws.run(['countersign', 'chain2.md', '--verdict', 'agree', '--note', 'Besproken met mevrouw Jansen', '--name', 'Fee', '--role', 'FG']);
    expect(refused.status).toBe(2);
    expect(readFileSync(other, 'utf8')).toBe(readFileSync(ws.record, 'utf8'));
    const allowed = await ws.run(['countersign', 'chain2.md', '--verdict', 'agree', '--note', 'Besproken met mevrouw Jansen', '--name', 'Fee', '--role', 'FG', '--allow-identifying', 'oefening']);
    expect(allowed.status, allowed.stderr).toBe(0);
    const second = JSON.parse((await ws.run(['verify', 'chain2.md', '--json'])).stdout) as { results: { status: string; warnings: string[] }[] };
    expect(second.results[0]).toMatchObject({ status: 'ok', warnings: ['allow-identifying', 'file-name-mismatch'] });

    // Altering the first part breaks both signatures; altering the note breaks the second.
    writeFileSync(record, text.replace('Test Persoon', 'Test Persooon'));
    expect((await ws.run(['verify', 'chain.md'])).stdout).toMatch(/^invalid/m);
    writeFileSync(record, text.replace('echt anoniem', 'echt anoniem!'));
    expect((await ws.run(['verify', 'chain.md'])).stdout).toMatch(/^invalid/m);
    // Dropping the first signature block leaves a second signature over bytes that no longer exist.
    const first = text.indexOf('<!-- leertuin-signature\n');
    const firstEnd = text.indexOf('-->\n', first) + 4;
    writeFileSync(record, text.slice(0, first) + text.slice(firstEnd));
    expect((await ws.run(['verify', 'chain.md'])).stdout).toMatch(/^(invalid|malformed)/m);
  });
});

describe.skipIf(missing('ssh-keygen'))('keys from elsewhere', () => {
  it('refuses a key file that others can read, with the chmod to fix it', async () => {
    const ws = workspace();
    const key = join(ws.cwd, 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', key]);
    chmodSync(key, 0o644);
    writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
    const result = await runInProcess(['walk', '--answers', 'answers.yaml', '--key', key], { env: { ...ws.env, LEERTUIN_PRINCIPAL: 'a@b.nl' }, cwd: ws.cwd });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`chmod 600 ${key}`);
    expect(readdirSync(ws.cwd)).not.toContain('records');
  });

  it('signs with an unencrypted ~/.ssh/id_ed25519 that ssh-keygen made', async () => {
    const ws = workspace();
    execFileSync('mkdir', ['-p', join(ws.home, '.ssh')]);
    const key = join(ws.home, '.ssh', 'id_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', key]);
    const pub = readFileSync(`${key}.pub`, 'utf8').trim();
    writeFileSync(join(ws.cwd, 'allowed_signers'), `arts@voorbeeld.nl ${pub}\n`);
    writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
    const env = { ...ws.env, LEERTUIN_PRINCIPAL: 'arts@voorbeeld.nl' };
    expect((await runInProcess(['walk', '--answers', 'answers.yaml'], { env, cwd: ws.cwd })).status).toBe(0);
    expect((await runInProcess(['verify', 'records'], { env, cwd: ws.cwd })).status).toBe(0);
  });

  it('signs through ssh-agent with a passphrase-protected key', async () => {
    const ws = workspace();
    const key = join(ws.cwd, 'protected');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'geheim wachtwoord', '-C', '', '-f', key]);
    const socket = join(ws.home, 'agent.sock');
    const agent = spawnSync('ssh-agent', ['-a', socket, '-s'], { encoding: 'utf8' });
    const pid = /SSH_AGENT_PID=(\d+)/.exec(agent.stdout)?.[1];
    try {
      // ssh-add reads the passphrase through SSH_ASKPASS when there is no terminal.
      const askpass = join(ws.home, 'askpass.sh');
      writeFileSync(askpass, "#!/bin/sh\necho 'geheim wachtwoord'\n", { mode: 0o700 });
      execFileSync('ssh-add', [key], { env: { ...ws.env, SSH_AUTH_SOCK: socket, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' }, stdio: 'ignore' });
      writeFileSync(join(ws.cwd, 'allowed_signers'), `arts@voorbeeld.nl ${readFileSync(`${key}.pub`, 'utf8').trim()}\n`);
      writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
      const env = { ...ws.env, SSH_AUTH_SOCK: socket, LEERTUIN_AGENT: '1', LEERTUIN_PRINCIPAL: 'arts@voorbeeld.nl' };
      const walk = await runInProcess(['walk', '--answers', 'answers.yaml'], { env, cwd: ws.cwd });
      expect(walk.status, walk.stderr).toBe(0);
      expect((await runInProcess(['verify', 'records'], { env, cwd: ws.cwd })).status).toBe(0);
    } finally {
      if (pid) process.kill(Number(pid));
    }
  });

  it('without any key and without a terminal, walk exits 2 with the command to run', async () => {
    const ws = workspace();
    writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
    const result = await ws.run(['walk', '--answers', 'answers.yaml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('leertuin keygen');
    const unsigned = await ws.run(['walk', '--answers', 'answers.yaml', '--no-sign']);
    expect(unsigned.status).toBe(0);
    const { record } = parseRecord(readFileSync(unsigned.stdout.trim(), 'utf8'));
    expect(record.unsigned).toBe(true);
    expect((await ws.run(['verify', 'records'])).stdout).toMatch(/^unsigned/m);
  });

  it('keygen protects the key with a passphrase from a file; a walk without a terminal to ask it exits 2', async () => {
    const ws = workspace();
    writeFileSync(join(ws.cwd, 'pass.txt'), 'lang genoeg wachtwoord\n');
    const keygen = await ws.run(['keygen', '--principal', 'p@voorbeeld.nl', '--passphrase-file', 'pass.txt']);
    expect(keygen.status, keygen.stderr).toBe(0);
    expect(readFileSync(join(ws.home, '.config', 'leertuin', 'signing_key'), 'utf8')).toContain('ENCRYPTED PRIVATE KEY');
    writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
    // No terminal to ask the passphrase: a clear exit 2, no record.
    const walk = await ws.run(['walk', '--answers', 'answers.yaml']);
    expect(walk.status).toBe(2);
    expect(walk.stderr).toMatch(/wachtwoord/);
  });
});
