import { extname, relative, resolve, sep } from 'node:path';
import { Catalog } from '../dilemma/catalog.js';
import { treeIndex } from '../dilemma/tree-index.js';
import { LeertuinError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { recordFiles } from '../record/files.js';
import { warnSkipped } from './shared/skipped.js';
import { BREAKDOWNS, ReviewAggregator } from '../review/aggregate.js';
import { checkFailOn, parseFailOn } from '../review/fail-on.js';
import { DEFAULT_FORMAT, REVIEW_FORMAT_NAMES, REVIEW_FORMATS, type ReviewFormat, type ReviewFormatName, type RowRenderer } from '../review/formats/index.js';
import { PLAIN_STYLE } from '../platform/style.js';
import { Progress } from '../review/progress.js';
import { atomicFileSink, streamSink, type Sink } from '../review/sink.js';
import { writeFileAtomic } from '../platform/atomic.js';
import type { Context } from './context.js';
import { argument, defineCommand, option, type OptionValues } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { verifyMany } from '../verify/batch.js';
import { verifySetup } from './verify.js';
import { terminalWidth } from '../platform/wrap.js';

const OPTIONS = {
  format: option.choice(REVIEW_FORMAT_NAMES),
  out: sharedOption.reportOut,
  anonymous: option.flag(),
  includeUnverified: sharedOption.includeUnverified,
  failOn: option.repeatable('<condition>'),
  allowedSigners: sharedOption.allowedSigners,
  by: option.choiceOr(BREAKDOWNS, 'domain', '<breakdown>'),
};
type Options = OptionValues<typeof OPTIONS>;

const formatNamed = (name: ReviewFormatName): ReviewFormat => REVIEW_FORMATS.find((format) => format.name === name)!;

/**
 * The format: --format; else JSON with --json; else what the --out file's extension says; else a
 * table on a terminal and Markdown when stdout is a file or a pipe (readable as text, and a handout).
 */
function chooseFormat(ctx: Context, options: Options): ReviewFormat {
  if (options.format) {
    if (ctx.options.json && options.format !== 'json' && !options.out) {
      throw new LeertuinError('json-needs-out', t('review.jsonNeedsOut', { format: options.format }), { hint: t('review.jsonNeedsOutHint') });
    }
    return formatNamed(options.format);
  }
  if (ctx.options.json && !options.out) return formatNamed('json');
  const extension = options.out ? extname(options.out).toLowerCase() : undefined;
  const byExtension = extension ? REVIEW_FORMATS.find((format) => format.extensions.includes(extension)) : undefined;
  if (byExtension) return byExtension;
  if (ctx.options.json) return formatNamed('json');
  return formatNamed(ctx.stdout.isTTY ? DEFAULT_FORMAT.terminal : DEFAULT_FORMAT.other);
}

function writeFailed(file: string, error: unknown): LeertuinError {
  const reason = (error as NodeJS.ErrnoException).code ?? String(error);
  return new LeertuinError('write-failed', t('record.writeFailed', { file, reason }), { hint: t('record.writeFailedHint'), cause: error });
}

/** `leertuin review <paths...>`: aggregates verified records per dilemma and tree version, in one of six formats. */
export default defineCommand({
  args: { paths: argument.any() },
  options: OPTIONS,
  examples: ['leertuin review records/', 'leertuin review records/ --out overzicht.html'],
  async run(ctx, { paths }, options) {
    if (options.by === 'organisation' && options.anonymous) throw new LeertuinError('by-anonymous', t('review.byAnonymous'), { hint: t('review.byAnonymousHint') });
    const conditions = parseFailOn(options.failOn);
    const format = chooseFormat(ctx, options);
    // Without a path: the records folder of the project (or the configured one).
    const given = paths;
    const files = given.length > 0 ? given : [ctx.config().records.value];
    const outPath = options.out ? resolve(ctx.cwd, options.out) : undefined;
    const catalog = Catalog.of(ctx.config());
    const aggregator = new ReviewAggregator({
      language: language(),
      anonymous: options.anonymous,
      includeUnverified: options.includeUnverified,
      by: options.by,
      // Only the formats that show motivations keep them, and only as many as they show.
      motivationCap: format.motivations,
      findTree: treeIndex(catalog),
      findDilemma: (id) => {
        try {
          return catalog.dilemma(id);
        } catch (error) {
          if (error instanceof LeertuinError) return undefined;
          throw error;
        }
      },
    });
    const shown = (file: string) => relative(ctx.cwd, file).split(sep).join('/') || file;

    // One directory walk gives both the work and the progress bar's total; each file remembers the
    // folder it was found under, its project for `--by project`.
    const projectOf = new Map<string, string>();
    const skipped = warnSkipped(ctx);
    const recordPaths = files.flatMap((given) => {
      const found = [...recordFiles([given], ctx.cwd, skipped)];
      // The folder as the trainer named it ("regio-noord/records"): two projects' records folders share a name.
      for (const file of found) projectOf.set(file, shown(resolve(ctx.cwd, given)));
      return found;
    });
    const showProgress = Boolean(ctx.stderr.isTTY) && !ctx.options.quiet && !ctx.options.json;
    const progress = showProgress ? new Progress(ctx.stderr, t('review.progress'), recordPaths.length) : undefined;
    // A streaming format writes each counted record's rows as it is read; the others render the aggregate at the end.
    let streaming: { rows: RowRenderer; sink: Sink } | undefined;
    if (format.streams) {
      const rows = await format.load();
      try {
        streaming = { rows, sink: outPath ? atomicFileSink(outPath) : streamSink(ctx.stdout) };
      } catch (error) {
        throw writeFailed(options.out!, error);
      }
    }
    const whole = format.streams ? undefined : await format.load();
    try {
      streaming?.sink.write(streaming.rows.header());
      // The same verification as `verify`, but on this thread: here the aggregation is the slow part, and
      // copying every front matter back from workers cost more than it saved (100,000 records: 38 s and
      // 337 MB on two workers against 35 s and 189 MB on one thread).
      for await (const verdict of verifyMany(recordPaths, verifySetup(ctx, options.allowedSigners), { threads: 1, keepRecords: true })) {
        const project = projectOf.get(verdict.file);
        const input = { ...verdict, file: shown(verdict.file), ...(project !== undefined ? { project } : {}) };
        if (aggregator.add(input) && streaming) streaming.sink.write(streaming.rows.rows({ ...input, record: verdict.record! }, options.anonymous));
        progress?.tick();
      }
    } catch (error) {
      streaming?.sink.abort();
      throw error;
    } finally {
      progress?.done();
    }

    const report = aggregator.finish();
    const met = checkFailOn(report, conditions);
    const failOn = conditions.length > 0 ? { conditions: conditions.map((c) => c.text), met } : undefined;
    if (streaming) {
      try {
        streaming.sink.close();
      } catch (error) {
        throw writeFailed(options.out!, error);
      }
    }
    if (whole) {
      const paint = format.terminal && !outPath ? ctx.outStyle : PLAIN_STYLE;
      const text = whole.render(report, { paint, width: terminalWidth(ctx.stdout, ctx.env), ...(failOn ? { failOn } : {}) });
      if (outPath) {
        try {
          writeFileAtomic(outPath, text);
        } catch (error) {
          throw writeFailed(options.out!, error);
        }
      } else ctx.stdout.write(text);
    }

    if (ctx.options.json && outPath) {
      ctx.outJson({ ok: met.length === 0, out: shown(outPath), format: format.name, totals: report.totals, ...(failOn ? { fail_on: failOn } : {}) });
    }
    if (report.totals.files === 0) ctx.say(t('verify.none'));
    if (report.totals.flagged > 0) ctx.warn(t('review.flaggedWarning', { count: report.totals.flagged, excluded: report.totals.excluded }));
    if (outPath) ctx.say(ctx.style.ok('✓ ') + t('review.written', { file: shown(outPath) }));
    if (met.length === 0) return 0;
    if (!ctx.options.json) ctx.stderr.write(`leertuin: ${t('review.failed', { reasons: met.map((m) => m.reason).join('; ') })}\n`);
    return 1;
  },
});
