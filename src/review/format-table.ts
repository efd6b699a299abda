import { t } from '../i18n/index.js';
import { oneLine } from '../util/text.js';
import { bar, decimal, afspraakLine, agreementLine, departure, padEnd, spreadLine, padStart, percent, treeLine, truncate, who, width, wrap } from './format-shared.js';
import type { Style } from '../util/style.js';
import type { Capped, GroupReport, OutcomeRow, QuestionRow, Quote, ReviewReport } from './model.js';

/** Colours for the table: the terminal's style, or PLAIN_STYLE (files, pipes, NO_COLOR). */
export type Paint = Style;

const WIDTH = 80;
const BAR = 20;

/** The report for a terminal: 80 columns, unicode bars, colour only through `paint`. */
export function formatTable(report: ReviewReport, paint: Paint): string {
  const lang = report.language;
  const out: string[] = [];
  const line = (text = '') => out.push(text);
  const lines = (text: string, indent = '') => wrap(oneLine(text), WIDTH - indent.length).forEach((l) => line(indent + l));

  line(paint.dim(t('review.totals', { files: report.totals.files, included: report.totals.included, flagged: report.totals.flagged })));
  if (report.groups.length === 0) {
    line();
    line(t('review.noGroups'));
  }
  for (const group of report.groups) {
    line();
    const title = truncate(oneLine(group.dilemma.title), WIDTH - 4);
    line(paint.heading(`━━ ${title} ${'━'.repeat(Math.max(2, WIDTH - 4 - width(title)))}`));
    wrap(oneLine(spreadLine(group)), WIDTH).forEach((l) => line(paint.bold(l)));
    const agreed = afspraakLine(group);
    if (agreed) lines(agreed);
    lines(agreementLine(group, lang));
    lines(treeLine(group));
    if (!group.tree.available) line(paint.warn(truncate(t('review.treeUnavailable'), WIDTH)));
    outcomes(group.outcomes, '  ');
    questions(group);
    domains(group);
    afspraak(group);
    deviations(group);
  }
  flagged();
  return out.join('\n') + '\n';

  function barRow(indent: string, label: string, count: number, fraction: number, labelWidth: number, mark = ''): string {
    const name = padEnd(truncate(oneLine(label), labelWidth), labelWidth);
    return `${indent}${name} ${paint.accent(bar(fraction, BAR))} ${padStart(String(count), 4)}  ${padStart(percent(fraction), 4)}${mark}`;
  }

  function outcomes(rows: OutcomeRow[], indent: string): void {
    line();
    line(paint.bold(t('review.outcomes')));
    for (const row of rows) line(barRow(indent, row.label, row.count, row.share, WIDTH - indent.length - BAR - 14));
  }

  function questions(group: GroupReport): void {
    line();
    line(paint.bold(t('review.questions')));
    lines(t('review.divergenceNote'));
    for (const q of group.questions) {
      line();
      const number = `${padStart(String(q.rank), 2)}. `;
      const flag = q.disputed ? paint.warn('⚑ ') : '';
      const [first = '', ...rest] = wrap(oneLine(q.text), WIDTH - number.length - (q.disputed ? 2 : 0), '    ');
      line(number + flag + paint.bold(first));
      rest.forEach((l) => line(paint.bold(l)));
      const facts = [t('review.answered', { count: q.answered })];
      if (q.divergence !== null) facts.unshift(`${t('review.divergence')} ${decimal(q.divergence, lang)}`);
      if (q.afspraak && q.afspraak.deviating > 0) facts.push(t('review.deviatingHere', { count: q.afspraak.deviating }));
      lines(facts.join(' · '), '    ');
      const mark = `  ${paint.ok(`← ${t('record.agreed').toLowerCase()}`)}`;
      if (q.options.length > 0) {
        lines(t('review.optionsNote'), '    ');
        for (const o of q.options) line(barRow('    ', o.label, o.count, o.share, 30, o.agreed ? mark : ''));
        line(paint.dim(`    ${t('review.combinations')}`));
      }
      for (const a of q.answers) line(barRow('    ', a.label, a.count, a.share, 30, a.agreed ? mark : ''));
      const byDomain = q.by_domain.map((d) => `${d.domain} ${d.divergence === null ? '' : `${decimal(d.divergence, lang)} `}(${d.answered})`);
      if (q.kind !== 'text' && byDomain.length > 1) lines(`${t('review.byDomain').toLowerCase()}: ${byDomain.join(' · ')}`, '    ');
      quotes(q);
    }
  }

  function quotes(q: QuestionRow): void {
    const sets: [string, Capped<Quote>][] = q.kind === 'text' ? [['', q.texts]] : q.answers.map((a) => [a.label, a.motivations]);
    if (!sets.some(([, s]) => s.items.length > 0)) return;
    line(paint.dim(`    ${(q.kind === 'text' ? t('review.textAnswers') : t('review.motivations')).toLowerCase()}`));
    for (const [label, set] of sets) {
      if (set.items.length === 0) continue;
      if (label) line(`      ${truncate(oneLine(label), WIDTH - 6)}`);
      for (const quote of set.items) {
        const name = `${who(quote.author, quote.record)}:`;
        const plain = truncate(`${name} ${oneLine(quote.motivation ? `${quote.text} — ${quote.motivation}` : quote.text)}`, WIDTH - 8);
        line(`        ${paint.dim(plain.slice(0, name.length))}${plain.slice(name.length)}`);
      }
      if (set.omitted > 0) line(paint.dim(`        ${t('review.more', { count: set.omitted })}`));
    }
  }

  function domains(group: GroupReport): void {
    if (group.by_domain.length === 0) return;
    line();
    line(paint.bold(t('review.byDomain')));
    line(paint.dim(`  ${padEnd(t('review.domain'), 12)} ${padStart(t('review.recordsHeading'), 9)}  ${padEnd('κ', 6)} ${t('review.mostChosen')}`));
    for (const d of group.by_domain) {
      const top = d.outcomes[0];
      const kappa = d.agreement.kappa === null ? '—' : decimal(d.agreement.kappa, lang);
      const outcome = top ? `${oneLine(top.label)} (${top.count})` : '';
      line(truncate(`  ${padEnd(d.domain, 12)} ${padStart(String(d.records), 9)}  ${padEnd(kappa, 6)} ${outcome}`, WIDTH));
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
      const file = [...oneLine(f.file)];
      // A long path keeps its end: the file name is what tells records apart.
      const shown = file.length <= WIDTH - 18 ? file.join('') : `…${file.slice(file.length - (WIDTH - 19)).join('')}`;
      line(`  ${colour(padEnd(f.status, 15))} ${shown}`);
      lines([state, [f.code, f.reason].filter(Boolean).join(': ')].filter(Boolean).join(' · '), ' '.repeat(18));
    }
  }
}
