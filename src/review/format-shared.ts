import { DOMAINS, type Domain } from '../record/author.js';
import { t } from '../i18n/index.js';
import { oneLine } from '../platform/text.js';
import { displayWidth } from '../platform/wrap.js';
import type { AfspraakRecord, GroupReport, QuestionRow, ReportAuthor, ReviewReport } from './model.js';

/** A number as people in the report's language write it: `0,19` in Dutch, `0.19` in English. */
export function decimal(value: number, lang: string, digits = 2): string {
  const text = value.toFixed(digits);
  return lang === 'nl' ? text.replace('.', ',') : text;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Kappa for people: two decimals, or a dash where it is undefined. */
export function kappaText(kappa: number | null, lang: string): string {
  return kappa === null ? '—' : decimal(kappa, lang);
}

/** The random last part of a record id: who wrote an anonymous record stays hidden, the record stays traceable. */
export function shortId(record: string): string {
  return record.slice(record.lastIndexOf('-') + 1);
}

/** Who wrote it, on one line: name, role and organisation (`brief`: the name only), or with --anonymous only the record's short id. */
export function who(author: ReportAuthor, record: string, brief = false): string {
  const parts = author.name === undefined ? [`#${shortId(record)}`] : brief ? [author.name] : [author.name, author.role ?? '', author.organisation ?? ''];
  return oneLine(`${parts.filter(Boolean).join(', ')} (${author.domain})`);
}

/** A horizontal bar of `width` cells for a share between 0 and 1, in eighths of a cell. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.max(0, Math.min(1, fraction)) * width * 8);
  const full = Math.floor(eighths / 8);
  const partial = eighths % 8;
  const part = partial === 0 ? '' : '▏▎▍▌▋▊▉'[partial - 1]!;
  return ('█'.repeat(full) + part).padEnd(width, '░');
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

export function padEnd(text: string, size: number): string {
  return text + ' '.repeat(Math.max(0, size - displayWidth(text)));
}

export function padStart(text: string, size: number): string {
  return ' '.repeat(Math.max(0, size - displayWidth(text))) + text;
}

/** What was walked: the dilemma's id and versions, and the tree (a kader or the dilemma's own) with its hash. */
export function treeLine(group: GroupReport): string {
  const tree = group.tree;
  const walked = tree.kind === 'kader' ? `${t('review.kader')} ${tree.id} ${tree.version}` : t('review.ownTree');
  return `${group.dilemma.id} ${group.dilemma.versions.join(', ')} · ${walked} · ${t('review.treeHash')} ${tree.sha256.slice(0, 12)}`;
}

/**
 * The first line of a group: how many records, how many different outcomes, the largest group; the
 * unverified ones counted. A trainer reads this before any statistic.
 */
export function spreadLine(group: GroupReport): string {
  const { spread } = group;
  const parts = [
    spread.largest
      ? t('review.spread', { records: spread.records, outcomes: spread.outcomes, largest: spread.largest.count, label: oneLine(spread.largest.label) })
      : t('review.records', { count: spread.records }),
  ];
  if (group.unverified > 0) parts.push(t('review.unverifiedIncluded', { count: group.unverified }));
  return parts.join(' · ');
}

/** The afspraak's outcome and how many reached it, or undefined without an afspraak. */
export function afspraakLine(group: GroupReport): string | undefined {
  const agreed = group.spread.afspraak;
  return agreed ? t('review.spreadAfspraak', { label: oneLine(agreed.label), reached: agreed.reached, records: group.spread.records }) : undefined;
}

/** The agreement statistic with what it was computed over: never a figure without its questions. */
export function agreementLine(group: GroupReport, lang: string): string {
  if (group.agreement.kappa === null) return t('review.agreementNone');
  const over = group.agreement.questions.length;
  const choice = group.questions.filter((q) => q.kind !== 'text').length;
  return t('review.agreementOver', { kappa: kappaText(group.agreement.kappa, lang), over, choice, records: group.records });
}

/** Where a record left the afspraak: the questions it answered otherwise, and how many of the afspraak's it never reached. */
export function departure(r: AfspraakRecord): string {
  const parts = r.differences.map((d) => oneLine(d.question));
  if (r.not_reached.length > 0) parts.push(`(${t('review.notReached', { count: r.not_reached.length })})`);
  return parts.join('; ') || '—';
}

/** What was read and counted, with the copies skipped when there were any. */
export function totalsLine(report: ReviewReport): string {
  const { files, included, flagged, duplicates } = report.totals;
  const line = t('review.totals', { files, included, flagged });
  return duplicates > 0 ? `${line} · ${t('review.duplicates', { count: duplicates })}` : line;
}

/** The breakdown's heading and its column name, as `--by` chose it. */
export function breakdownTexts(report: ReviewReport): { heading: string; column: string } {
  if (report.breakdown === 'organisation') return { heading: t('review.byOrganisation'), column: t('review.organisation') };
  if (report.breakdown === 'project') return { heading: t('review.byProject'), column: t('review.project') };
  return { heading: t('review.byDomain'), column: t('review.domain') };
}

/**
 * The questions that split the group most: choice questions where not everyone agreed, by lowest
 * agreement (highest divergence), ties by their place in the tree.
 */
export function mostDisputed(group: GroupReport, count: number): QuestionRow[] {
  const place = new Map(group.flow.nodes.map((n, i) => [n.id, i]));
  const at = (q: QuestionRow) => place.get(q.node) ?? group.flow.nodes.length + q.rank;
  return group.questions
    .filter((q) => q.divergence !== null && q.divergence > 0)
    .sort((a, b) => b.divergence! - a.divergence! || at(a) - at(b))
    .slice(0, count);
}

/** A domain as people read it (`care` in English); organisations and projects stay as written. */
export function breakdownName(report: ReviewReport, value: string): string {
  return report.breakdown === 'domain' && (DOMAINS as readonly string[]).includes(value) ? t(`domain.${value as Domain}`) : value;
}
