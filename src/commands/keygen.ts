import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.js';
import { saveUserSettings } from '../config/user-config.js';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { RECORD_NAMESPACE } from '../record/signature.js';
import { KeyError, PUBLIC_KEY_FILE, fingerprint, generateSigningKey, parsePublicKeyLine, publicKeyLine, writeKeyFiles } from '../signing/index.js';
import type { Prompter } from '../terminal/prompts.js';
import type { Context } from './context.js';
import { badOption, defineCommand, option } from './define.js';
import { keyFailure } from './shared/key-failure.js';

/** A principal is one word as allowed_signers reads it: no spaces, quotes or control characters. */
const PRINCIPAL = /^[^\s"\u0000-\u001f\u007f-\u009f]+$/;

/** The line that makes a key trusted, in OpenSSH allowed_signers format. */
export function allowedSignersLine(principal: string, publicKey: Buffer): string {
  const safe = /^[^\s"]+$/.test(principal) ? principal : JSON.stringify(principal);
  return `${safe} namespaces="${RECORD_NAMESPACE}" ${publicKeyLine(publicKey)}`;
}

/**
 * Creates the signer identity: a principal (remembered in the user config) and, when needed, an
 * Ed25519 key in the user config folder (0600), optionally passphrase-protected.
 */
export async function createIdentity(
  ctx: Context,
  config: Config,
  options: { force: boolean; prompter?: Prompter; keyNeeded: boolean; principal?: string; passphrase?: string; announceLine?: boolean },
): Promise<{ principal: string; line?: string; fingerprint?: string; passphrase?: string }> {
  const { prompter } = options;
  let principal = options.principal ?? config.principal.value;
  if (!principal) {
    if (!prompter) throw new LeertuinError('no-principal', t('keygen.noPrincipal'), { hint: t('keygen.noPrincipalHint') });
    principal = (await prompter.text(t('keygen.principal'), { validate: (v) => (PRINCIPAL.test(v.trim()) ? true : t('keygen.principalInvalid')) })).trim();
  }
  saveUserSettings(config, { principal });
  if (!options.keyNeeded) return { principal };

  let passphrase = options.passphrase;
  if (passphrase === undefined && prompter) {
    ctx.say(ctx.style.dim(t('keygen.passphraseInfo')));
    for (;;) {
      passphrase = await prompter.password(t('keygen.passphrase'));
      if (passphrase === '' || (await prompter.password(t('keygen.passphraseAgain'))) === passphrase) break;
      ctx.say(ctx.style.error(t('keygen.passphraseMismatch')));
    }
  }
  const generated = generateSigningKey();
  const line = allowedSignersLine(principal, generated.publicKey);
  try {
    await writeKeyFiles(config.userDir, generated.privatePem(passphrase || undefined), publicKeyLine(generated.publicKey, principal), { force: options.force });
  } catch (error) {
    if (error instanceof KeyError) {
      const failure = keyFailure(error);
      throw new LeertuinError(failure.code, failure.message, { hint: t('keygen.forceHint') });
    }
    throw error;
  }
  ctx.say(ctx.style.ok(`✓ ${t('keygen.created', { dir: config.userDir })}`));
  ctx.say(`  ${t('keygen.fingerprint')}: ${fingerprint(generated.publicKey)}`);
  if (options.announceLine) {
    // In a walk nothing else shows the line: it goes on screen with what it is for.
    ctx.say(`  ${t('keygen.lineExplained')}`);
    ctx.say(`  ${line}`);
  } else ctx.say(`  ${t('keygen.pasteLine')}`);
  return { principal, line, fingerprint: fingerprint(generated.publicKey), ...(passphrase ? { passphrase } : {}) };
}

/** `keygen --show`: the allowed_signers line of the key there is, for a trainer to collect. */
function showLine(ctx: Context, config: Config): number {
  const path = join(config.userDir, PUBLIC_KEY_FILE);
  const principal = config.principal.value;
  if (!existsSync(path) || !principal) throw new LeertuinError('no-signing-key', t('keygen.noKeyToShow', { file: path }), { hint: t('keygen.noKeyToShowHint') });
  let publicKey: Buffer;
  try {
    ({ publicKey } = parsePublicKeyLine(readFileSync(path, 'utf8')));
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    throw new LeertuinError('bad-public-key', t('keygen.badPublicKey', { file: path }), { hint: t('keygen.noKeyToShowHint') });
  }
  const line = allowedSignersLine(principal, publicKey);
  if (ctx.options.json) ctx.outJson({ ok: true, principal, allowed_signers: line });
  else ctx.out(line);
  return 0;
}

/** `leertuin keygen`: create the signing key and print the allowed_signers line for it. */
export default defineCommand({
  options: {
    principal: option.checked('<name>', (value, flag) => {
      const principal = value.trim();
      if (!PRINCIPAL.test(principal)) throw badOption(flag, t('schema.principal'));
      return principal;
    }),
    force: option.flag(),
    passphraseFile: option.value('<file>'),
    show: option.flag(),
  },
  examples: ['leertuin keygen --principal naam@organisatie.nl >> allowed_signers', 'leertuin keygen --show'],
  async run(ctx, _args, options) {
    const config = ctx.config();
    if (options.show) return showLine(ctx, config);
    const passphrase = options.passphraseFile ? readFileSync(options.passphraseFile, 'utf8').replace(/\r?\n$/, '') : undefined;
    const prompter = ctx.interactive ? (await import('../terminal/prompts.js')).createPrompter({ input: ctx.stdin, output: ctx.stderr }) : undefined;
    const created = await createIdentity(ctx, config, {
      force: options.force,
      keyNeeded: true,
      ...(prompter ? { prompter } : {}),
      ...(options.principal ? { principal: options.principal } : {}),
      ...(passphrase !== undefined ? { passphrase } : {}),
    });
    if (ctx.options.json) ctx.outJson({ ok: true, principal: created.principal, fingerprint: created.fingerprint, allowed_signers: created.line });
    else ctx.out(created.line ?? '');
    return 0;
  },
});
