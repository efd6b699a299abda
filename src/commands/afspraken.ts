import { existsSync } from 'node:fs';
import { basename, extname, relative, resolve, sep } from 'node:path';
import { compareAfspraken, type ProjectAfspraken } from '../afspraken/compare.js';
import { formatComparisonMarkdown, formatComparisonTable, formatRegisterMarkdown, formatRegisterTable } from '../afspraken/format.js';
import { formatRegisterHtml } from '../afspraken/format-html.js';
import { RegisterBuilder } from '../afspraken/register.js';
import { loadConfig } from '../config/config.js';
import { Catalog } from '../dilemma/catalog.js';
import { LeertuinError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { recordFiles } from '../record/files.js';
import { writeFileAtomic } from '../platform/atomic.js';
import { PLAIN_STYLE } from '../platform/style.js';
import { verifyMany } from '../verify/batch.js';
import type { Context } from './context.js';
import { argument, defineCommand, option, type OptionValues } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { verifySetup } from './verify.js';

const FORMATS = ['table', 'md', 'json', 'html'] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  format: option.choice(FORMATS),
  out: sharedOption.reportOut,
  compare: option.variadic('<folders...>'),
  fictitious: option.flag(),
  includeUnverified: sharedOption.includeUnverified,
  allowedSigners: sharedOption.allowedSigners,
};
type Options = OptionValues<typeof OPTIONS>;

const BY_EXTENSION: Record<string, Format> = { '.md': 'md', '.html': 'html', '.htm': 'html', '.json': 'json', '.txt': 'table' };

function chooseFormat(ctx: Context, options: Options): Format {
  if (options.format) return options.format;
  if (ctx.options.json) return 'json';
  const byExtension = options.out ? BY_EXTENSION[extname(options.out).toLowerCase()] : undefined;
  return byExtension ?? (ctx.stdout.isTTY && !options.out ? 'table' : 'md');
}

/** The dilemmas whose afspraken a register lists: real ones; fictitious practice examples (the bundled ones, init's) only when asked. */
function projectDilemmas(catalog: Catalog, fictitious: boolean) {
  return catalog.dilemmas().filter((d) => d.file.afspraak && (fictitious || !d.file.afspraak.fictitious));
}

/** Another project's afspraken, read from its folder as if the command ran there (its records are not needed). */
function otherProject(ctx: Context, folder: string, fictitious: boolean): ProjectAfspraken {
  const dir = resolve(ctx.cwd, folder);
  if (!existsSync(dir)) throw new LeertuinError('file-not-found', t('load.notFound', { file: folder }), { hint: t('afspraken.compareHint') });
  // The environment's folders belong to this project, not the other one.
  const { LEERTUIN_DILEMMAS: _d, LEERTUIN_RECORDS: _r, ...env } = ctx.env;
  const config = loadConfig({}, env, dir);
  const register = new RegisterBuilder(projectDilemmas(Catalog.of(config), fictitious), language()).finish();
  return { name: config.organisation.value ?? basename(dir), folder, register };
}

/**
 * `leertuin afspraken [records...]`: every agreed handling of the project with who agreed and when,
 * and how many records since then reached another outcome or deviated. `--compare <folder...>`:
 * the afspraken of two or more projects side by side.
 */
export default defineCommand({
  args: { records: argument.any() },
  options: OPTIONS,
  examples: ['leertuin afspraken', 'leertuin afspraken --out onze-afspraken.html'],
  async run(ctx, { records: paths }, options) {
    const format = chooseFormat(ctx, options);
    const shown = (file: string) => relative(ctx.cwd, file).split(sep).join('/') || file;
    let text: string;
    let json: unknown;
    if (options.compare) {
      if (format === 'html') throw new LeertuinError('bad-option', t('afspraken.compareNoHtml'), { hint: t('afspraken.compareHint') });
      const folders = options.compare.length === 1 ? ['.', ...options.compare] : options.compare;
      const comparison = compareAfspraken(folders.map((folder) => otherProject(ctx, folder, options.fictitious)));
      json = { ok: true, ...comparison };
      text = format === 'md' ? formatComparisonMarkdown(comparison) : format === 'table' ? formatComparisonTable(comparison, options.out ? PLAIN_STYLE : ctx.outStyle) : '';
    } else {
      const config = ctx.config();
      const builder = new RegisterBuilder(projectDilemmas(Catalog.of(config), options.fictitious), language(), options.includeUnverified);
      const given = paths;
      const sources = given.length > 0 ? given : existsSync(config.records.value) ? [config.records.value] : [];
      const files = [...recordFiles(sources, ctx.cwd)];
      for await (const verdict of verifyMany(files, verifySetup(ctx, options.allowedSigners), { threads: 1, keepRecords: true })) {
        builder.add({ ...verdict, file: shown(verdict.file) });
      }
      const register = builder.finish();
      for (const entry of register.entries) entry.dilemma.file = shown(entry.dilemma.file);
      json = { ok: true, ...register };
      text =
        format === 'md' ? formatRegisterMarkdown(register) : format === 'html' ? formatRegisterHtml(register) : format === 'table' ? formatRegisterTable(register, options.out ? PLAIN_STYLE : ctx.outStyle) : '';
    }
    if (format === 'json') text = `${JSON.stringify(json, null, 2)}\n`;
    if (options.out) {
      const out = resolve(ctx.cwd, options.out);
      try {
        writeFileAtomic(out, text);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? String(error);
        throw new LeertuinError('write-failed', t('record.writeFailed', { file: options.out, reason }), { hint: t('record.writeFailedHint'), cause: error });
      }
      if (ctx.options.json) ctx.outJson({ ok: true, out: shown(out), format });
      ctx.say(ctx.style.ok('✓ ') + t('review.written', { file: shown(out) }));
    } else if (format === 'json') ctx.outJson(json);
    else ctx.stdout.write(text);
    return 0;
  },
});
