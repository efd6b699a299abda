// Ed25519 key files: our own PKCS#8 PEM (optionally encrypted) and unencrypted OpenSSH keys.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { mkdir, open, stat, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../platform/atomic.js';
import { KeyError } from './errors.js';
import { ED25519_KEY_TYPE, publicKeyBlob, type SigningKey } from './sshsig.js';
import { SshReader, WireError, decodeBase64Strict } from './wire.js';

export { KeyError, isKeyError, type KeyErrorCode } from './errors.js';

export const PRIVATE_KEY_FILE = 'signing_key';
export const PUBLIC_KEY_FILE = 'signing_key.pub';

// Key files are tiny; a cap keeps a wrong path (a large file) from being read into memory.
const MAX_KEY_FILE_BYTES = 64 * 1024;
// DER prefix of an Ed25519 PKCS#8 PrivateKeyInfo; the 32-byte seed follows it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const OPENSSH_MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

export interface GeneratedKey {
  publicKey: Buffer;
  /** PKCS#8 PEM; encrypted with aes-256-cbc when a non-empty passphrase is given. */
  privatePem(passphrase?: string): string;
  signingKey: SigningKey;
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') {
    throw new KeyError('unsupported-key', 'Only Ed25519 keys are supported');
  }
  return Buffer.from(jwk.x, 'base64url');
}

/** A SigningKey backed by an in-memory node:crypto private key. */
export function signingKeyFromKeyObject(privateKey: KeyObject): SigningKey {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
    throw new KeyError('unsupported-key', 'Only Ed25519 private keys are supported');
  }
  const publicKey = rawPublicKey(createPublicKey(privateKey));
  return {
    publicKey,
    sign: (data: Buffer) => Promise.resolve(cryptoSign(null, data, privateKey)),
  };
}

export function generateSigningKey(): GeneratedKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const signingKey = signingKeyFromKeyObject(privateKey);
  return {
    publicKey: signingKey.publicKey,
    signingKey,
    privatePem(passphrase?: string): string {
      // An empty passphrase means no encryption, as with `ssh-keygen -N ''`.
      if (passphrase === undefined || passphrase === '') {
        return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      }
      return privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase }).toString();
    },
  };
}

export interface WrittenKeyFiles {
  privatePath: string;
  publicPath: string;
}

/** Writes `path` through the shared atomic writer; with `exclusive`, an existing file is a key-exists error. */
function writeKeyFile(path: string, data: string, mode: number, exclusive: boolean): void {
  try {
    writeFileAtomic(path, data, { mode, exclusive });
  } catch (err) {
    if (exclusive && errnoCode(err) === 'EEXIST') throw keyExists(path);
    throw err;
  }
}

function keyExists(path: string): KeyError {
  return new KeyError('key-exists', `Key file ${path} already exists`, { subject: path, hint: 'Use --force to overwrite it' });
}

/**
 * Writes `signing_key` (mode 0600) and `signing_key.pub` in `dir`, creating `dir` (0700) if needed.
 * Without `force`, refuses with `key-exists` when either file is present.
 */
export async function writeKeyFiles(
  dir: string,
  pem: string,
  publicLine: string,
  options: { force?: boolean } = {},
): Promise<WrittenKeyFiles> {
  const privatePath = join(dir, PRIVATE_KEY_FILE);
  const publicPath = join(dir, PUBLIC_KEY_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pubText = publicLine.endsWith('\n') ? publicLine : `${publicLine}\n`;
  if (options.force === true) {
    writeKeyFile(privatePath, pem, 0o600, false);
    writeKeyFile(publicPath, pubText, 0o644, false);
  } else {
    for (const p of [privatePath, publicPath]) {
      if (await exists(p)) throw keyExists(p);
    }
    writeKeyFile(privatePath, pem, 0o600, true);
    try {
      writeKeyFile(publicPath, pubText, 0o644, true);
    } catch (err) {
      // Leave no half-written key pair behind.
      await unlink(privatePath).catch(() => undefined);
      throw err;
    }
  }
  return { privatePath, publicPath };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}

function errnoCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return undefined;
}

async function readKeyFile(path: string): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'ENOENT') throw new KeyError('key-not-found', `Key file ${path} does not exist`, { subject: path });
    throw new KeyError('key-unreadable', `Cannot read key file ${path} (${code ?? 'error'})`, { subject: path });
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new KeyError('key-unreadable', `${path} is not a regular file`, { subject: path });
    // A public key given for signing is a mix-up, not a permissions problem (a .pub is world-readable).
    if (path.endsWith('.pub')) {
      throw new KeyError('not-a-private-key', `${path} is a public key`, { subject: path, hint: `give the private key: ${path.slice(0, -4)}` });
    }
    // Same rule as ssh: a private key of ours that group or others can read is refused.
    const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
    if (process.platform !== 'win32' && st.uid === uid && (st.mode & 0o077) !== 0) {
      const mode = (st.mode & 0o777).toString(8).padStart(4, '0');
      throw new KeyError('key-permissions', `Permissions ${mode} for ${path} are too open; the private key must not be accessible by others. Fix with: chmod 600 ${path}`, { subject: path, hint: `chmod 600 ${path}` },
      );
    }
    if (st.size > MAX_KEY_FILE_BYTES) throw new KeyError('not-a-private-key', `${path} is too large to be a key file`, { subject: path });
    const buf = await handle.readFile();
    return buf.toString('utf8');
  } catch (err) {
    if (err instanceof KeyError) throw err;
    throw new KeyError('key-unreadable', `Cannot read key file ${path} (${errnoCode(err) ?? 'error'})`, { subject: path });
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function pemLabel(text: string): string | null {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
  return m === null ? null : (m[1] ?? null);
}

/**
 * Loads an Ed25519 signing key from `path`: our PKCS#8 PEM (plain, or encrypted, in which case
 * `passphrase` is asked), or an unencrypted OpenSSH private key. Throws KeyError.
 */
export async function loadPrivateKeyFile(path: string, passphrase?: () => Promise<string>): Promise<SigningKey> {
  const text = await readKeyFile(path);
  const label = pemLabel(text);
  switch (label) {
    case 'OPENSSH PRIVATE KEY':
      return signingKeyFromKeyObject(parseOpensshPrivateKey(text, path));
    case 'PRIVATE KEY':
      return signingKeyFromKeyObject(importPkcs8(text, path, undefined));
    case 'ENCRYPTED PRIVATE KEY': {
      if (passphrase === undefined) {
        throw new KeyError('passphrase-required', `Key file ${path} is protected by a passphrase`, { subject: path });
      }
      return signingKeyFromKeyObject(importPkcs8(text, path, await passphrase()));
    }
    case 'RSA PRIVATE KEY':
    case 'EC PRIVATE KEY':
    case 'DSA PRIVATE KEY':
      throw new KeyError('unsupported-key', `Key file ${path} is not an Ed25519 key; only Ed25519 is supported`, { subject: path,
        hint: 'Create one with: leertuin keygen (or ssh-keygen -t ed25519)',
      });
    default:
      if (/^(ssh-|ecdsa-|sk-)\S+ [A-Za-z0-9+/=]+/.test(text.trim())) {
        throw new KeyError('not-a-private-key', `${path} is a public key, not a private key`, { subject: path,
          hint: 'Give the private key file, or load the key in ssh-agent',
        });
      }
      throw new KeyError('not-a-private-key', `${path} is not a private key file`, { subject: path });
  }
}

function importPkcs8(pem: string, path: string, passphrase: string | undefined): KeyObject {
  let key: KeyObject;
  try {
    key = passphrase === undefined
      ? createPrivateKey({ key: pem, format: 'pem' })
      : createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch (err) {
    // With the wrong passphrase decryption may fail at padding or, rarely, at ASN.1 parsing.
    if (passphrase !== undefined) throw new KeyError('bad-passphrase', `Wrong passphrase for key file ${path}`, { subject: path });
    throw new KeyError('invalid-key', `Key file ${path} is damaged or not a valid private key`, { subject: path, cause: err });
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new KeyError('unsupported-key', `Key file ${path} holds a ${key.asymmetricKeyType ?? 'unknown'} key; only Ed25519 is supported`, { subject: path });
  }
  return key;
}

function ed25519FromSeed(seed: Buffer): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Parses an openssh-key-v1 file holding one unencrypted ssh-ed25519 key (see OpenSSH PROTOCOL.key). */
export function parseOpensshPrivateKey(text: string, path: string): KeyObject {
  const invalid = (why: string): KeyError => new KeyError('invalid-key', `Key file ${path} is not a valid OpenSSH key: ${why}`, { subject: path });
  const m = /-----BEGIN OPENSSH PRIVATE KEY-----([\s\S]*?)-----END OPENSSH PRIVATE KEY-----/.exec(text);
  if (m === null) throw invalid('missing PEM markers');
  const blob = decodeBase64Strict((m[1] ?? '').replace(/\s+/g, ''));
  if (blob === null) throw invalid('bad base64');
  try {
    const r = new SshReader(blob);
    if (!r.bytes(OPENSSH_MAGIC.length).equals(OPENSSH_MAGIC)) throw invalid('bad magic');
    const cipher = r.text();
    const kdf = r.text();
    r.string(); // kdf options
    if (cipher === 'none' && kdf !== 'none') throw invalid('key derivation without a cipher');
    if (cipher !== 'none') {
      throw new KeyError('encrypted-openssh-key', `Key file ${path} is a passphrase-protected OpenSSH key, which leertuin cannot read`, { subject: path,
        hint: `Load it in ssh-agent with: ssh-add ${path}`,
      });
    }
    const nkeys = r.u32();
    if (nkeys !== 1) throw new KeyError('unsupported-key', `Key file ${path} holds ${nkeys} keys; expected one`, { subject: path });
    const outerPublic = r.string();
    const priv = new SshReader(r.string());
    r.end();

    const check1 = priv.u32();
    const check2 = priv.u32();
    if (check1 !== check2) throw invalid('check bytes differ');
    const keyType = priv.text();
    if (keyType !== ED25519_KEY_TYPE) {
      throw new KeyError('unsupported-key', `Key file ${path} holds a ${keyType} key; only ssh-ed25519 is supported`, { subject: path,
        hint: 'Create one with: leertuin keygen (or ssh-keygen -t ed25519)',
      });
    }
    const pub = priv.string();
    const secret = priv.string();
    priv.string(); // comment
    const padding = priv.bytes(priv.remaining);
    if (pub.length !== 32 || secret.length !== 64) throw invalid('wrong key sizes');
    if (!padding.every((b, i) => b === i + 1)) throw invalid('bad padding');
    if (!outerPublic.equals(publicKeyBlob(pub)) || !secret.subarray(32).equals(pub)) throw invalid('public key mismatch');

    const key = ed25519FromSeed(Buffer.from(secret.subarray(0, 32)));
    if (!rawPublicKey(createPublicKey(key)).equals(pub)) throw invalid('private and public halves do not match');
    return key;
  } catch (err) {
    if (err instanceof WireError) throw invalid(err.message);
    throw err;
  }
}
