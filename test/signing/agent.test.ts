import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentSigningKey, listAgentIdentities } from '../../src/signing/agent.js';
import { loadPrivateKeyFile } from '../../src/signing/keys.js';
import { fingerprint, signSshsig, verifySshsig } from '../../src/signing/sshsig.js';
import { NAMESPACE, cleanupTempDirs, runOk, sshKeygenKey, sshKeygenSign, tempDir } from './helpers.js';
import { missing } from '../helpers/tools.js';

let agent: ChildProcess | undefined;
let socketPath: string;
let dir: string;
let edA: string;
let edB: string;
let ecdsa: string;

function sshAdd(...args: string[]): string {
  return runOk('/usr/bin/ssh-add', args, { env: { SSH_AUTH_SOCK: socketPath } });
}

beforeAll(async () => {
  dir = tempDir();
  socketPath = join(dir, 'agent.sock');
  // -D keeps the agent in the foreground, so we own its pid and can end exactly that process.
  agent = spawn('/usr/bin/ssh-agent', ['-D', '-a', socketPath], { stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(socketPath); i++) await new Promise((r) => setTimeout(r, 20));
  if (!existsSync(socketPath)) throw new Error('ssh-agent did not start');
  edA = sshKeygenKey(dir, 'id_a', { comment: 'a@example.org' });
  edB = sshKeygenKey(dir, 'id_b', { comment: 'b@example.org' });
  ecdsa = sshKeygenKey(dir, 'id_ecdsa', { type: 'ecdsa', comment: 'ec@example.org' });
});

afterAll(() => {
  if (agent?.pid !== undefined) process.kill(agent.pid, 'SIGTERM');
  cleanupTempDirs();
});

describe.skipIf(missing('ssh-keygen'))('ssh-agent client', () => {
  it('an empty agent gives agent-no-key', async () => {
    sshAdd('-D');
    await expect(listAgentIdentities({ socketPath })).resolves.toEqual([]);
    await expect(agentSigningKey({ socketPath })).rejects.toMatchObject({ code: 'agent-no-key' });
  });

  it('skips non-Ed25519 identities and signs like the key file and ssh-keygen do', async () => {
    sshAdd(ecdsa);
    await expect(agentSigningKey({ socketPath })).rejects.toMatchObject({ code: 'agent-no-key' });
    sshAdd(edA);
    const ids = await listAgentIdentities({ socketPath });
    expect(ids.map((i) => [i.keyType, i.comment])).toEqual([
      ['ecdsa-sha2-nistp256', 'ec@example.org'],
      ['ssh-ed25519', 'a@example.org'],
    ]);
    expect(ids[0]?.publicKey).toBeNull();

    const viaAgent = await agentSigningKey({ socketPath });
    const viaFile = await loadPrivateKeyFile(edA);
    expect(viaAgent.publicKey.equals(viaFile.publicKey)).toBe(true);
    expect(viaAgent.fingerprint).toBe(fingerprint(viaFile.publicKey));
    expect(viaAgent.comment).toBe('a@example.org');

    const data = Buffer.from('signed through the agent\n');
    const sig = await signSshsig(data, viaAgent, NAMESPACE);
    expect(sig).toBe(await signSshsig(data, viaFile, NAMESPACE));
    // ssh-keygen given only the public key signs through the agent as well.
    expect(sig).toBe(sshKeygenSign(`${edA}.pub`, data, NAMESPACE, [], { SSH_AUTH_SOCK: socketPath }));
    expect(verifySshsig(data, sig, NAMESPACE).ok).toBe(true);
  });

  it('chooses by fingerprint, public key line or raw key when several are loaded', async () => {
    sshAdd(edB);
    const a = await loadPrivateKeyFile(edA);
    const b = await loadPrivateKeyFile(edB);
    expect((await agentSigningKey({ socketPath })).publicKey.equals(a.publicKey)).toBe(true);
    expect((await agentSigningKey({ socketPath, select: fingerprint(b.publicKey) })).publicKey.equals(b.publicKey)).toBe(true);
    const bLine = readFileSync(`${edB}.pub`, 'utf8');
    const byLine = await agentSigningKey({ socketPath, select: bLine });
    expect(byLine.publicKey.equals(b.publicKey)).toBe(true);
    expect((await agentSigningKey({ socketPath, select: b.publicKey })).comment).toBe('b@example.org');
    const data = Buffer.from('b');
    expect(await signSshsig(data, byLine, NAMESPACE)).toBe(await signSshsig(data, b, NAMESPACE));
    await expect(agentSigningKey({ socketPath, select: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }))
      .rejects.toMatchObject({ code: 'agent-no-key' });
  });

  it('a key removed after selection gives agent-refused', async () => {
    const key = await agentSigningKey({ socketPath, select: fingerprint((await loadPrivateKeyFile(edB)).publicKey) });
    sshAdd('-d', `${edB}.pub`);
    await expect(signSshsig(Buffer.from('x'), key, NAMESPACE)).rejects.toMatchObject({ code: 'agent-refused' });
  });

  it('a missing socket or unset SSH_AUTH_SOCK gives no-agent', async () => {
    await expect(listAgentIdentities({ socketPath: join(dir, 'nope.sock') })).rejects.toMatchObject({ code: 'no-agent' });
    const saved = process.env['SSH_AUTH_SOCK'];
    delete process.env['SSH_AUTH_SOCK'];
    try {
      await expect(agentSigningKey()).rejects.toMatchObject({ code: 'no-agent' });
    } finally {
      if (saved !== undefined) process.env['SSH_AUTH_SOCK'] = saved;
    }
  });

  it('uses SSH_AUTH_SOCK by default', async () => {
    const saved = process.env['SSH_AUTH_SOCK'];
    process.env['SSH_AUTH_SOCK'] = socketPath;
    try {
      expect((await listAgentIdentities()).length).toBeGreaterThan(0);
    } finally {
      if (saved === undefined) delete process.env['SSH_AUTH_SOCK'];
      else process.env['SSH_AUTH_SOCK'] = saved;
    }
  });

  it('times out on a silent peer and rejects garbage replies', async () => {
    const silentPath = join(dir, 'silent.sock');
    const garbagePath = join(dir, 'garbage.sock');
    const open: Socket[] = [];
    const servers: Server[] = [
      createServer((s) => { open.push(s); }).listen(silentPath),
      createServer((s) => s.end(Buffer.from([0xff, 0xff, 0xff, 0xff, 1]))).listen(garbagePath),
    ];
    try {
      await Promise.all(servers.map((s) => new Promise((r) => s.once('listening', r))));
      const started = Date.now();
      await expect(listAgentIdentities({ socketPath: silentPath, timeoutMs: 200 })).rejects.toMatchObject({ code: 'agent-timeout' });
      expect(Date.now() - started).toBeLessThan(2000);
      await expect(listAgentIdentities({ socketPath: garbagePath })).rejects.toMatchObject({ code: 'agent-protocol' });
    } finally {
      for (const s of open) s.destroy();
      for (const s of servers) s.close();
    }
  });
});
