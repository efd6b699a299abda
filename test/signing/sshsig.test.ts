import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPrivateKeyFile } from '../../src/signing/keys.js';
import {
  fingerprint,
  parsePublicKeyLine,
  publicKeyBlob,
  publicKeyLine,
  signSshsig,
  verifySshsig,
  type SigningKey,
} from '../../src/signing/sshsig.js';
import { KeyError } from '../../src/signing/errors.js';
import { NAMESPACE, SSH_KEYGEN, cleanupTempDirs, prng, runOk, sshKeygenKey, sshKeygenSign, sshKeygenVerify, tempDir } from './helpers.js';
import { missing } from '../helpers/tools.js';

let keyPath: string;
let key: SigningKey;
let pubLine: string;

beforeAll(async () => {
  keyPath = sshKeygenKey(tempDir(), 'id_ed25519', { comment: 'alice@example.org' });
  key = await loadPrivateKeyFile(keyPath);
  pubLine = readFileSync(`${keyPath}.pub`, 'utf8').trim();
});
afterAll(cleanupTempDirs);

const messages: Array<[string, Buffer]> = [
  ['empty', Buffer.alloc(0)],
  ['short text', Buffer.from('hello\n')],
  ['utf-8 record', Buffer.from('# Besluit\n\nDe zorgaanbieder mag delen — ja.\n', 'utf8')],
  ['binary', Buffer.from(Array.from({ length: 256 }, (_, i) => i))],
  ['large', randomBytes(100_000)],
];

describe.skipIf(missing('ssh-keygen'))('signSshsig: golden output against ssh-keygen -Y sign', () => {
  for (const [name, data] of messages) {
    it(`is byte-identical for ${name} data`, async () => {
      const ours = await signSshsig(data, key, NAMESPACE);
      expect(ours).toBe(sshKeygenSign(keyPath, data));
    });
  }

  it('is byte-identical with another namespace', async () => {
    const data = Buffer.from('x');
    expect(await signSshsig(data, key, 'file')).toBe(sshKeygenSign(keyPath, data, 'file'));
  });

  it('has the armor layout ssh-keygen writes', async () => {
    const sig = await signSshsig(Buffer.from('a'), key, NAMESPACE);
    const lines = sig.split('\n');
    expect(lines[0]).toBe('-----BEGIN SSH SIGNATURE-----');
    expect(sig.endsWith('-----END SSH SIGNATURE-----\n')).toBe(true);
    for (const l of lines.slice(1, -3)) expect(l).toHaveLength(70);
  });

  it('rejects an empty namespace and a signer that signs with another key', async () => {
    await expect(signSshsig(Buffer.from('a'), key, '')).rejects.toMatchObject({ code: 'invalid-namespace' });
    const other = await loadPrivateKeyFile(sshKeygenKey(tempDir(), 'other'));
    const liar: SigningKey = { publicKey: key.publicKey, sign: (d) => other.sign(d) };
    await expect(signSshsig(Buffer.from('a'), liar, NAMESPACE)).rejects.toMatchObject({ code: 'sign-failed' });
  });
});

describe.skipIf(missing('ssh-keygen'))('interoperability with ssh-keygen -Y verify', () => {
  it('ssh-keygen accepts our signature', async () => {
    const data = Buffer.from('record body\n');
    const sig = await signSshsig(data, key, NAMESPACE);
    const res = sshKeygenVerify(`alice@example.org ${pubLine}\n`, 'alice@example.org', sig, data);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout).toContain('Good "leertuin-record" signature for alice@example.org');
  });

  it('ssh-keygen rejects our signature over other data or in another namespace', async () => {
    const data = Buffer.from('record body\n');
    const sig = await signSshsig(data, key, NAMESPACE);
    expect(sshKeygenVerify(`alice@example.org ${pubLine}\n`, 'alice@example.org', sig, Buffer.from('record b0dy\n')).status).not.toBe(0);
    expect(sshKeygenVerify(`alice@example.org ${pubLine}\n`, 'alice@example.org', sig, data, 'file').status).not.toBe(0);
  });

  it('we verify a signature made by ssh-keygen', () => {
    const data = Buffer.from('signed by ssh-keygen\n');
    const res = verifySshsig(data, sshKeygenSign(keyPath, data), NAMESPACE);
    expect(res).toEqual({ ok: true, publicKey: key.publicKey, fingerprint: fingerprint(key.publicKey) });
  });

  it('we verify an ssh-keygen signature with hash sha256', () => {
    const data = Buffer.from('sha256 flavour\n');
    const sig = sshKeygenSign(keyPath, data, NAMESPACE, ['-O', 'hashalg=sha256']);
    expect(Buffer.from(sig.split('\n').slice(1, -2).join(''), 'base64').includes(Buffer.from('sha256'))).toBe(true);
    expect(verifySshsig(data, sig, NAMESPACE).ok).toBe(true);
    expect(verifySshsig(Buffer.from('other'), sig, NAMESPACE)).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('tampered data gives bad-signature', () => {
    const data = Buffer.from('De cliënt stemt in.\n');
    const sig = sshKeygenSign(keyPath, data);
    const res = verifySshsig(Buffer.from('De cliënt stemt niet in.\n'), sig, NAMESPACE);
    expect(res).toMatchObject({ ok: false, code: 'bad-signature' });
  });

  it('a wrong namespace is detected', async () => {
    const data = Buffer.from('x');
    const res = verifySshsig(data, await signSshsig(data, key, 'file'), NAMESPACE);
    expect(res).toMatchObject({ ok: false, code: 'wrong-namespace' });
    if (!res.ok) expect(res.reason).toContain('"file"');
  });

  it('a non-Ed25519 signature gives unsupported-key', () => {
    const ecdsa = sshKeygenKey(tempDir(), 'id_ecdsa', { type: 'ecdsa' });
    const data = Buffer.from('x');
    expect(verifySshsig(data, sshKeygenSign(ecdsa, data), NAMESPACE)).toMatchObject({ ok: false, code: 'unsupported-key' });
  });

  it('tolerates CRLF line endings and a missing final newline', async () => {
    const data = Buffer.from('x');
    const sig = await signSshsig(data, key, NAMESPACE);
    expect(verifySshsig(data, sig.replace(/\n/g, '\r\n'), NAMESPACE).ok).toBe(true);
    expect(verifySshsig(data, sig.trimEnd(), NAMESPACE).ok).toBe(true);
  });
});

describe.skipIf(missing('ssh-keygen'))('verifySshsig robustness', () => {
  function rearmor(blob: Buffer): string {
    const b64 = blob.toString('base64').replace(/(.{70})/g, '$1\n');
    return `-----BEGIN SSH SIGNATURE-----\n${b64.trimEnd()}\n-----END SSH SIGNATURE-----\n`;
  }
  function blobOf(sig: string): Buffer {
    return Buffer.from(sig.split('\n').slice(1, -2).join(''), 'base64');
  }

  it('reports malformed input without throwing', () => {
    const cases = ['', 'garbage', '-----BEGIN SSH SIGNATURE-----\n-----END SSH SIGNATURE-----\n',
      '-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----\n',
      '-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n',
      '-----BEGIN SSH SIGNATURE-----\nAAAA\n'];
    for (const c of cases) expect(verifySshsig(Buffer.from('x'), c, NAMESPACE)).toMatchObject({ ok: false, code: 'malformed' });
    expect(verifySshsig(Buffer.from('x'), 42 as unknown as string, NAMESPACE)).toMatchObject({ ok: false, code: 'malformed' });
  });

  it('rejects trailing data, a wrong version and an unsupported hash', async () => {
    const data = Buffer.from('x');
    const blob = blobOf(await signSshsig(data, key, NAMESPACE));
    expect(verifySshsig(data, rearmor(Buffer.concat([blob, Buffer.from([0])])), NAMESPACE)).toMatchObject({ code: 'malformed' });
    const v2 = Buffer.from(blob);
    v2.writeUInt32BE(2, 6);
    expect(verifySshsig(data, rearmor(v2), NAMESPACE)).toMatchObject({ code: 'malformed' });
    const md5 = Buffer.from(blob);
    const at = md5.indexOf('sha512');
    md5.write('sha384', at, 'ascii');
    expect(verifySshsig(data, rearmor(md5), NAMESPACE)).toMatchObject({ code: 'unsupported-hash' });
  });

  it('never throws and never accepts a changed byte, truncation or garbage', async () => {
    const data = Buffer.from('fuzz target\n');
    const sig = await signSshsig(data, key, NAMESPACE);
    const blob = blobOf(sig);
    const rand = prng(0x5eed);
    for (let i = 0; i < blob.length; i++) {
      const m = Buffer.from(blob);
      m[i] = (m[i] as number) ^ (1 + (rand() % 255));
      const res = verifySshsig(data, rearmor(m), NAMESPACE);
      expect(res.ok, `byte ${i}`).toBe(false);
    }
    for (let n = 0; n < blob.length; n += 3) expect(verifySshsig(data, rearmor(blob.subarray(0, n)), NAMESPACE).ok).toBe(false);
    for (let i = 0; i < 300; i++) {
      const len = rand() % 400;
      const junk = Buffer.from(Array.from({ length: len }, () => rand() & 0xff));
      expect(() => verifySshsig(data, rearmor(junk), NAMESPACE)).not.toThrow();
      expect(() => verifySshsig(data, junk.toString('latin1'), NAMESPACE)).not.toThrow();
      const cut = sig.slice(0, rand() % sig.length) + junk.toString('latin1');
      expect(verifySshsig(data, cut, NAMESPACE).ok).toBe(false);
    }
  });
});

describe.skipIf(missing('ssh-keygen'))('public key helpers', () => {
  it('publicKeyLine and parsePublicKeyLine round-trip with the .pub file', () => {
    expect(publicKeyLine(key.publicKey, 'alice@example.org')).toBe(pubLine);
    expect(publicKeyLine(key.publicKey)).toBe(pubLine.split(' ').slice(0, 2).join(' '));
    const parsed = parsePublicKeyLine(`${pubLine}\n`);
    expect(parsed.publicKey.equals(key.publicKey)).toBe(true);
    expect(parsed.comment).toBe('alice@example.org');
    expect(publicKeyBlob(key.publicKey).equals(Buffer.from(pubLine.split(' ')[1] ?? '', 'base64'))).toBe(true);
  });

  it('fingerprint equals ssh-keygen -lf', () => {
    const out = runOk(SSH_KEYGEN, ['-lf', `${keyPath}.pub`]);
    expect(out.split(' ')[1]).toBe(fingerprint(key.publicKey));
    expect(fingerprint(key.publicKey)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('parsePublicKeyLine rejects other key types and garbage', () => {
    const ecdsa = sshKeygenKey(tempDir(), 'id_ecdsa', { type: 'ecdsa' });
    const ecdsaLine = readFileSync(`${ecdsa}.pub`, 'utf8');
    expect(() => parsePublicKeyLine(ecdsaLine)).toThrow(expect.objectContaining({ code: 'unsupported-key' }) as KeyError);
    for (const bad of ['', 'ssh-ed25519', 'ssh-ed25519 !!!', `ssh-rsa ${pubLine.split(' ')[1] ?? ''}`]) {
      expect(() => parsePublicKeyLine(bad)).toThrow(KeyError);
    }
    expect(() => publicKeyLine(key.publicKey, 'a\nb')).toThrow(KeyError);
    expect(() => publicKeyBlob(Buffer.alloc(31))).toThrow(KeyError);
  });
});
