// The floor for `leertuin verify`: read every record and check its Ed25519 signature with
// node:crypto, nothing else (no trust, no schema, no replay). Usage: node floor-verify.js <dir>
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = '\n<!-- leertuin-signature\n';
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

function readString(buffer, offset) {
  const length = buffer.readUInt32BE(offset);
  return [buffer.subarray(offset + 4, offset + 4 + length), offset + 4 + length];
}

// Key objects are cached by key, as verify does: the floor should be as fast as the plain work allows.
const keys = new Map();

function check(text) {
  const at = text.indexOf(MARKER);
  if (at < 0) return false;
  const message = Buffer.from(text.slice(0, at + 1), 'utf8');
  const armored = text.slice(at + MARKER.length, text.indexOf('-----END', at));
  const blob = Buffer.from(armored.replace('-----BEGIN SSH SIGNATURE-----', '').replace(/\s+/g, ''), 'base64');
  let offset = 10; // "SSHSIG" + version
  let publicKey, namespace, reserved, hashAlg, signature;
  [publicKey, offset] = readString(blob, offset);
  [namespace, offset] = readString(blob, offset);
  [reserved, offset] = readString(blob, offset);
  [hashAlg, offset] = readString(blob, offset);
  [signature] = readString(blob, offset);
  const rawKey = readString(publicKey, readString(publicKey, 0)[1])[0];
  const rawSig = readString(signature, readString(signature, 0)[1])[0];
  const digest = createHash('sha512').update(message).digest();
  const u32 = (n) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const str = (b) => Buffer.concat([u32(b.length), b]);
  const signed = Buffer.concat([Buffer.from('SSHSIG'), str(namespace), str(reserved), str(hashAlg), str(digest)]);
  const id = rawKey.toString('base64');
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, rawKey]), format: 'der', type: 'spki' });
    keys.set(id, key);
  }
  return verify(null, signed, key, rawSig);
}

let ok = 0;
let total = 0;
for (const name of readdirSync(process.argv[2])) {
  if (!name.endsWith('.md')) continue;
  total++;
  if (check(readFileSync(join(process.argv[2], name), 'utf8'))) ok++;
}
process.stdout.write(`${ok}/${total}\n`);
