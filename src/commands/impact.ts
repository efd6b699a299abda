import { relative, sep } from 'node:path';
import { Catalog } from '../dilemma/catalog.js';
import { language, t } from '../i18n/index.js';
import { IMPACT_FAIL_ON, ImpactBuilder, formatImpactMarkdown, formatImpactTable, type ImpactFailOn } from '../impact/report.js';
import { loadTreeVersion } from '../impact/source.js';
import { recordFiles } from '../record/files.js';
import { verifyMany } from '../verify/batch.js';
import { argument, badOption, defineCommand, option } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { threadLimit, verifySetup } from './verify.js';

function parseFailOn(values: readonly string[]): ImpactFailOn[] {
  const conditions = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  const unknown = conditions.find((c) => !(IMPACT_FAIL_ON as readonly string[]).includes(c));
  if (unknown !== undefined) throw badOption('--fail-on', t('impact.failOnUnknown', { value: unknown }));
  return [...new Set(conditions)] as ImpactFailOn[];
}

/**
 * `leertuin impact <old> <new> [records...]`: what changed between two versions of a tree, and for
 * each record whether replaying its answers on the new tree changes its outcome or breaks its path.
 */
export default defineCommand({
  args: { old: argument.required(), new: argument.required(), records: argument.any() },
  options: { format: option.choice(['table', 'md', 'json']), failOn: option.repeatable('<condition>'), allowedSigners: sharedOption.allowedSigners },
  examples: ['leertuin impact mag-ik-delen@HEAD~1 mag-ik-delen records/'],
  async run(ctx, { old: oldRef, new: newRef, records: paths }, options) {
    const failOn = parseFailOn(options.failOn);
    const format = options.format ?? (ctx.options.json ? 'json' : ctx.stdout.isTTY ? 'table' : 'md');
    const catalog = Catalog.of(ctx.config());
    const before = loadTreeVersion(catalog, oldRef, ctx.cwd);
    const after = loadTreeVersion(catalog, newRef, ctx.cwd);
    const builder = new ImpactBuilder(before, after, language());
    const shown = (file: string) => relative(ctx.cwd, file).split(sep).join('/') || file;
    const files = [...recordFiles(paths, ctx.cwd)];
    if (files.length > 0) {
      // Records are read as verify reads them (on as many threads); an untrusted or changed one is still counted, with its status.
      for await (const verdict of verifyMany(files, verifySetup(ctx, options.allowedSigners), { threads: threadLimit(ctx.env), keepRecords: true })) {
        builder.add(shown(verdict.file), verdict.status, verdict);
      }
    }
    const report = builder.finish();
    const met = failOn.filter((condition) => report.counts[condition] > 0);
    if (format === 'json') ctx.outJson({ ok: met.length === 0, ...report, ...(failOn.length > 0 ? { fail_on: { conditions: failOn, met } } : {}) });
    else ctx.stdout.write(format === 'md' ? formatImpactMarkdown(report) : formatImpactTable(report, ctx.outStyle));
    if (met.length === 0) return 0;
    if (!ctx.options.json) ctx.stderr.write(`leertuin: ${t('impact.failed', { reasons: met.map((c) => `${report.counts[c]} ${t(`impact.kind.${c}`)}`).join('; ') })}\n`);
    return 1;
  },
});
