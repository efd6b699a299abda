import { t } from '../i18n/index.js';
import { markdownText, quoted } from '../record/render.js';
import type { Style } from '../platform/style.js';
import { oneLine } from '../platform/text.js';
import type { AfsprakenComparison } from './compare.js';
import type { AfspraakRegister, DepartingRecord, RegisterEntry } from './register.js';

const flat = (text: string) => markdownText(oneLine(text));

/** Who agreed: the afspraak's own `by` and date, and the signed workshop record where there is one. */
export function agreedLine(entry: RegisterEntry): string {
  const base = t('afspraken.agreedBy', { by: oneLine(entry.by), date: entry.date });
  const w = entry.agreed_in;
  if (!w) return base;
  const signers = w.signers.map((s) => `${oneLine(s.principal)}${s.trusted ? '' : ' ?'}`).join(', ');
  return `${base}; ${t('afspraken.workshop', { trainer: oneLine(w.trainer.name), participants: w.participants, created: w.created.slice(0, 10), status: w.status, signers: signers || '—', record: oneLine(w.record) })}`;
}

export function sinceLine(entry: RegisterEntry): string {
  return t('afspraken.since', { records: entry.since.records, other: entry.since.other_outcome, deviated: entry.since.deviated, date: entry.date });
}

/** Why a record departs: the professional's own reason for deviating, else the motivation where the path left the afspraak. */
export function departingReason(d: DepartingRecord): string {
  if (d.deviation) return `${t('afspraken.deviation')}: ${oneLine(d.deviation.decision)} — ${oneLine(d.deviation.reason)}`;
  if (d.differs_at) return `${t('afspraken.differsAt', { question: oneLine(d.differs_at.question) })}${d.differs_at.motivation ? `: ${oneLine(d.differs_at.motivation)}` : ''}`;
  return '';
}

export function formatRegisterMarkdown(register: AfspraakRegister): string {
  const out: string[] = [`# ${t('afspraken.title')}`, '', `_${t('disclaimer')}_`];
  if (register.entries.length === 0) out.push('', t('afspraken.none'));
  for (const entry of register.entries) {
    out.push('', `## ${flat(entry.dilemma.title)}`, '', `\`${entry.dilemma.id}\` ${entry.dilemma.version} · ${t(entry.tree.kind === 'kader' ? 'afspraken.kader' : 'afspraken.ownTree')} \`${entry.tree.id}\` ${entry.tree.version}`);
    if (entry.fictitious) out.push('', `_${t('afspraken.fictitious')}_`);
    out.push('', `**${t('afspraken.outcome')}: ${flat(entry.outcome.label)}**`);
    if (entry.outcome.conditions.length > 0) out.push('', `${t('afspraken.conditions')}:`, '', ...entry.outcome.conditions.map((c) => `- ${flat(c)}`));
    if (entry.outcome.legal.length > 0) out.push('', `${t('record.legal')}: ${entry.outcome.legal.map((l) => (l.url ? `[${flat(l.text)}](${l.url})` : flat(l.text))).join('; ')}`);
    out.push('', `| ${t('afspraken.question')} | ${t('afspraken.answer')} |`, '|---|---|', ...entry.answers.map((a) => `| ${flat(a.question)} | ${flat(a.label)} |`));
    out.push('', `${t('afspraken.rationale')}:`, '', quoted(entry.rationale), '', flat(agreedLine(entry)), '', flat(sinceLine(entry)));
    const departing = entry.since.departing;
    if (departing.items.length > 0) {
      out.push('', `| ${t('afspraken.record')} | ${t('afspraken.outcome')} | ${t('afspraken.reason')} |`, '|---|---|---|');
      for (const d of departing.items) out.push(`| ${flat(d.record)} | ${flat(d.outcome.label)} | ${flat(departingReason(d))} |`);
      if (departing.omitted > 0) out.push('', t('afspraken.omitted', { count: departing.omitted }));
    }
  }
  return out.join('\n') + '\n';
}

export function formatRegisterTable(register: AfspraakRegister, style: Style): string {
  const out: string[] = [];
  if (register.entries.length === 0) out.push(t('afspraken.none'));
  for (const entry of register.entries) {
    out.push(style.heading(`${entry.dilemma.id} ${entry.dilemma.version}`) + style.dim(`  ${oneLine(entry.dilemma.title)}`));
    out.push(`  ${t('afspraken.outcome')}: ${style.bold(oneLine(entry.outcome.label))}${entry.fictitious ? style.dim(` (${t('afspraken.fictitiousShort')})`) : ''}`);
    for (const c of entry.outcome.conditions) out.push(`    - ${oneLine(c)}`);
    if (entry.outcome.legal.length > 0) out.push(style.dim(`  ${t('record.legal')}: ${entry.outcome.legal.map((l) => oneLine(l.text)).join('; ')}`));
    for (const a of entry.answers) out.push(`  ${style.dim(a.node.padEnd(24))} ${oneLine(a.label)}`);
    out.push(`  ${oneLine(agreedLine(entry))}`);
    const since = sinceLine(entry);
    out.push(`  ${entry.since.other_outcome + entry.since.deviated > 0 ? style.warn(since) : since}`);
    for (const d of entry.since.departing.items) out.push(`    ${oneLine(d.record)}  ${oneLine(d.outcome.id)}${style.dim(`  ${departingReason(d)}`)}`);
    if (entry.since.departing.omitted > 0) out.push(`    ${t('afspraken.omitted', { count: entry.since.departing.omitted })}`);
    out.push('');
  }
  return out.join('\n').replace(/\n*$/, '\n');
}

export function formatComparisonMarkdown(c: AfsprakenComparison): string {
  const names = c.projects.map((p) => flat(p.name));
  const out: string[] = [`# ${t('afspraken.compareTitle')}`, '', names.join(' · ')];
  if (c.dilemmas.length === 0) out.push('', t('afspraken.compareNone'));
  for (const d of c.dilemmas) {
    out.push('', `## ${flat(d.title)} (\`${d.id}\`): ${d.same ? t('afspraken.same') : t('afspraken.different')}`, '');
    out.push(`| | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`);
    out.push(`| ${d.same_outcome ? '' : '≠ '}${t('afspraken.outcome')} | ${d.projects.map((p) => flat(p.outcome.label)).join(' | ')} |`);
    for (const q of d.questions) out.push(`| ${q.same ? '' : '≠ '}${flat(q.question)} | ${q.answers.map((a) => (a ? flat(a.label) : '—')).join(' | ')} |`);
    out.push(`| ${t('afspraken.agreedWhen')} | ${d.projects.map((p) => `${flat(p.by)}, ${p.date}, ${p.version}`).join(' | ')} |`);
  }
  if (c.partial.length > 0) {
    out.push('', `## ${t('afspraken.partial')}`, '', ...c.partial.map((p) => `- ${flat(p.title)} (\`${p.id}\`): ${p.in.map(flat).join(', ')}`));
  }
  return out.join('\n') + '\n';
}

export function formatComparisonTable(c: AfsprakenComparison, style: Style): string {
  const out: string[] = [style.heading(c.projects.map((p) => oneLine(p.name)).join(' · ')), ''];
  if (c.dilemmas.length === 0) out.push(t('afspraken.compareNone'));
  for (const d of c.dilemmas) {
    out.push(`${d.same ? style.ok('=') : style.warn('≠')} ${style.bold(d.id)}  ${d.same ? t('afspraken.same') : t('afspraken.different')}${style.dim(`  ${oneLine(d.title)}`)}`);
    if (!d.same_outcome) out.push(`    ${t('afspraken.outcome')}: ${d.projects.map((p) => oneLine(p.outcome.id)).join(' | ')}`);
    for (const q of d.questions.filter((x) => !x.same)) out.push(`    ${q.node}: ${q.answers.map((a) => (a ? oneLine(typeof a.answer === 'string' ? a.answer : a.answer.join('+')) : '—')).join(' | ')}`);
  }
  for (const p of c.partial) out.push(style.dim(`· ${p.id}  ${t('afspraken.onlyIn', { projects: p.in.map(oneLine).join(', ') })}`));
  return out.join('\n') + '\n';
}
