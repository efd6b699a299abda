import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Config } from '../../config/config.js';
import { LeertuinError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import { findSigningKey, type FoundKey } from '../../signing/signer.js';
import { KeyError, parseAllowedSigners, type AllowedSigner } from '../../signing/index.js';
import { readText } from '../../platform/read-text.js';
import type { Context } from '../context.js';
import { keyFailure } from './key-failure.js';
import type { Prompter } from '../../terminal/prompts.js';


export interface Signer extends FoundKey {
  principal: string;
}

/**
 * The key and principal to sign with. Without either, a terminal user is offered to create them
 * (through `keygen`); a script gets exit 2 with the command to run. With `optional`, a user who
 * declines gets undefined instead of an error.
 */
export async function obtainSigner(ctx: Context, config: Config, keyPath: string | undefined): Promise<Signer>;
export async function obtainSigner(ctx: Context, config: Config, keyPath: string | undefined, options: { optional: true }): Promise<Signer | undefined>;
export async function obtainSigner(ctx: Context, config: Config, keyPath: string | undefined, options?: { optional: true }): Promise<Signer | undefined> {
  // A passphrase just set for a new key opens it at once: nobody types it a third time.
  let justSet: string | undefined;
  const askPassphrase = async () => {
    if (justSet !== undefined) return justSet;
    if (!ctx.interactive) throw new LeertuinError('passphrase-required', t('key.passphrase-required'), { hint: t('key.agentHint') });
    const { createPrompter } = await import('../../terminal/prompts.js');
    return createPrompter({ input: ctx.stdin, output: ctx.stderr }).password(t('keygen.passphrase'));
  };
  const search = {
    keyPath: keyPath ?? config.key.value,
    preferAgent: config.agent.value,
    userDir: config.userDir,
    home: ctx.env.HOME || homedir(),
    env: ctx.env,
    passphrase: askPassphrase,
  };
  let found: FoundKey | undefined;
  try {
    found = await findSigningKey(search);
  } catch (error) {
    if (error instanceof KeyError) throw keyFailure(error);
    throw error;
  }
  let principal = config.principal.value;
  if (!found || !principal) {
    if (!ctx.interactive) {
      throw new LeertuinError('no-signing-key', found ? t('sign.noPrincipal') : t('sign.noKey'), { hint: t('sign.noKeyHint') });
    }
    const { createPrompter } = await import('../../terminal/prompts.js');
    const prompter = createPrompter({ input: ctx.stdin, output: ctx.stderr });
    if (!(await prompter.confirm(found ? t('sign.offerPrincipal') : t('sign.offerKey'), true))) {
      if (options?.optional) return undefined;
      throw new LeertuinError('no-signing-key', t('sign.noKey'), { hint: t('sign.noKeyOrUnsigned') });
    }
    const keygen = await import('../keygen.js');
    const created = await keygen.createIdentity(ctx, config, { force: false, prompter, keyNeeded: !found, announceLine: true });
    principal = created.principal;
    justSet = created.passphrase;
    if (created.line) await offerTrust(ctx, config, prompter, created.line);
    found ??= await findSigningKey(search);
    if (!found) throw new LeertuinError('no-signing-key', t('sign.noKey'), { hint: t('sign.noKeyHint') });
  }
  return { ...found, principal };
}

/**
 * After a first key: add its line to the project's allowed_signers, making the project with `init`
 * first when there is none, each after a yes, so `verify` of one's own record passes at once.
 */
async function offerTrust(ctx: Context, config: Config, prompter: Prompter, line: string): Promise<void> {
  const file = config.allowedSigners.value ?? (config.projectFile ? join(dirname(config.projectFile), 'allowed_signers') : undefined);
  if (file === undefined) {
    if (!(await prompter.confirm(t('sign.offerInit', { dir: ctx.cwd }), true))) return;
    // init writes allowed_signers with the key just made in it.
    await (await import('../init.js')).default.run(ctx, { dir: undefined }, { organisation: undefined, force: false });
    return;
  }
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  // The key itself (type and body) already there: nothing to add.
  if (before.includes(line.split(' ').slice(-2).join(' '))) return;
  if (!(await prompter.confirm(t('sign.offerTrust', { file }), true))) return;
  appendFileSync(file, `${before === '' || before.endsWith('\n') ? '' : '\n'}${line}\n`);
  ctx.say(ctx.style.ok(`✓ ${t('sign.trusted', { file })}`));
}

/**
 * The trusted signers: the configured allowed_signers file, else one beside `.leertuin.yaml`, in the
 * working folder, or in the user config folder. Undefined when there is none.
 */
export function loadAllowedSigners(ctx: Context, config: Config): { entries: AllowedSigner[] | undefined; path: string | undefined; text: string | undefined } {
  const candidates = [
    config.allowedSigners.value,
    config.projectFile ? join(config.projectFile, '..', 'allowed_signers') : undefined,
    join(ctx.cwd, 'allowed_signers'),
    join(config.userDir, 'allowed_signers'),
  ];
  const path = config.allowedSigners.value ?? candidates.find((p) => p !== undefined && existsSync(p));
  if (!path) return { entries: undefined, path: undefined, text: undefined };
  const text = readText(path);
  const parsed = parseAllowedSigners(text, path);
  // ssh-keygen's own wording of what is wrong (English) follows only with -v.
  for (const issue of parsed.errors) ctx.warn(`${issue.position}: ${t('allowedSigners.badLine')}${ctx.options.verbose ? ` (${issue.message})` : ''}`);
  return { entries: parsed.entries, path, text };
}
