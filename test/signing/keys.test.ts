import { chmodSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyError } from '../../src/signing/errors.js';
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, generateSigningKey, loadPrivateKeyFile, writeKeyFiles } from '../../src/signing/keys.js';
import { fingerprint, publicKeyLine, signSshsig, verifySshsig } from '../../src/signing/sshsig.js';
import { NAMESPACE, SSH_KEYGEN, cleanupTempDirs, runOk, sshKeygenKey, sshKeygenVerify, tempDir } from './helpers.js';
import { missing } from '../helpers/tools.js';

afterAll(cleanupTempDirs);

async function loadError(path: string, passphrase?: () => Promise<string>): Promise<KeyError> {
  try {
    await loadPrivateKeyFile(path, passphrase);
  } catch (err) {
    if (err instanceof KeyError) return err;
    throw err;
  }
  throw new Error('expected loadPrivateKeyFile to fail');
}

function pemBody(pem: string): string[] {
  return pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
}

describe.skipIf(missing('ssh-keygen'))('own PKCS#8 keys', () => {
  it('a generated plain key is written, loaded, signs, and ssh-keygen accepts the signature', async () => {
    const dir = join(tempDir(), 'keys');
    const gen = generateSigningKey();
    const pem = gen.privatePem();
    expect(pem).toContain('-----BEGIN PRIVATE KEY-----');
    const { privatePath, publicPath } = await writeKeyFiles(dir, pem, publicKeyLine(gen.publicKey, 'bob@example.org'));
    expect(privatePath).toBe(join(dir, PRIVATE_KEY_FILE));
    expect(statSync(privatePath).mode & 0o777).toBe(0o600);
    expect(statSync(publicPath).mode & 0o777).toBe(0o644);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(readFileSync(publicPath, 'utf8')).toBe(`${publicKeyLine(gen.publicKey, 'bob@example.org')}\n`);
    expect(runOk(SSH_KEYGEN, ['-lf', publicPath]).split(' ')[1]).toBe(fingerprint(gen.publicKey));

    let asked = 0;
    const key = await loadPrivateKeyFile(privatePath, () => { asked++; return Promise.resolve('unused'); });
    expect(asked).toBe(0);
    expect(key.publicKey.equals(gen.publicKey)).toBe(true);
    const data = Buffer.from('record\n');
    const sig = await signSshsig(data, key, NAMESPACE);
    expect(sig).toBe(await signSshsig(data, gen.signingKey, NAMESPACE));
    expect(verifySshsig(data, sig, NAMESPACE).ok).toBe(true);
    const res = sshKeygenVerify(`bob@example.org ${readFileSync(publicPath, 'utf8')}`, 'bob@example.org', sig, data);
    expect(res.status, res.stderr).toBe(0);
  });

  it('a passphrase-protected key asks once, signs, and verifies', async () => {
    const dir = tempDir();
    const gen = generateSigningKey();
    const pem = gen.privatePem('correct horse');
    expect(pem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    await writeKeyFiles(dir, pem, publicKeyLine(gen.publicKey));
    let asked = 0;
    const key = await loadPrivateKeyFile(join(dir, PRIVATE_KEY_FILE), () => { asked++; return Promise.resolve('correct horse'); });
    expect(asked).toBe(1);
    const data = Buffer.from('x');
    expect(verifySshsig(data, await signSshsig(data, key, NAMESPACE), NAMESPACE)).toMatchObject({ ok: true });
    expect(gen.privatePem('')).toContain('-----BEGIN PRIVATE KEY-----');
  });

  it('a wrong passphrase gives bad-passphrase; no callback gives passphrase-required', async () => {
    const dir = tempDir();
    const gen = generateSigningKey();
    const pem = gen.privatePem('secret');
    await writeKeyFiles(dir, pem, publicKeyLine(gen.publicKey));
    const path = join(dir, PRIVATE_KEY_FILE);
    for (const wrong of ['Secret', '', 'secret ']) {
      const err = await loadError(path, () => Promise.resolve(wrong));
      expect(err.code).toBe('bad-passphrase');
    }
    expect((await loadError(path)).code).toBe('passphrase-required');
  });

  it('a key readable by group or others is refused with the chmod fix, as ssh does', async () => {
    const dir = tempDir();
    const gen = generateSigningKey();
    await writeKeyFiles(dir, gen.privatePem(), publicKeyLine(gen.publicKey));
    const path = join(dir, PRIVATE_KEY_FILE);
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(path, mode);
      const err = await loadError(path);
      expect(err.code).toBe('key-permissions');
      expect(err.message).toContain(`chmod 600 ${path}`);
      expect(err.hint).toBe(`chmod 600 ${path}`);
    }
    chmodSync(path, 0o400);
    await expect(loadPrivateKeyFile(path)).resolves.toBeDefined();
  });

  it('errors never carry key material', async () => {
    const dir = tempDir();
    const gen = generateSigningKey();
    const pem = gen.privatePem('pw');
    const path = join(dir, PRIVATE_KEY_FILE);
    writeFileSync(path, pem, { mode: 0o644 });
    const errors = [await loadError(path)];
    chmodSync(path, 0o600);
    errors.push(await loadError(path, () => Promise.resolve('nope')));
    writeFileSync(path, pem.replace(/[A-Za-z]/, '0'), { mode: 0o600 });
    errors.push(await loadError(path, () => Promise.resolve('pw')));
    for (const err of errors) {
      const text = `${err.message} ${err.hint ?? ''} ${err.stack ?? ''}`;
      for (const line of pemBody(pem)) expect(text).not.toContain(line);
    }
  });
});

describe.skipIf(missing('ssh-keygen'))('writeKeyFiles', () => {
  it('refuses to overwrite without force and replaces atomically with force', async () => {
    const dir = tempDir();
    const first = generateSigningKey();
    await writeKeyFiles(dir, first.privatePem(), publicKeyLine(first.publicKey));
    const second = generateSigningKey();
    const err = await writeKeyFiles(dir, second.privatePem(), publicKeyLine(second.publicKey)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyError);
    expect((err as KeyError).code).toBe('key-exists');
    expect(readFileSync(join(dir, PRIVATE_KEY_FILE), 'utf8')).toBe(first.privatePem());

    chmodSync(join(dir, PRIVATE_KEY_FILE), 0o644); // replaced file must not inherit this
    await writeKeyFiles(dir, second.privatePem(), publicKeyLine(second.publicKey), { force: true });
    expect(statSync(join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const loaded = await loadPrivateKeyFile(join(dir, PRIVATE_KEY_FILE));
    expect(loaded.publicKey.equals(second.publicKey)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([PRIVATE_KEY_FILE, PUBLIC_KEY_FILE]);
  });

  it('refuses when only the public key file exists, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, PUBLIC_KEY_FILE), 'x\n');
    const gen = generateSigningKey();
    await expect(writeKeyFiles(dir, gen.privatePem(), publicKeyLine(gen.publicKey))).rejects.toMatchObject({ code: 'key-exists' });
    expect(readdirSync(dir)).toEqual([PUBLIC_KEY_FILE]);
  });
});

describe.skipIf(missing('ssh-keygen'))('OpenSSH private keys', () => {
  it('an unencrypted ssh-keygen ed25519 key loads and matches its public key', async () => {
    const path = sshKeygenKey(tempDir(), 'id_ed25519');
    const key = await loadPrivateKeyFile(path);
    expect(publicKeyLine(key.publicKey, 'test@leertuin')).toBe(readFileSync(`${path}.pub`, 'utf8').trim());
  });

  it('an encrypted OpenSSH key points to ssh-agent', async () => {
    const path = sshKeygenKey(tempDir(), 'id_ed25519', { passphrase: 'pw' });
    const err = await loadError(path, () => Promise.resolve('pw'));
    expect(err.code).toBe('encrypted-openssh-key');
    expect(err.hint).toBe(`Load it in ssh-agent with: ssh-add ${path}`);
  });

  it('other key types are unsupported; public keys and junk are not private keys', async () => {
    const dir = tempDir();
    const ecdsa = sshKeygenKey(dir, 'id_ecdsa', { type: 'ecdsa' });
    expect((await loadError(ecdsa)).code).toBe('unsupported-key');
    const pub = join(dir, 'pub');
    writeFileSync(pub, readFileSync(`${ecdsa}.pub`), { mode: 0o600 });
    expect((await loadError(pub)).code).toBe('not-a-private-key');
    const junk = join(dir, 'junk');
    writeFileSync(junk, 'hello', { mode: 0o600 });
    expect((await loadError(junk)).code).toBe('not-a-private-key');
    expect((await loadError(join(dir, 'missing'))).code).toBe('key-not-found');
    expect((await loadError(dir)).code).toBe('key-unreadable');
    // A .pub as ssh-keygen leaves it (0644) is named a public key, not a key "too open".
    const named = await loadError(`${ecdsa}.pub`);
    expect(named.code).toBe('not-a-private-key');
    expect(named.message).toMatch(/is a public key$/);
    expect(named.hint).toBe(`give the private key: ${ecdsa}`);
  });

  it('a damaged OpenSSH key is invalid-key, never a crash', async () => {
    const dir = tempDir();
    const path = sshKeygenKey(dir, 'id_ed25519');
    const text = readFileSync(path, 'utf8');
    const lines = text.split('\n');
    const body = Buffer.from(lines.slice(1, -2).join(''), 'base64');
    // Offsets: cipher name, kdf name, outer public key, check bytes, private seed, public copy.
    // (The comment at the end is free text, so a change there is harmless.)
    for (const i of [20, 28, 40, 60, 103, 160, 200]) {
      const m = Buffer.from(body);
      m[i] = (m[i] as number) ^ 0x41;
      const b64 = m.toString('base64').replace(/(.{70})/g, '$1\n').trimEnd();
      const bad = join(dir, `bad${i}`);
      writeFileSync(bad, `-----BEGIN OPENSSH PRIVATE KEY-----\n${b64}\n-----END OPENSSH PRIVATE KEY-----\n`, { mode: 0o600 });
      const err = await loadError(bad);
      expect(['invalid-key', 'unsupported-key', 'encrypted-openssh-key']).toContain(err.code);
    }
  });
});
