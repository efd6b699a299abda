import { t } from '../i18n/index.js';
import { markdownText } from '../record/render.js';
import { oneLine } from '../platform/text.js';
import { bar, decimal, afspraakLine, agreementLine, departure, kappaText, spreadLine, percent, treeLine, truncate, who, totalsLine, breakdownTexts } from './format-shared.js';
import type { Capped, GroupReport, QuestionRow, Quote, ReviewReport } from './model.js';
import { AGREED, TAKEN, edgeWidth, pathMap } from './path-map.js';

/** Text from records and files as inert inline Markdown: one line, no HTML, no emphasis, links or code. */
function md(text: string): string {
  return markdownText(oneLine(text).replace(/[\\`*_[\]#~!]/g, (c) => `\\${c}`));
}

/**
 * A label for Mermaid, inside double quotes: one line, shortened, and every character that could
 * end the label or be read as markup written as Mermaid's numeric entity (`#34;` for `"`).
 */
function mermaidText(text: string): string {
  return truncate(oneLine(text), 60).replace(/[#"<>&|`\\[\]{}]/g, (c) => `#${c.charCodeAt(0)};`);
}

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

const BAR = 12;

/** The report as a Markdown handout that renders on GitHub and GitLab, with a Mermaid flowchart of the tree. */
export function formatMarkdown(report: ReviewReport): string {
  const lang = report.language;
  const out: string[] = [];
  const para = (...lines: string[]) => out.push(...lines, '');

  para(`# ${md(t('review.docTitle'))}`);
  para(`_${md(t('disclaimer'))}_`);
  para(md(totalsLine(report)));
  if (report.groups.length === 0) para(md(t('review.noGroups')));

  for (const group of report.groups) {
    para(`## ${md(group.dilemma.title)}`);
    para(`**${md(spreadLine(group))}**`);
    const agreed = afspraakLine(group);
    if (agreed) para(md(agreed));
    para(md(agreementLine(group, lang)), '', `_${md(t('review.kappaNote'))}_`);
    para(md(treeLine(group)));
    if (!group.tree.available) para(`> ${md(t('review.treeUnavailable'))}`);

    para(`### ${md(t('review.outcomes'))}`);
    para(
      ...table(
        [md(t('record.outcome')), md(t('review.count')), md(t('review.share')), ''],
        ['l', 'r', 'r', 'l'],
        group.outcomes.map((o) => [md(o.label), String(o.count), percent(o.share), bar(o.share, BAR)]),
      ),
    );

    flow(group);

    para(`### ${md(t('review.questions'))}`);
    para(`_${md(t('review.divergenceNote'))}_`);
    for (const q of group.questions) question(q);

    domains(group);
    afspraak(group);
    deviations(group);
  }

  if (report.flagged.length > 0) {
    para(`## ${md(t('review.flagged', { count: report.flagged.length }))}`);
    para(
      ...table(
        [md(t('review.file')), md(t('review.status')), md(t('record.reason')), ''],
        ['l', 'l', 'l', 'l'],
        report.flagged.map((f) => [
          md(f.file),
          md(f.status),
          md([f.code, f.reason].filter(Boolean).join(': ')),
          md(f.included ? t('review.counted') : t('review.leftOut')),
        ]),
      ),
    );
  }
  return out.join('\n').replace(/\n+$/, '\n');

  function flow(group: GroupReport): void {
    const map = pathMap(group.flow);
    if (map.nodes.length === 0) return;
    para(`### ${md(t('review.flow'))}`);
    para(md(t('review.flowNote')));
    const ids = new Map(map.nodes.map((n, i) => [n.id, `n${i}`]));
    const lines = ['```mermaid', 'flowchart TD'];
    for (const node of map.nodes) {
      const label = mermaidText(`${node.disputed ? '⚑ ' : ''}${node.label}`) + ` (${node.records})`;
      // Outcomes are rounded, questions square, information nodes flagged: shapes differ as well as colours.
      const shape = node.kind === 'outcome' ? ['(["', '"])'] : node.kind === 'info' ? ['>"', '"]'] : ['["', '"]'];
      lines.push(`  ${ids.get(node.id)}${shape[0]}${label}${shape[1]}`);
    }
    for (const edge of map.edges) {
      const label = edge.label ? `${mermaidText(truncate(edge.label, 30))}: ${edge.records}` : String(edge.records);
      const arrow = edge.records > 0 ? '-->' : '-.->';
      lines.push(`  ${ids.get(edge.from)} ${arrow}|"${label}"| ${ids.get(edge.to)}`);
    }
    // Line width by count, the afspraak's path in green: the same reading as the HTML map.
    map.edges.forEach((edge, i) => {
      lines.push(`  linkStyle ${i} stroke:${edge.afspraak ? AGREED : TAKEN},stroke-width:${edgeWidth(edge.records, map.most)}px`);
    });
    lines.push(
      '  classDef question fill:#eef3fb,stroke:#2f5597,color:#111',
      '  classDef info fill:#f4f4f4,stroke:#777,color:#111',
      '  classDef outcome fill:#e6f4e6,stroke:#2e7d32,stroke-width:2px,color:#111',
      '  classDef disputed fill:#fff4e0,stroke:#b26a00,stroke-width:3px,color:#111',
      `  classDef afspraak stroke:${AGREED},stroke-width:4px`,
    );
    for (const kind of ['question', 'info', 'outcome', 'disputed'] as const) {
      const members = map.nodes.filter((n) => (kind === 'disputed' ? n.disputed : n.kind === kind && !n.disputed)).map((n) => ids.get(n.id));
      if (members.length > 0) lines.push(`  class ${members.join(',')} ${kind}`);
    }
    const agreed = map.nodes.filter((n) => n.afspraak).map((n) => ids.get(n.id));
    if (agreed.length > 0) lines.push(`  class ${agreed.join(',')} afspraak`);
    lines.push('```');
    para(...lines);
  }

  function question(q: QuestionRow): void {
    para(`#### ${q.rank}. ${q.disputed ? '⚑ ' : ''}${md(q.text)}`);
    const facts = [t('review.answered', { count: q.answered })];
    if (q.divergence !== null) facts.unshift(`${t('review.divergence')} ${decimal(q.divergence, lang)}`);
    if (q.disputed) facts.push(t('record.disputed'));
    if (q.afspraak && q.afspraak.deviating > 0) facts.push(t('review.deviatingHere', { count: q.afspraak.deviating }));
    para(md(facts.join(' · ')));
    if (q.options.length > 0) {
      para(`_${md(t('review.optionsNote'))}_`);
      para(
        ...table(
          [md(t('review.option')), md(t('review.count')), md(t('review.share')), ''],
          ['l', 'r', 'r', 'l'],
          q.options.map((o) => [
            o.agreed ? `**${md(o.label)}** (${md(t('record.agreed').toLowerCase())})` : md(o.label),
            `${o.count}/${q.answered}`,
            percent(o.share),
            bar(o.share, BAR),
          ]),
        ),
      );
      para(`_${md(t('review.combinations'))}_`);
    }
    if (q.kind !== 'text') {
      para(
        ...table(
          [md(t('record.answer')), md(t('review.count')), md(t('review.share')), ''],
          ['l', 'r', 'r', 'l'],
          q.answers.map((a) => [
            a.agreed ? `**${md(a.label)}** (${md(t('record.agreed').toLowerCase())})` : md(a.label),
            String(a.count),
            percent(a.share),
            bar(a.share, BAR),
          ]),
        ),
      );
      if (q.by_domain.length > 1) {
        const label = new Map(q.answers.map((a) => [a.key, a.label]));
        para(`**${md(breakdownTexts(report).heading)}**`);
        para(
          ...table(
            [md(breakdownTexts(report).column), md(t('review.answersHeading')), md(t('review.divergenceHeading')), md(t('record.answer'))],
            ['l', 'r', 'r', 'l'],
            q.by_domain.map((d) => [
              md(d.domain),
              String(d.answered),
              d.divergence === null ? '—' : decimal(d.divergence, lang),
              d.answers.map((a) => `${md(label.get(a.key) ?? a.key)} ${a.count}`).join(' · '),
            ]),
          ),
        );
      }
    }
    const sets: [string, number, Capped<Quote>][] =
      q.kind === 'text' ? [[t('review.textAnswers'), q.answered, q.texts]] : q.answers.map((a) => [a.label, a.count, a.motivations]);
    if (!sets.some(([, , s]) => s.items.length > 0)) return;
    para(`**${md(q.kind === 'text' ? t('review.textAnswers') : t('review.motivations'))}**`);
    const items: string[] = [];
    for (const [label, count, set] of sets) {
      if (set.items.length === 0) continue;
      if (q.kind !== 'text') items.push(`- **${md(label)}** (${count})`);
      const indent = q.kind === 'text' ? '' : '  ';
      for (const quote of set.items) {
        const text = quote.motivation ? `${quote.text} — ${quote.motivation}` : quote.text;
        items.push(`${indent}- _${md(who(quote.author, quote.record))}_: ${md(text)}`);
      }
      if (set.omitted > 0) items.push(`${indent}- _${md(t('review.more', { count: set.omitted }))}_`);
    }
    para(...items);
  }

  function domains(group: GroupReport): void {
    if (group.by_domain.length === 0) return;
    para(`### ${md(breakdownTexts(report).heading)}`);
    para(
      ...table(
        [md(breakdownTexts(report).column), md(t('review.recordsHeading')), md(t('review.agreementHeading')), md(t('review.mostChosen'))],
        ['l', 'r', 'r', 'l'],
        group.by_domain.map((d) => [
          md(d.domain),
          String(d.records),
          kappaText(d.agreement.kappa, lang),
          d.outcomes[0] ? `${md(d.outcomes[0].label)} (${d.outcomes[0].count})` : '',
        ]),
      ),
    );
  }

  function afspraak(group: GroupReport): void {
    const a = group.afspraak;
    if (!a) return;
    para(`### ${md(t('record.afspraak'))}`);
    if (a.agreed) {
      if (a.agreed.fictitious) para(`_${md(t('record.afspraakFictitious'))}_`);
      para(`${md(t('review.agreedOutcome'))}: **${md(a.agreed.outcome.label)}** (${md(a.agreed.by)}, ${md(a.agreed.date)})`);
      para(...a.agreed.rationale.split(/\n\s*\n/).flatMap((p, i) => [...(i > 0 ? ['>'] : []), `> ${md(p)}`]));
    } else para(md(t('review.afspraakUnknown')));
    para(md(t('review.afspraakCounts', { compared: a.compared, same: a.same_outcome, departing: a.departing })));
    if (a.records.items.length > 0) {
      para(
        ...table(
          [md(t('review.who')), md(t('record.outcome')), md(t('review.departsAt'))],
          ['l', 'l', 'l'],
          a.records.items.map((r) => [
            md(who(r.author, r.record)),
            md(r.same_outcome ? t('record.sameOutcome') : t('record.otherOutcome')),
            md(departure(r)),
          ]),
        ),
      );
    }
    if (a.records.omitted > 0) para(`_${md(t('review.more', { count: a.records.omitted }))}_`);
  }

  function deviations(group: GroupReport): void {
    if (group.deviations.count === 0) return;
    para(`### ${md(t('review.deviations', { count: group.deviations.count }))}`);
    const items: string[] = [];
    for (const d of group.deviations.records.items) {
      items.push(`- **${md(who(d.author, d.record))}** · ${md(t('record.outcome'))}: ${md(d.outcome.label)}`);
      items.push(`  - ${md(t('record.decision'))}: ${md(d.decision)}`);
      items.push(`  - ${md(t('record.reason'))}: ${md(d.reason)}`);
    }
    if (group.deviations.records.omitted > 0) items.push(`- _${md(t('review.more', { count: group.deviations.records.omitted }))}_`);
    para(...items);
  }
}
