import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { PACK_MANIFEST, PACK_NAMESPACE, PACK_SIGNATURE, PACK_SIGNERS, PACK_FORMAT_VERSION, checkPack, packSignerLine, renderManifest } from '../afspraken/pack.js';
import { matchesAfspraak } from '../afspraken/register.js';
import { Catalog } from '../dilemma/catalog.js';
import { readRecordFile, recordFiles } from '../record/files.js';
import { RecordFormatError, readFrontMatterData, splitRecord, validateFrontMatter } from '../record/parse.js';
import { WORKSHOP_KIND, workshopRecordSchema } from '../workshop/model.js';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { recordClock } from '../record/clock.js';
import { checkTrust, signSshsig } from '../signing/index.js';
import { randomBytes, sha256Hex } from '../platform/crypto.js';
import type { Context } from './context.js';
import { argument, badOption, defineCommand, option, type OptionValues } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { loadAllowedSigners, obtainSigner } from './shared/signing.js';

const PACK_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const OPTIONS = {
  id: option.checked('<id>', (value, flag) => {
    if (!PACK_ID.test(value)) throw badOption(flag, t('pack.badId'));
    return value;
  }),
  packVersion: option.valueOr('<version>', '1'),
  key: sharedOption.key,
  trust: option.flag(),
  allowedSigners: sharedOption.allowedSigners,
};
type Options = OptionValues<typeof OPTIONS>;

/** A name for the pack made from the organisation ("Leertuin Zeeland" -> leertuin-zeeland). */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * The signed workshop records in which the project's afspraken were made (same choices, same
 * outcome): they travel with the pack, so a region's afspraak shows who agreed, signed.
 */
function agreeingWorkshops(catalog: Catalog, recordsDir: string): string[] {
  if (!existsSync(recordsDir)) return [];
  const agreed = new Map(catalog.dilemmas().filter((d) => !d.bundled && d.file.afspraak).map((d) => [d.pin.id, d.file.afspraak!]));
  const found: string[] = [];
  for (const file of recordFiles([recordsDir], recordsDir)) {
    const read = readRecordFile(file);
    if ('reason' in read || !/^[0-9a-z-]{1,120}\.md$/.test(basename(file))) continue;
    try {
      const parsed = splitRecord(read.text);
      const data = readFrontMatterData(parsed) as { kind?: unknown };
      if (data?.kind !== WORKSHOP_KIND || parsed.signatures.length === 0) continue;
      const workshop = validateFrontMatter(data, workshopRecordSchema());
      const afspraak = agreed.get(workshop.dilemma.id);
      if (afspraak && matchesAfspraak(workshop, afspraak)) found.push(file);
    } catch (error) {
      // Not a record this tool can read: `verify` reports it; a pack simply leaves it out.
      if (!(error instanceof RecordFormatError)) throw error;
    }
  }
  return found;
}

/** `pack create <dir>`: the project's own dilemmas and kaders, a manifest with their hashes, signed. */
async function create(ctx: Context, target: string, options: Options): Promise<number> {
  const config = ctx.config(options.key ? { key: options.key } : {});
  const catalog = Catalog.of(config);
  const own = catalog.entries().filter((e) => !e.bundled);
  if (own.length === 0) throw new LeertuinError('pack-empty', t('pack.empty'), { hint: t('pack.emptyHint') });
  // Only what loads and checks goes out: a region never publishes a broken tree.
  for (const entry of own) {
    if (entry.kind === 'kader') catalog.kader(entry.id);
    else catalog.dilemma(entry.path);
  }
  const dir = resolve(ctx.cwd, target);
  // A fresh clone may hold .git and the like; anything else could be overwritten, so it is refused.
  if (existsSync(dir) && readdirSync(dir).some((name) => !name.startsWith('.'))) throw new LeertuinError('pack-exists', t('pack.targetNotEmpty', { dir: target }), { hint: t('pack.targetHint') });
  const organisation = config.organisation.value ?? basename(config.projectFile ? dirname(config.projectFile) : ctx.cwd);
  const id = options.id ?? (slug(organisation) || slug(basename(dir)));
  if (!id) throw badOption('--id', t('pack.badId'));
  const signer = await obtainSigner(ctx, config, options.key);
  const files = [
    ...own.map((e) => ({ path: `dilemmas/${e.kind === 'kader' ? 'kaders/' : ''}${e.id}.yaml`, bytes: readFileSync(e.path) })),
    ...agreeingWorkshops(catalog, config.records.value).map((file) => ({ path: `records/${basename(file)}`, bytes: readFileSync(file) })),
  ].map((f) => ({ ...f, sha256: sha256Hex(f.bytes) }));
  const manifest = renderManifest({
    leertuin_pack: PACK_FORMAT_VERSION,
    id,
    organisation,
    version: options.packVersion,
    created: recordClock(ctx.env).now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    signer: { principal: signer.principal, key: signer.fingerprint },
    files: files.map((f) => ({ path: f.path, sha256: f.sha256 })),
  });
  const signature = await signSshsig(Buffer.from(manifest, 'utf8'), signer.key, PACK_NAMESPACE);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.bytes, { flag: 'wx' });
  }
  writeFileSync(join(dir, PACK_SIGNERS), `${packSignerLine(signer.principal, signer.key.publicKey)}\n`, { flag: 'wx' });
  writeFileSync(join(dir, PACK_MANIFEST), manifest, { flag: 'wx' });
  writeFileSync(join(dir, PACK_SIGNATURE), signature, { flag: 'wx' });
  if (ctx.options.json) ctx.outJson({ ok: true, pack: dir, id, files: files.map((f) => f.path) });
  else ctx.out(dir);
  ctx.say(ctx.style.ok('✓ ') + t('pack.created', { id, count: files.length, dir: target }));
  return 0;
}

/**
 * `pack add <dir>`: checks the pack (signature, its signer in the pack's allowed_signers and in the
 * project's, every file's hash) and copies it whole into `packs/<id>/` of the project, overwriting
 * nothing. With `--trust`, a signer the project does not know yet is added, for packs only.
 */
async function add(ctx: Context, source: string, options: Options): Promise<number> {
  const config = ctx.config(options.allowedSigners ? { allowedSigners: options.allowedSigners } : {});
  const pack = checkPack(resolve(ctx.cwd, source));
  const { manifest } = pack;
  for (const file of pack.unlisted) ctx.warn(t('pack.unlisted', { file }));
  const projectDir = config.projectFile ? dirname(config.projectFile) : ctx.cwd;
  const target = join(projectDir, 'packs', manifest.id);
  const shown = (path: string) => relative(ctx.cwd, path).split(sep).join('/') || path;
  if (existsSync(target)) throw new LeertuinError('pack-exists', t('pack.exists', { dir: shown(target) }), { hint: t('pack.existsHint') });

  const trust = loadAllowedSigners(ctx, config);
  const query = { principal: manifest.signer.principal, publicKey: pack.publicKey, namespace: PACK_NAMESPACE, at: new Date(manifest.created) };
  const trusted = trust.entries !== undefined && checkTrust(trust.entries, query).trusted;
  const line = packSignerLine(manifest.signer.principal, pack.publicKey);
  if (!trusted) {
    if (!options.trust) {
      throw new LeertuinError('pack-untrusted', t('pack.untrusted', { principal: manifest.signer.principal, key: manifest.signer.key }), { exitCode: 1, hint: t('pack.untrustedHint', { line }) });
    }
    const signersFile = trust.path ?? join(projectDir, 'allowed_signers');
    const existing = existsSync(signersFile) ? readFileSync(signersFile, 'utf8') : '';
    appendFileSync(signersFile, `${existing === '' || existing.endsWith('\n') ? '' : '\n'}${line}\n`);
    ctx.say(t('pack.trustAdded', { file: shown(signersFile) }));
    ctx.say(`  ${line}`);
  }

  // Written beside the target and renamed into place: a failure leaves no half pack, and an existing one is never replaced.
  const staging = join(projectDir, 'packs', `.${manifest.id}.${randomBytes(4).toString('hex')}`);
  mkdirSync(staging, { recursive: true });
  try {
    for (const [path, bytes] of pack.files) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), bytes, { flag: 'wx' });
    }
    writeFileSync(join(staging, PACK_MANIFEST), pack.manifestText, { flag: 'wx' });
    writeFileSync(join(staging, PACK_SIGNATURE), pack.signature, { flag: 'wx' });
    writeFileSync(join(staging, PACK_SIGNERS), `${line}\n`, { flag: 'wx' });
    // The pack folder is a small project of its own: `leertuin afspraken --compare packs/<id>` reads it as the region's.
    writeFileSync(join(staging, '.leertuin.yaml'), `organisation: ${JSON.stringify(manifest.organisation)}\ndilemmas: ["dilemmas"]\n`, { flag: 'wx' });
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY' || (error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new LeertuinError('pack-exists', t('pack.exists', { dir: shown(target) }), { hint: t('pack.existsHint') });
    }
    throw error;
  }
  if (ctx.options.json) ctx.outJson({ ok: true, pack: shown(target), id: manifest.id, organisation: manifest.organisation, signer: manifest.signer, files: [...pack.files.keys()] });
  else ctx.out(shown(target));
  ctx.say(ctx.style.ok('✓ ') + t('pack.added', { id: manifest.id, organisation: manifest.organisation, count: pack.files.size, dir: shown(target) }));
  ctx.say(`  ${t('pack.addedNext', { dir: shown(target) })}`);
  return 0;
}

/** `leertuin pack create|add <dir>`: publish the project's dilemmas and afspraken as a signed pack, or take one in. */
export default defineCommand({
  args: { action: argument.choice(['create', 'add'], { help: 'cmd.pack.action' }), dir: argument.required({ help: 'cmd.pack.dir' }) },
  options: OPTIONS,
  examples: ['leertuin pack create ../pakket', 'leertuin pack add ../pakket'],
  async run(ctx, { action, dir }, options) {
    if (action === 'create') return create(ctx, dir, options);
    return add(ctx, dir, options);
  },
});
