import { basename } from 'node:path';
import { t } from '../i18n/index.js';
import type { MessageId } from '../i18n/nl.js';
import { oneLine } from '../platform/text.js';
import { recordFiles } from '../record/files.js';
import { warnSkipped } from './shared/skipped.js';
import { verifyMany, type FileVerdict, type VerifySetup } from '../verify/batch.js';
import { STATUSES, type RecordStatus } from '../verify/verify.js';
import type { Context } from './context.js';
import { argument, defineCommand, option } from './define.js';
import { sharedOption } from './shared/common-options.js';
import { loadAllowedSigners } from './shared/signing.js';

export type { FileVerdict };

/** The trust list and trees a verification uses, from the configuration. */
export function verifySetup(ctx: Context, allowedSigners?: string): VerifySetup {
  const config = ctx.config(allowedSigners ? { allowedSigners } : {});
  const trust = loadAllowedSigners(ctx, config);
  return {
    ...(trust.text !== undefined && trust.path ? { allowedSigners: { text: trust.text, path: trust.path } } : {}),
    dilemmaDirs: config.dilemmas.value,
  };
}

/** Why a record is not ok, in words, with the next step: by its code where that says more than its status. */
const EXPLAINED_CODES = {
  'no-allowed-signers': 'verify.why.noAllowedSigners',
  'body-mismatch': 'verify.why.bodyMismatch',
  'signature-removed': 'verify.why.signatureRemoved',
} as const satisfies Record<string, MessageId>;
const EXPLAINED_STATUSES = {
  untrusted: 'verify.why.untrusted',
  invalid: 'verify.why.invalid',
  malformed: 'verify.why.malformed',
  unsigned: 'verify.why.unsigned',
  unreplayable: 'verify.why.unreplayable',
  'replay-mismatch': 'verify.why.replayMismatch',
} as const satisfies Record<Exclude<RecordStatus, 'ok'>, MessageId>;

function explain(status: Exclude<RecordStatus, 'ok'>, code: string | undefined): string {
  const byCode = code !== undefined && Object.hasOwn(EXPLAINED_CODES, code) ? EXPLAINED_CODES[code as keyof typeof EXPLAINED_CODES] : undefined;
  return t(byCode ?? EXPLAINED_STATUSES[status]);
}

/** A warning for the person reading: `newer-version:<v>` in words; other codes as they are (stable for scripts). */
function describeWarning(warning: string): string {
  if (warning.startsWith('newer-version:')) return t('archive.newerVersion', { version: oneLine(warning.slice('newer-version:'.length)) });
  if (warning.startsWith('duplicate-of:')) return t('verify.duplicateOf', { file: oneLine(warning.slice('duplicate-of:'.length)) });
  if (warning === 'file-name-mismatch') return t('verify.fileNameMismatch');
  return oneLine(warning);
}

/** LEERTUIN_THREADS caps the worker threads (1: none), for shared machines. */
export function threadLimit(env: NodeJS.ProcessEnv): number | undefined {
  return /^[1-9]\d*$/.test(env.LEERTUIN_THREADS ?? '') ? Number(env.LEERTUIN_THREADS) : undefined;
}

/** `leertuin verify <paths...>`: signature, trust, schema and replay of every record; exit 0 only when all are ok. */
export default defineCommand({
  args: { paths: argument.some() },
  options: { allowUntrusted: option.flag(), allowUnknownTrees: option.flag(), allowedSigners: sharedOption.allowedSigners },
  examples: ['leertuin verify records/', 'leertuin verify records/ --json'],
  async run(ctx, { paths }, options) {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<RecordStatus, number>;
    const results: object[] = [];
    let overrides = 0;
    let unreplayablePassing = 0;
    const seen = new Map<string, string>();
    const style = ctx.outStyle;
    const colour: Record<RecordStatus, (s: string) => string> = {
      ok: style.ok,
      untrusted: style.warn,
      unsigned: style.warn,
      unreplayable: style.warn,
      'replay-mismatch': style.error,
      invalid: style.error,
      malformed: style.error,
    };
    const skipped: Parameters<typeof warnSkipped>[1] = [];
    const files = [...recordFiles(paths, ctx.cwd, warnSkipped(ctx, skipped))];
    const lines = ctx.outLines();
    try {
      for await (const verdict of verifyMany(files, verifySetup(ctx, options.allowedSigners), { threads: threadLimit(ctx.env), keepRecords: false })) {
        counts[verdict.status]++;
        // A copy under another name verifies like its original; the reader is told it is one record.
        if (verdict.id !== undefined) {
          const first = seen.get(verdict.id);
          if (first === undefined) seen.set(verdict.id, verdict.file);
          else verdict.warnings.push(`duplicate-of:${first}`);
          if (basename(verdict.file) !== `${verdict.id}.md`) verdict.warnings.push('file-name-mismatch');
        }
        if (verdict.status === 'unreplayable' && (options.allowUntrusted || verdict.signers.every((signer) => signer.trusted))) unreplayablePassing++;
        if (verdict.warnings.includes('allow-identifying')) overrides++;
        if (ctx.options.json) {
          results.push(verdict);
          continue;
        }
        // Principals, reasons and file names come from records and disks: shown inert, on one line.
        // Built in loops: arrays made on the way differ in kind from record to record, and V8 then
        // recompiles this loop over and over.
        let detail = '';
        for (const signer of verdict.signers) detail += `${detail ? ', ' : ''}${oneLine(signer.principal)}${signer.trusted ? '' : ' ?'}`;
        // The technical reason is for scripts (--json) and for -v; the line below explains in the user's language.
        if (verdict.reason && ctx.options.verbose) detail += `${detail ? ' · ' : ''}${oneLine(verdict.reason)}`;
        for (const warning of verdict.warnings) detail += `${detail ? ' · ' : ''}${describeWarning(warning)}`;
        lines.line(`${colour[verdict.status](verdict.status.padEnd(15))} ${oneLine(verdict.file)}${detail ? style.dim(`  ${detail}`) : ''}`);
        // What the status means and what to do, for the person reading; the codes stay for scripts.
        if (verdict.status !== 'ok') lines.line(`${' '.repeat(16)}${style.dim(explain(verdict.status, verdict.code))}`);
      }
    } finally {
      lines.flush();
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    // Each opt-in lets its own status pass; a record both untrusted and unreplayable needs both.
    const passing = counts.ok + (options.allowUntrusted ? counts.untrusted : 0) + (options.allowUnknownTrees ? unreplayablePassing : 0);
    const ok = total > 0 && passing === total;
    const summary = [...STATUSES.filter((s) => counts[s] > 0).map((s) => `${counts[s]} ${s}`), ...(overrides ? [`${overrides} allow-identifying`] : [])].join(', ');
    if (ctx.options.json) ctx.outJson({ ok, total, counts, allow_identifying: overrides, results, skipped });
    else if (total === 0) ctx.warn(t('verify.none'));
    else ctx.say((ok ? ctx.style.ok('✓ ') : ctx.style.error('✗ ')) + t('verify.summary', { total, summary }));
    return ok ? 0 : 1;
  },
});
