import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { keyFailure } from './shared/key-failure.js';
import { dirname, join, resolve } from 'node:path';
import { initFiles, madeByInit, type PlannedFile } from '../authoring/scaffold.js';
import { LeertuinError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { KeyError, parsePublicKeyLine, PUBLIC_KEY_FILE } from '../signing/index.js';
import { writeFileAtomic } from '../platform/atomic.js';
import type { Context } from './context.js';
import { argument, defineCommand, option } from './define.js';
import { allowedSignersLine } from './keygen.js';

/**
 * The user's own line for allowed_signers, when they have a leertuin key: the principal from the
 * configuration, else the name in the public key file. Without a key there is nothing to trust yet.
 */
function ownSignerLine(ctx: Context): string | undefined {
  const config = ctx.config();
  const path = join(config.userDir, PUBLIC_KEY_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const key = parsePublicKeyLine(readFileSync(path, 'utf8'));
    const principal = config.principal.value ?? (key.comment || undefined);
    if (!principal) {
      ctx.warn(t('init.keyWithoutPrincipal', { file: path }));
      return undefined;
    }
    return allowedSignersLine(principal, key.publicKey);
  } catch (error) {
    if (!(error instanceof KeyError)) throw error;
    ctx.warn(t('init.keyUnreadable', { file: path, reason: keyFailure(error).message }));
    return undefined;
  }
}

/**
 * `leertuin init [dir]`: a leertuin repository ready for git. Nothing that exists is overwritten;
 * with --force, only files an earlier `init` made (they say so on their first line).
 */
export default defineCommand({
  args: { dir: argument.optional() },
  options: { organisation: option.text('<name>'), force: option.flag() },
  examples: ['leertuin init --organisation "Leertuin Zeeland"'],
  async run(ctx, { dir: dirArg }, options) {
    const dir = resolve(ctx.cwd, dirArg ?? '.');

    let organisation = options.organisation;
    if (organisation === undefined && ctx.interactive && !ctx.options.json) {
      const { createPrompter } = await import('../terminal/prompts.js');
      const answer = await createPrompter({ input: ctx.stdin, output: ctx.stderr }).text(t('init.askOrganisation'));
      organisation = answer.trim() || undefined;
    }
    const signerLine = ownSignerLine(ctx);
    const planned = initFiles({ language: language(), ...(organisation ? { organisation } : {}), ...(signerLine ? { signerLine } : {}) });

    const existing = planned.filter((f) => existsSync(join(dir, f.path)));
    const foreign = existing.filter((f) => !options.force || !madeByInit(readFileSync(join(dir, f.path), 'utf8')));
    if (foreign.length > 0) {
      const names = foreign.map((f) => f.path).join(', ');
      throw new LeertuinError('init-exists', t('init.exists', { dir, files: names }), {
        hint: options.force ? t('init.existsForeignHint') : t('init.existsHint'),
      });
    }

    const write = (file: PlannedFile) => {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileAtomic(path, file.content);
    };
    planned.forEach(write);
    for (const folder of ['records', 'dilemmas']) mkdirSync(join(dir, folder), { recursive: true });

    const overwritten = existing.map((f) => f.path);
    if (ctx.options.json) {
      ctx.outJson({ ok: true, dir, files: planned.map((f) => f.path), overwritten, signer: Boolean(signerLine) });
      return 0;
    }
    for (const file of planned) ctx.out(join(dir, file.path));
    ctx.say(ctx.style.ok(`✓ ${t('init.done', { dir })}`));
    if (overwritten.length > 0) ctx.say(`  ${t('init.overwritten', { files: overwritten.join(', ') })}`);
    ctx.say(`  ${signerLine ? t('init.signerAdded') : t('init.noSigner')}`);
    ctx.say(`  ${t('init.next')}`);
    return 0;
  },
});
