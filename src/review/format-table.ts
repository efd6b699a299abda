import { t } from '../i18n/index.js';
import { oneLine } from '../platform/text.js';
import { afspraakLine, agreementLine, bar, decimal, departure, padEnd, padStart, percent, spreadLine, treeLine, who, totalsLine, breakdownTexts } from './format-shared.js';
import { displayWidth, wrapText } from '../platform/wrap.js';
import type { Style } from '../platform/style.js';
import type { Capped, GroupReport, OutcomeRow, QuestionRow, Quote, ReviewReport } from './model.js';

/** Colours for the table: the terminal's style, or PLAIN_STYLE (files, pipes, NO_COLOR). */
export type Paint = Style;

const BAR = 20;

/**
 * The report for a terminal of `width` columns (80 for a pipe): unicode bars, colour only through
 * `paint`, long texts wrapped at spaces rather than cut, so every motivation is read whole.
 */
export function formatTable(report: ReviewReport, paint: Paint, width = 80): string {
  const WIDTH = Math.max(40, width);
  // Answer labels get what the bar, the figures and the afspraak mark leave, 30 to 60 columns.
  const LABEL = Math.max(30, Math.min(60, WIDTH - 50));
  const lang = report.language;
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const lines = (text: string, indent = '', paintLine = (l: string) => l) => wrapText(oneLine(text), WIDTH - indent.length).forEach((l) => line(indent + paintLine(l)));

  line(paint.dim(totalsLine(report)));
  if (report.groups.length === 0) {
    line();
    line(t('review.noGroups'));
  }
  for (const group of report.groups) {
    line();
    const [title = '', ...more] = wrapText(oneLine(group.dilemma.title), WIDTH - 6);
    line(paint.heading(`━━ ${title} ${'━'.repeat(Math.max(2, WIDTH - 4 - displayWidth(title)))}`));
    for (const rest of more) line(paint.heading(`   ${rest}`));
    lines(spreadLine(group), '', paint.bold);
    const agreed = afspraakLine(group);
    if (agreed) lines(agreed);
    lines(agreementLine(group, lang));
    lines(treeLine(group));
    if (!group.tree.available) lines(t('review.treeUnavailable'), '', paint.warn);
    outcomes(group.outcomes, '  ');
    questions(group);
    domains(group);
    afspraak(group);
    deviations(group);
  }
  flagged();
  return out.join('\n') + '\n';

  /** A label, its bar and figures; a label wider than its column goes on over the next lines. */
  function barRow(indent: string, label: string, count: number, fraction: number, labelWidth: number, mark = ''): void {
    const [first = '', ...rest] = wrapText(oneLine(label), labelWidth);
    line(`${indent}${padEnd(first, labelWidth)} ${paint.accent(bar(fraction, BAR))} ${padStart(String(count), 4)}  ${padStart(percent(fraction), 4)}${mark}`);
    for (const more of rest) line(`${indent}${more}`);
  }

  function outcomes(rows: OutcomeRow[], indent: string): void {
    line();
    line(paint.bold(t('review.outcomes')));
    for (const row of rows) barRow(indent, row.label, row.count, row.share, WIDTH - indent.length - BAR - 14);
  }

  function questions(group: GroupReport): void {
    line();
    line(paint.bold(t('review.questions')));
    lines(t('review.divergenceNote'));
    for (const q of group.questions) {
      line();
      const number = `${padStart(String(q.rank), 2)}. `;
      const flag = q.disputed ? paint.warn('⚑ ') : '';
      const [first = '', ...rest] = wrapText(oneLine(q.text), WIDTH - number.length - (q.disputed ? 2 : 0), '    ');
      line(number + flag + paint.bold(first));
      rest.forEach((l) => line(paint.bold(l)));
      const facts = [t('review.answered', { count: q.answered })];
      if (q.divergence !== null) facts.unshift(`${t('review.divergence')} ${decimal(q.divergence, lang)}`);
      if (q.afspraak && q.afspraak.deviating > 0) facts.push(t('review.deviatingHere', { count: q.afspraak.deviating }));
      lines(facts.join(' · '), '    ');
      const mark = `  ${paint.ok(`← ${t('record.agreed').toLowerCase()}`)}`;
      if (q.options.length > 0) {
        lines(t('review.optionsNote'), '    ');
        for (const o of q.options) barRow('    ', o.label, o.count, o.share, LABEL, o.agreed ? mark : '');
        line(paint.dim(`    ${t('review.combinations')}`));
      }
      for (const a of q.answers) barRow('    ', a.label, a.count, a.share, LABEL, a.agreed ? mark : '');
      const byDomain = q.by_domain.map((d) => `${d.domain} ${d.divergence === null ? '' : `${decimal(d.divergence, lang)} `}(${d.answered})`);
      if (q.kind !== 'text' && byDomain.length > 1) lines(`${breakdownTexts(report).heading.toLowerCase()}: ${byDomain.join(' · ')}`, '    ');
      quotes(q);
    }
  }

  function quotes(q: QuestionRow): void {
    const sets: [string, Capped<Quote>][] = q.kind === 'text' ? [['', q.texts]] : q.answers.map((a) => [a.label, a.motivations]);
    if (!sets.some(([, s]) => s.items.length > 0)) return;
    line(paint.dim(`    ${(q.kind === 'text' ? t('review.textAnswers') : t('review.motivations')).toLowerCase()}`));
    for (const [label, set] of sets) {
      if (set.items.length === 0) continue;
      if (label) lines(label, '      ');
      for (const quote of set.items) {
        const name = `${who(quote.author, quote.record)}:`;
        const [first = '', ...rest] = wrapText(`${name} ${oneLine(quote.motivation ? `${quote.text} — ${quote.motivation}` : quote.text)}`, WIDTH - 8, '  ');
        // The name is dimmed where it fits on the first line; the words of the quote are never cut.
        line(first.startsWith(name) ? `        ${paint.dim(name)}${first.slice(name.length)}` : `        ${first}`);
        for (const more of rest) line(`        ${more}`);
      }
      if (set.omitted > 0) line(paint.dim(`        ${t('review.more', { count: set.omitted })}`));
    }
  }

  function domains(group: GroupReport): void {
    if (group.by_domain.length === 0) return;
    line();
    line(paint.bold(breakdownTexts(report).heading));
    line(paint.dim(`  ${padEnd(breakdownTexts(report).column, 12)} ${padStart(t('review.recordsHeading'), 9)}  ${padEnd('κ', 6)} ${t('review.mostChosen')}`));
    for (const d of group.by_domain) {
      const top = d.outcomes[0];
      const kappa = d.agreement.kappa === null ? '—' : decimal(d.agreement.kappa, lang);
      const outcome = top ? `${oneLine(top.label)} (${top.count})` : '';
      lines(`${padEnd(d.domain, 12)} ${padStart(String(d.records), 9)}  ${padEnd(kappa, 6)} ${outcome}`, '  ');
    }
  }

  function afspraak(group: GroupReport): void {
    const a = group.afspraak;
    if (!a) return;
    line();
    line(paint.bold(t('record.afspraak')) + (a.agreed?.fictitious ? paint.dim(` ${t('walk.afspraakFictitious')}`) : ''));
    if (a.agreed) lines(`${t('review.agreedOutcome')}: ${a.agreed.outcome.label}`, '  ');
    else lines(t('review.afspraakUnknown'), '  ');
    lines(t('review.afspraakCounts', { compared: a.compared, same: a.same_outcome, departing: a.departing }), '  ');
    for (const r of a.records.items) {
      const outcome = r.same_outcome ? '' : `${t('review.otherOutcome')}; `;
      lines(`${who(r.author, r.record)}: ${outcome}${t('review.departsAt').toLowerCase()}: ${departure(r)}`, '    ');
    }
    if (a.records.omitted > 0) line(paint.dim(`    ${t('review.more', { count: a.records.omitted })}`));
  }

  function deviations(group: GroupReport): void {
    if (group.deviations.count === 0) return;
    line();
    line(paint.bold(t('review.deviations', { count: group.deviations.count })));
    for (const d of group.deviations.records.items) {
      lines(`${who(d.author, d.record)} · ${t('record.outcome').toLowerCase()}: ${d.outcome.label}`, '    ');
      lines(`${t('record.decision')}: ${d.decision}`, '      ');
      lines(`${t('record.reason')}: ${d.reason}`, '      ');
    }
    if (group.deviations.records.omitted > 0) line(paint.dim(`    ${t('review.more', { count: group.deviations.records.omitted })}`));
  }

  function flagged(): void {
    if (report.flagged.length === 0) return;
    line();
    line(paint.bold(t('review.flagged', { count: report.flagged.length })));
    for (const f of report.flagged) {
      const colour = f.status === 'untrusted' || f.status === 'unsigned' ? paint.warn : paint.error;
      const state = f.included ? t('review.counted') : t('review.leftOut');
      line(`  ${colour(padEnd(f.status, 15))} ${oneLine(f.file)}`);
      lines([state, [f.code, f.reason].filter(Boolean).join(': ')].filter(Boolean).join(' · '), ' '.repeat(18));
    }
  }
}
