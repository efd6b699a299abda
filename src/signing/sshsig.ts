// OpenSSH SSHSIG signatures (PROTOCOL.sshsig) over Ed25519, byte-compatible with `ssh-keygen -Y`.
import { createHash, createPublicKey, hash as hashOnce, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { KeyError } from './errors.js';
import { SshReader, WireError, decodeBase64Strict, sshString, u32 } from './wire.js';

export const ED25519_KEY_TYPE = 'ssh-ed25519';
const MAGIC = Buffer.from('SSHSIG', 'ascii');
const SIG_VERSION = 1;
const ARMOR_BEGIN = '-----BEGIN SSH SIGNATURE-----';
const ARMOR_END = '-----END SSH SIGNATURE-----';
// ssh-keygen wraps the base64 body at 70 columns.
const ARMOR_WIDTH = 70;
// DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it.
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKey {
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Buffer;
  /** Raw 64-byte Ed25519 signature over `data`. */
  sign(data: Buffer): Promise<Buffer>;
}

export type VerifyFailureCode =
  | 'malformed'
  | 'wrong-namespace'
  | 'unsupported-key'
  | 'unsupported-hash'
  | 'bad-signature';

export type VerifyResult =
  | { ok: true; publicKey: Buffer; fingerprint: string }
  | { ok: false; code: VerifyFailureCode; reason: string };

export type HashAlgorithm = 'sha256' | 'sha512';

function assertRawKey(raw: Buffer): void {
  if (!Buffer.isBuffer(raw) || raw.length !== 32) {
    throw new KeyError('invalid-key', 'An Ed25519 public key must be 32 bytes');
  }
}

/** The SSH wire blob of an Ed25519 public key: string "ssh-ed25519", string key. */
export function publicKeyBlob(raw: Buffer): Buffer {
  assertRawKey(raw);
  return Buffer.concat([sshString(ED25519_KEY_TYPE), sshString(raw)]);
}

/** `ssh-ed25519 AAAA... [comment]`, as in id_ed25519.pub and allowed_signers. */
export function publicKeyLine(raw: Buffer, comment?: string): string {
  const base = `${ED25519_KEY_TYPE} ${publicKeyBlob(raw).toString('base64')}`;
  if (comment === undefined || comment === '') return base;
  // A line break would split the key file into two lines.
  if (/[\r\n]/.test(comment)) throw new KeyError('invalid-key', 'A key comment cannot contain line breaks');
  return `${base} ${comment}`;
}

/** `SHA256:<base64 without padding>`, as `ssh-keygen -l` prints it. */
export function fingerprint(raw: Buffer): string {
  return fingerprintOfBlob(publicKeyBlob(raw));
}

export function fingerprintOfBlob(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export type ParsedKeyBlob =
  | { ok: true; keyType: string; publicKey: Buffer | null }
  | { ok: false; reason: string };

/**
 * Reads the key type of any SSH public key blob, and the raw key when it is Ed25519.
 * Other key types are returned with `publicKey: null` so callers can name them.
 */
export function parsePublicKeyBlob(blob: Buffer): ParsedKeyBlob {
  try {
    const r = new SshReader(blob);
    const keyType = r.text();
    if (keyType !== ED25519_KEY_TYPE) return { ok: true, keyType, publicKey: null };
    const key = r.string();
    r.end();
    if (key.length !== 32) return { ok: false, reason: 'Ed25519 public key is not 32 bytes' };
    return { ok: true, keyType, publicKey: Buffer.from(key) };
  } catch (err) {
    if (err instanceof WireError) return { ok: false, reason: `invalid public key blob: ${err.message}` };
    throw err;
  }
}

export interface PublicKeyInfo {
  publicKey: Buffer;
  comment: string;
}

/** Parses `ssh-ed25519 AAAA... [comment]`. Throws KeyError for other key types or bad input. */
export function parsePublicKeyLine(line: string): PublicKeyInfo {
  const trimmed = line.trim();
  const m = /^(\S+)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(trimmed);
  if (m === null) throw new KeyError('malformed-public-key', 'Not an OpenSSH public key line');
  const [, keyType = '', b64 = '', comment = ''] = m;
  const blob = decodeBase64Strict(b64);
  if (blob === null) throw new KeyError('malformed-public-key', 'The public key is not valid base64');
  const parsed = parsePublicKeyBlob(blob);
  if (!parsed.ok) throw new KeyError('malformed-public-key', parsed.reason);
  if (parsed.keyType !== keyType) {
    throw new KeyError('malformed-public-key', 'The key type does not match the encoded key');
  }
  if (parsed.publicKey === null) {
    throw new KeyError('unsupported-key', `Unsupported key type ${printable(keyType)}; only ssh-ed25519 is supported`);
  }
  return { publicKey: parsed.publicKey, comment: comment.trim() };
}

// Batch verification meets the same few signers over and over; a KeyObject and a fingerprint are not free.
const knownKeys = new Map<string, { key: KeyObject; fingerprint: string }>();
const KEY_CACHE_SIZE = 256;

function knownKey(raw: Buffer): { key: KeyObject; fingerprint: string } {
  assertRawKey(raw);
  const id = raw.toString('base64');
  let known = knownKeys.get(id);
  if (!known) {
    known = { key: createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' }), fingerprint: fingerprint(raw) };
    if (knownKeys.size >= KEY_CACHE_SIZE) knownKeys.delete(knownKeys.keys().next().value!);
    knownKeys.set(id, known);
  }
  return known;
}

/** Node KeyObject for a raw Ed25519 public key. */
export function ed25519PublicKeyObject(raw: Buffer): KeyObject {
  return knownKey(raw).key;
}

/**
 * The blob that is actually signed: magic, namespace, reserved (always empty), hash name, H(message).
 * A string message is hashed as its UTF-8 bytes.
 */
export function signedData(message: Uint8Array | string, namespace: string, hash: HashAlgorithm): Buffer {
  const digest = hashOnce(hash, message, 'buffer');
  // Written into one buffer: verify makes one of these for every signature it checks.
  const namespaceLength = Buffer.byteLength(namespace);
  const out = Buffer.allocUnsafe(MAGIC.length + 4 + namespaceLength + 4 + 4 + hash.length + 4 + digest.length);
  let at = MAGIC.copy(out, 0);
  at = out.writeUInt32BE(namespaceLength, at);
  at += out.write(namespace, at, 'utf8');
  at = out.writeUInt32BE(0, at);
  at = out.writeUInt32BE(hash.length, at);
  at += out.write(hash, at, 'latin1');
  at = out.writeUInt32BE(digest.length, at);
  digest.copy(out, at);
  return out;
}

function armor(blob: Buffer): string {
  const b64 = blob.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += ARMOR_WIDTH) lines.push(b64.slice(i, i + ARMOR_WIDTH));
  return `${ARMOR_BEGIN}\n${lines.join('\n')}\n${ARMOR_END}\n`;
}

/**
 * Signs `message` like `ssh-keygen -Y sign -n <namespace>` (hash sha512) and returns the armored
 * signature, byte-identical to what ssh-keygen writes for the same key.
 */
export async function signSshsig(message: Uint8Array, key: SigningKey, namespace: string): Promise<string> {
  if (typeof namespace !== 'string' || namespace.length === 0) {
    throw new KeyError('invalid-namespace', 'A signature namespace is required');
  }
  assertRawKey(key.publicKey);
  const hash: HashAlgorithm = 'sha512';
  const toSign = signedData(message, namespace, hash);
  const raw = await key.sign(toSign);
  if (!Buffer.isBuffer(raw) || raw.length !== 64) {
    throw new KeyError('sign-failed', 'The signer returned a signature of the wrong size');
  }
  // Catches a signer whose private half does not belong to the advertised public key.
  if (!cryptoVerify(null, toSign, ed25519PublicKeyObject(key.publicKey), raw)) {
    throw new KeyError('sign-failed', 'The signature does not verify with the signing key\'s public key');
  }
  const sigBlob = Buffer.concat([sshString(ED25519_KEY_TYPE), sshString(raw)]);
  const blob = Buffer.concat([
    MAGIC,
    u32(SIG_VERSION),
    sshString(publicKeyBlob(key.publicKey)),
    sshString(namespace),
    sshString(''),
    sshString(hash),
    sshString(sigBlob),
  ]);
  return armor(blob);
}

/** Quoted, truncated form of untrusted text, safe to put in a message. */
function printable(text: string): string {
  const short = text.length > 80 ? `${text.slice(0, 80)}...` : text;
  return JSON.stringify(short);
}

const BAD_SIGNATURE = 'The signature does not match the data (changed after signing, or a different key)';

function fail(code: VerifyFailureCode, reason: string): VerifyResult {
  return { ok: false, code, reason };
}

function dearmor(armored: string): Buffer | string {
  const text = armored.replace(/\r\n?/g, '\n').trim();
  if (!text.startsWith(ARMOR_BEGIN)) return 'missing "-----BEGIN SSH SIGNATURE-----" header';
  const end = text.indexOf(ARMOR_END, ARMOR_BEGIN.length);
  if (end < 0) return 'missing "-----END SSH SIGNATURE-----" footer';
  if (text.slice(end + ARMOR_END.length).trim() !== '') return 'unexpected text after the signature footer';
  const body = text.slice(ARMOR_BEGIN.length, end).replace(/[ \t\n]+/g, '');
  if (body === '') return 'empty signature body';
  const blob = decodeBase64Strict(body);
  return blob ?? 'the signature body is not valid base64';
}

/**
 * Verifies an armored SSHSIG signature over `message` in `namespace`. Never throws: any input
 * that is not a well-formed signature yields `malformed`. Accepts sha256 and sha512 like ssh-keygen.
 * This checks the signature only; whether the key is trusted is a separate question (checkTrust).
 */
export function verifySshsig(message: Uint8Array | string, armored: string, namespace: string): VerifyResult {
  const prepared = prepareSshsig(message, armored, namespace);
  return 'signature' in prepared ? settleSshsig(prepared, checkSignature(prepared)) : prepared;
}

/**
 * A well-formed signature, read, waiting for its expensive steps: hashing `message` and the Ed25519
 * check of `signature` with `key` (`publicKey` raw). Batch verification runs the check on another
 * thread while the next records are read; see verify/batch.ts.
 */
export interface PendingSignature {
  message: Uint8Array | string;
  namespace: string;
  hash: HashAlgorithm;
  key: KeyObject;
  signature: Buffer;
  publicKey: Buffer;
  fingerprint: string;
}

/** verifySshsig up to the Ed25519 check: a failure already found, or the check still to do. */
export function prepareSshsig(message: Uint8Array | string, armored: string, namespace: string): VerifyResult | PendingSignature {
  try {
    return prepareUnchecked(message, armored, namespace);
  } catch (err) {
    if (err instanceof WireError) return fail('malformed', `Malformed signature: ${err.message}`);
    return fail('malformed', 'Malformed signature');
  }
}

/** Hash and Ed25519 check of a prepared signature. */
export function checkSignature(pending: Pick<PendingSignature, 'message' | 'namespace' | 'hash' | 'key' | 'signature'>): boolean {
  return checkEd25519(signedData(pending.message, pending.namespace, pending.hash), pending.key, pending.signature);
}

/** The Ed25519 check of signed data. A key or signature node:crypto refuses counts as not valid. */
export function checkEd25519(signed: Uint8Array, key: KeyObject, signature: Uint8Array): boolean {
  try {
    return cryptoVerify(null, signed, key, signature);
  } catch {
    return false;
  }
}

/** The result of a prepared signature, once its Ed25519 check has answered. */
export function settleSshsig(pending: PendingSignature, valid: boolean): VerifyResult {
  if (!valid) return fail('bad-signature', BAD_SIGNATURE);
  return { ok: true, publicKey: pending.publicKey, fingerprint: pending.fingerprint };
}

function prepareUnchecked(message: Uint8Array | string, armored: string, namespace: string): VerifyResult | PendingSignature {
  if (typeof armored !== 'string') return fail('malformed', 'The signature is not text');
  const blob = dearmor(armored);
  if (typeof blob === 'string') return fail('malformed', `Malformed signature: ${blob}`);

  const r = new SshReader(blob);
  if (!r.bytes(MAGIC.length).equals(MAGIC)) return fail('malformed', 'Malformed signature: missing SSHSIG magic');
  const version = r.u32();
  if (version !== SIG_VERSION) return fail('malformed', `Unsupported signature version ${version}`);
  const keyBlob = r.string();
  const sigNamespace = r.text();
  r.string(); // reserved: ignored by ssh-keygen too
  const hash = r.text();
  const sigBlob = r.string();
  r.end();

  const key = parsePublicKeyBlob(keyBlob);
  if (!key.ok) return fail('malformed', `Malformed signature: ${key.reason}`);
  if (key.publicKey === null) {
    return fail('unsupported-key', `Unsupported key type ${printable(key.keyType)}; only ssh-ed25519 is supported`);
  }
  if (sigNamespace !== namespace) {
    return fail('wrong-namespace', `Signature namespace is ${printable(sigNamespace)}, expected ${printable(namespace)}`);
  }
  if (hash !== 'sha256' && hash !== 'sha512') {
    return fail('unsupported-hash', `Unsupported hash algorithm ${printable(hash)}`);
  }

  const sr = new SshReader(sigBlob);
  const sigType = sr.text();
  if (sigType !== ED25519_KEY_TYPE) {
    return fail('malformed', `Signature type ${printable(sigType)} does not match key type ssh-ed25519`);
  }
  const raw = sr.string();
  sr.end();
  if (raw.length !== 64) return fail('malformed', 'Malformed signature: Ed25519 signature is not 64 bytes');

  try {
    const known = knownKey(key.publicKey);
    return { message, namespace, hash, key: known.key, signature: raw, publicKey: key.publicKey, fingerprint: known.fingerprint };
  } catch {
    // A key node:crypto will not take cannot have made the signature.
    return fail('bad-signature', BAD_SIGNATURE);
  }
}
