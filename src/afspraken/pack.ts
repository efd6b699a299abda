import { existsSync, lstatSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { treeSchemas } from '../dilemma/schema.js';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { checkTrust, parseAllowedSigners, publicKeyLine, verifySshsig } from '../signing/index.js';
import { sha256Hex } from '../platform/crypto.js';
import { filesUnder } from '../platform/files.js';
import { parseYaml, validate } from '../platform/yaml-source.js';
import { lazySchema, type Infer } from '../platform/zod.js';

/**
 * A pack: a folder (or git repository) in which a region publishes its dilemmas and afspraken.
 * The manifest lists every file with its SHA-256 and is signed like `ssh-keygen -Y sign -n
 * leertuin-pack` would sign it, so the signature also checks with ssh-keygen alone.
 */
export const PACK_MANIFEST = 'leertuin-pack.yaml';
export const PACK_SIGNATURE = `${PACK_MANIFEST}.sig`;
export const PACK_SIGNERS = 'allowed_signers';
export const PACK_NAMESPACE = 'leertuin-pack';
export const PACK_FORMAT_VERSION = 1;
/** Where a file in a pack may be: its dilemmas and kaders, each named by its id, and the workshop records of its afspraken. */
const PACK_FILE = /^(?:dilemmas\/(?:kaders\/)?[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?\.yaml|records\/[0-9a-z-]{1,120}\.md)$/;
const MAX_PACK_FILE = 2 * 1024 * 1024;

export const manifestSchema = lazySchema((z) =>
  z.strictObject({
    leertuin_pack: z.literal(PACK_FORMAT_VERSION),
    id: treeSchemas().id,
    organisation: z.string().min(1),
    version: z.string().min(1),
    created: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    signer: z.strictObject({ principal: z.string().min(1), key: z.string().regex(/^SHA256:/) }),
    files: z
      .array(z.strictObject({ path: z.string().regex(PACK_FILE, { error: () => t('schema.packFile') }), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
      .min(1),
  }),
);
export type PackManifest = Infer<typeof manifestSchema>;

/** The manifest as YAML: every string double-quoted (JSON strings are YAML), so every reader reads the same. */
export function renderManifest(m: PackManifest): string {
  const q = (s: string) => JSON.stringify(s);
  return [
    `leertuin_pack: ${m.leertuin_pack}`,
    `id: ${q(m.id)}`,
    `organisation: ${q(m.organisation)}`,
    `version: ${q(m.version)}`,
    `created: ${q(m.created)}`,
    `signer: {principal: ${q(m.signer.principal)}, key: ${q(m.signer.key)}}`,
    'files:',
    ...m.files.map((f) => `  - {path: ${q(f.path)}, sha256: ${q(f.sha256)}}`),
    '',
  ].join('\n');
}

/**
 * The allowed_signers line for a pack's signer: trusted for packs only (namespace leertuin-pack),
 * so trusting a region's pack never makes its key a trusted signer of records.
 */
export function packSignerLine(principal: string, publicKey: Buffer): string {
  return `${principal} namespaces="${PACK_NAMESPACE}" ${publicKeyLine(publicKey)}`;
}

/** A file's bytes, only when it is a regular file (not a link out of the pack) of a sensible size. */
export function readPackFile(dir: string, path: string): Buffer {
  const full = join(dir, path);
  const refuse = (reason: string) => new LeertuinError('pack-refused', t('pack.refusedFile', { file: full, reason }), { exitCode: 1, hint: t('pack.refusedHint') });
  if (!existsSync(full)) throw refuse(t('pack.missing'));
  const stat = lstatSync(full);
  if (!stat.isFile()) throw refuse(t('pack.notAFile'));
  if (stat.size > MAX_PACK_FILE) throw refuse(t('pack.tooLarge'));
  return readFileSync(full);
}

export interface CheckedPack {
  manifest: PackManifest;
  manifestText: string;
  /** The armored signature that was checked: what is copied, not a second read that may differ. */
  signature: string;
  /** The signer's raw public key, as the signature names it. */
  publicKey: Buffer;
  /** Every listed file's bytes, checked against the manifest. */
  files: Map<string, Buffer>;
  /** Files under dilemmas/ the manifest does not list: not signed, so never taken in. */
  unlisted: string[];
}

/**
 * Checks a pack as it comes in: the manifest's signature, made by a key its own allowed_signers
 * trusts for the named principal in namespace leertuin-pack; then every listed file against its
 * SHA-256. The first failure refuses the whole pack (exit 1), naming the file.
 */
export function checkPack(dir: string): CheckedPack {
  const manifestPath = join(dir, PACK_MANIFEST);
  const manifestText = readPackFile(dir, PACK_MANIFEST).toString('utf8');
  const manifest = validate(parseYaml(manifestText, manifestPath), manifestSchema(), 'pack-manifest', t('pack.refusedHint'));
  const refuse = (file: string, reason: string) => new LeertuinError('pack-refused', t('pack.refusedFile', { file: join(dir, file), reason }), { exitCode: 1, hint: t('pack.refusedHint') });

  const armored = readPackFile(dir, PACK_SIGNATURE).toString('utf8');
  const signature = verifySshsig(Buffer.from(manifestText, 'utf8'), armored, PACK_NAMESPACE);
  if (!signature.ok) {
    if (signature.code === 'bad-signature') throw refuse(PACK_MANIFEST, t('pack.badSignature'));
    throw refuse(PACK_SIGNATURE, t('pack.malformedSignature', { reason: signature.reason }));
  }
  if (signature.fingerprint !== manifest.signer.key) throw refuse(PACK_MANIFEST, t('pack.keyMismatch', { key: signature.fingerprint, named: manifest.signer.key }));
  const signersText = readPackFile(dir, PACK_SIGNERS).toString('utf8');
  const parsed = parseAllowedSigners(signersText, join(dir, PACK_SIGNERS));
  const trust = checkTrust(parsed.entries, { principal: manifest.signer.principal, publicKey: signature.publicKey, namespace: PACK_NAMESPACE, at: new Date(manifest.created) });
  if (!trust.trusted) throw refuse(PACK_SIGNERS, t('pack.signerNotListed', { principal: manifest.signer.principal, reason: trust.reason }));

  const files = new Map<string, Buffer>();
  for (const entry of manifest.files) {
    if (files.has(entry.path)) throw refuse(PACK_MANIFEST, t('pack.duplicate', { file: entry.path }));
    const bytes = readPackFile(dir, entry.path);
    if (sha256Hex(bytes) !== entry.sha256) throw refuse(entry.path, t('pack.hashMismatch'));
    files.set(entry.path, bytes);
  }
  const unlisted = [...filesUnder(['dilemmas'], dir, /\.ya?ml$/)].map((f) => relative(dir, f).split(sep).join('/')).filter((f) => !files.has(f));
  return { manifest, manifestText, signature: armored, publicKey: signature.publicKey, files, unlisted };
}
