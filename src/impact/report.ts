import { localize } from '../dilemma/localize.js';
import { t } from '../i18n/index.js';
import { markdownText } from '../record/render.js';
import type { RecordStatus } from '../verify/verify.js';
import type { Style } from '../platform/style.js';
import { oneLine } from '../platform/text.js';
import { walkErrorMessage } from '../walk/describe.js';
import { WalkError, type WalkErrorCode } from '../walk/engine.js';
import { diffTrees, type ChangeKind, type NodeChange, type TreeDiff } from './diff.js';
import { IMPACTS, recordImpact, workshopAsRecord, type Impact, type RecordImpact, type TreeVersion } from './records.js';
import type { WorkshopRecord } from '../workshop/model.js';
import type { DecisionRecord } from '../record/model.js';

export const IMPACT_FORMAT_VERSION = 1;

/** A record as the report lists it: its verification status, and its impact when it could be read. */
export interface ImpactRow extends Partial<Omit<RecordImpact, 'impact'>> {
  file: string;
  status: RecordStatus;
  id?: string;
  dilemma?: string;
  /** `unreadable` for a file that could not be read as a record. */
  impact: Impact | 'unreadable';
  /** A workshop record: the group's path, replayed as a walk. */
  workshop?: boolean;
  reason?: string;
}

export interface ImpactReport {
  leertuin_impact: number;
  old: { label: string; kind: string; id: string; version: string; sha256: string };
  new: { label: string; kind: string; id: string; version: string; sha256: string };
  start?: TreeDiff['start'];
  nodes: (NodeChange & { question: string })[];
  records: ImpactRow[];
  counts: Record<Impact | 'unreadable', number>;
}

const side = (v: TreeVersion) => ({ label: v.label, kind: v.kind, id: v.pin.id, version: v.pin.version, sha256: v.pin.sha256 });

/** The changes between two versions and, one record at a time, what they do to each record. */
export class ImpactBuilder {
  readonly diff: TreeDiff;
  private readonly rows: ImpactRow[] = [];

  constructor(
    private readonly before: TreeVersion,
    private readonly after: TreeVersion,
    private readonly language: string,
  ) {
    this.diff = diffTrees(before.tree, after.tree);
  }

  /** A record or workshop record as verify read it; neither when it could not be read. */
  add(file: string, status: RecordStatus, read: { record?: DecisionRecord; workshop?: WorkshopRecord; reason?: string }): void {
    const replayable = read.record ?? (read.workshop ? workshopAsRecord(read.workshop) : undefined);
    const id = (read.record ?? read.workshop)?.id;
    if (!replayable || id === undefined) {
      this.rows.push({ file, status, impact: 'unreadable', ...(read.reason ? { reason: read.reason } : {}) });
      return;
    }
    this.rows.push({ file, status, id, dilemma: replayable.dilemma.id, ...(read.workshop ? { workshop: true } : {}), ...recordImpact(replayable, this.before, this.after, this.diff) });
  }

  finish(): ImpactReport {
    const question = (id: string) => {
      const node = this.after.tree.nodes.get(id) ?? this.before.tree.nodes.get(id);
      const languages = (this.after.tree.nodes.has(id) ? this.after : this.before).tree.languages;
      return node ? oneLine(localize(node.text, this.language, languages[0])) : id;
    };
    const counts = Object.fromEntries([...IMPACTS, 'unreadable'].map((k) => [k, 0])) as ImpactReport['counts'];
    for (const row of this.rows) counts[row.impact]++;
    const order = [...IMPACTS, 'unreadable'];
    return {
      leertuin_impact: IMPACT_FORMAT_VERSION,
      old: side(this.before),
      new: side(this.after),
      ...(this.diff.start ? { start: this.diff.start } : {}),
      nodes: this.diff.nodes.map((n) => ({ ...n, question: question(n.node) })),
      records: [...this.rows].sort((a, b) => order.indexOf(a.impact) - order.indexOf(b.impact) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)),
      counts,
    };
  }
}

function changeText(change: NodeChange): string {
  return change.changes
    .map((kind: ChangeKind) => {
      const o = change.options;
      if (kind !== 'options' || !o) return t(`impact.change.${kind}`);
      const parts = [...o.added.map((id) => `+${id}`), ...o.removed.map((id) => `−${id}`), ...o.renamed.map((r) => `${r.from}→${r.to}`)];
      return `${t('impact.change.options')} (${parts.join(', ')})`;
    })
    .join(', ');
}

/** What happened to a record, in words: the outcome before and after, or where the path breaks. */
export function rowDetail(row: ImpactRow): string {
  if (row.broken) return t('impact.brokenAt', { node: row.broken.node, reason: walkErrorMessage(new WalkError(row.broken.code as WalkErrorCode, row.broken.node, row.broken.detail)) });
  if (row.outcome && row.impact === 'changed-outcome') return `${row.outcome.old} → ${row.outcome.new}${row.skipped ? ` (${t('impact.skipped', { nodes: row.skipped.join(', ') })})` : ''}`;
  if (row.impact === 'unreadable') return row.reason ?? '';
  if (row.touched && row.touched.length > 0) return t('impact.passes', { nodes: row.touched.join(', ') });
  return '';
}

function summary(report: ImpactReport): string {
  const parts = [...IMPACTS, 'unreadable' as const].filter((k) => report.counts[k] > 0).map((k) => `${report.counts[k]} ${t(`impact.kind.${k}`)}`);
  return t('impact.recordsSummary', { count: report.records.length, parts: parts.join(', ') });
}

const versionLine = (report: ImpactReport) =>
  `${report.old.id} ${report.old.version} (${report.old.label}) → ${report.new.id} ${report.new.version} (${report.new.label})`;

export function formatImpactTable(report: ImpactReport, style: Style): string {
  const out: string[] = [style.heading(oneLine(versionLine(report))), ''];
  if (report.start) out.push(`  ${t('impact.startMoved', { old: report.start.old, new: report.start.new })}`);
  out.push(style.bold(t('impact.changes', { count: report.nodes.length })));
  const width = Math.max(0, ...report.nodes.map((n) => n.node.length));
  for (const n of report.nodes) out.push(`  ${n.node.padEnd(width)}  ${changeText(n)}${style.dim(`  ${n.question}`)}`);
  if (report.nodes.length === 0 && !report.start) out.push(`  ${t('impact.noChanges')}`);
  if (report.records.length > 0) {
    out.push('', style.bold(summary(report)));
    const kindWidth = Math.max(...report.records.map((r) => t(`impact.kind.${r.impact}`).length));
    const paint = (impact: ImpactRow['impact']) => (impact === 'changed-outcome' || impact === 'broken-path' || impact === 'unreadable' ? style.error : impact === 'same-outcome' ? style.warn : style.dim);
    for (const row of report.records) {
      const detail = rowDetail(row);
      out.push(`  ${paint(row.impact)(t(`impact.kind.${row.impact}`).padEnd(kindWidth))}  ${oneLine(row.file)}  ${row.status}${row.workshop ? ' (workshop)' : ''}${detail ? style.dim(`  ${oneLine(detail)}`) : ''}`);
    }
  }
  return out.join('\n') + '\n';
}

const cell = (text: string) => markdownText(oneLine(text)).replace(/\|/g, '\\|');

export function formatImpactMarkdown(report: ImpactReport): string {
  const out: string[] = [`# ${t('impact.title')}`, '', cell(versionLine(report)), ''];
  if (report.start) out.push(t('impact.startMoved', { old: report.start.old, new: report.start.new }), '');
  out.push(`## ${t('impact.changes', { count: report.nodes.length })}`, '');
  if (report.nodes.length > 0) {
    out.push(`| ${t('impact.node')} | ${t('impact.question')} | ${t('impact.change')} |`, '|---|---|---|');
    for (const n of report.nodes) out.push(`| \`${n.node}\` | ${cell(n.question)} | ${cell(changeText(n))} |`);
  } else if (!report.start) out.push(t('impact.noChanges'));
  if (report.records.length > 0) {
    out.push('', `## ${cell(summary(report))}`, '', `| ${t('impact.record')} | ${t('impact.status')} | ${t('impact.impact')} | ${t('impact.detail')} |`, '|---|---|---|---|');
    for (const row of report.records) out.push(`| ${cell(row.file)} | ${row.status}${row.workshop ? ' (workshop)' : ''} | ${t(`impact.kind.${row.impact}`)} | ${cell(rowDetail(row))} |`);
  }
  return out.join('\n') + '\n';
}

/** What `--fail-on` can name: a record whose outcome changes, or whose path breaks. */
export const IMPACT_FAIL_ON = ['changed-outcome', 'broken-path'] as const;
export type ImpactFailOn = (typeof IMPACT_FAIL_ON)[number];
