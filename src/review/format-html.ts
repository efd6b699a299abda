import { t } from '../i18n/index.js';
import { stripControl } from '../platform/text.js';
import { wrapText } from '../platform/wrap.js';
import { decimal, afspraakLine, agreementLine, departure, kappaText, spreadLine, percent, treeLine, truncate, who, totalsLine, breakdownTexts, breakdownName, mostDisputed } from './format-shared.js';
import type { Capped, GroupReport, QuestionRow, Quote, ReviewReport } from './model.js';
import { AGREED, TAKEN, edgeWidth, joinParallel, pathMap } from './path-map.js';

/** Any text from records, dilemma files or messages, made inert for HTML: no markup, no control characters. */
function esc(text: string): string {
  return stripControl(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Colour-blind-safe colours (Okabe–Ito) for the answers of a question, in order. */
const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#7a6a00', '#444444'];
const colour = (index: number) => PALETTE[index % PALETTE.length]!;

const STYLE = `
:root { color-scheme: light; font-size: 22px; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 56rem; padding: 1.5rem 2rem 4rem; font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #111; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; }
h2 { font-size: 1.8rem; margin: 3rem 0 .25rem; padding-top: 1rem; border-top: 4px solid #2f5597; }
h3 { font-size: 1.4rem; margin: 1.25rem 0 .4rem; }
h4 { font-size: 1.2rem; margin: 0 0 .25rem; }
h5 { font-size: 1rem; margin: 0 0 .4rem; }
.meta, .note, .disclaimer { color: #444; }
header p { margin: .25rem 0; font-size: .85rem; }
section.group:first-of-type h2 { margin-top: 1rem; }
.note { font-size: .85rem; }
.spread { font-size: 1.25rem; font-weight: 700; margin: .3rem 0; }
.facts { display: flex; flex-wrap: wrap; gap: .5rem 3rem; margin: .5rem 0; }
.fact .big { display: block; font-size: 2.2rem; font-weight: 700; line-height: 1.1; color: #2f5597; }
.question { margin: 1.5rem 0 2.5rem; padding: 1rem 1.25rem; border: 1px solid #ccc; border-radius: .5rem; }
.question.disputed { border-left: .5rem solid #b26a00; }
.flag { color: #8a5200; font-weight: 700; }
svg.chart { display: block; width: 100%; max-width: 46rem; height: auto; margin: .5rem 0 1rem; }
svg text { font-family: inherit; fill: #111; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1.5rem; list-style: none; padding: 0; margin: 0 0 1rem; font-size: .85rem; }
.legend svg { vertical-align: middle; margin-right: .35rem; }
.motivations { display: grid; grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr)); gap: 1rem; }
.motivations > div { border-top: 4px solid var(--c, #2f5597); padding-top: .5rem; }
blockquote { margin: 0 0 .75rem; padding: 0 0 0 .75rem; border-left: 3px solid #ddd; }
blockquote p { margin: 0; white-space: pre-line; }
blockquote footer { font-size: .8rem; color: #555; }
.pre { white-space: pre-line; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .75rem; border-bottom: 1px solid #ddd; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bad { color: #b00020; font-weight: 700; }
.warn { color: #8a5200; font-weight: 700; }
.top { margin: .6rem 0; padding: .5rem 1rem; border: 1px solid #ccc; border-left: .5rem solid #b26a00; border-radius: .5rem; }
.top h4 { font-size: 1.05rem; }
.top .meta { font-size: .8rem; margin: 0 0 .4rem; }
.sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr)); gap: .75rem; }
.sides > div { border-top: 4px solid var(--c, #2f5597); padding-top: .3rem; font-size: .8rem; }
.sides h5 { font-size: .9rem; margin: 0 0 .2rem; }
.sides .domains { margin: 0 0 .3rem; color: #333; }
.sides blockquote { margin: 0; }
.top > .note, .group > p { margin: .4rem 0; }
.options { font-size: .8rem; margin: 0 0 .4rem; }
svg.map { display: block; width: 100%; max-width: 52rem; height: auto; margin: .5rem 0 1rem; }
details { margin: 1rem 0; border-top: 2px solid #ccc; }
details > summary { cursor: pointer; font-size: 1.2rem; font-weight: 700; padding: .5rem 0; }
/* The handout: A4, dark on white, every collapsed part printed open, a question never split over two pages. */
@media print {
  @page { size: A4; margin: 15mm; }
  :root { font-size: 11pt; }
  html, body { background: #fff; color: #000; }
  body { max-width: none; padding: 0; }
  h2 { break-before: page; margin-top: 0; }
  section.group:first-of-type h2 { break-before: auto; }
  h3, h4, summary { break-after: avoid; }
  .question, .top, table, svg, blockquote, .sides > div { break-inside: avoid; }
  .fact .big { font-size: 20pt; }
  details { border-top: 0; }
  details::details-content { content-visibility: visible; display: block; }
  details > summary { list-style: none; }
}
`;

interface Bar {
  label: string;
  count: number;
  share: number;
  colour: string;
  mark?: string;
}

/** Where a bar chart puts its parts, in SVG units of a 1000-wide view box. */
interface BarLayout {
  row: number;
  labelY: number;
  /** Characters of the label shown (the whole label is in the tooltip); `marked` when a mark follows it. */
  label: { plain: number; marked: number };
  bar: { x: number; y: number; width: number };
  countX: number;
  numbersY: number;
  /** Whether the afspraak's mark is shown after the label. */
  marks: boolean;
}

/** Label above its bar, the label as whole as fits: for the full question blocks. */
const WIDE: BarLayout = { row: 78, labelY: 24, label: { plain: 76, marked: 62 }, bar: { x: 0, y: 36, width: 800 }, countX: 815, numbersY: 58, marks: true };
/** Label beside its bar, one line per row: for the first screen. */
const COMPACT: BarLayout = { row: 44, labelY: 29, label: { plain: 34, marked: 34 }, bar: { x: 430, y: 8, width: 380 }, countX: 825, numbersY: 30, marks: false };

/** A horizontal bar chart as inline SVG: per row the label, the bar, count and share. */
function barChart(rows: Bar[], title: string, layout: BarLayout = WIDE): string {
  const { row, bar } = layout;
  const parts = rows.map((r, i) => {
    const y = i * row;
    const w = Math.round(r.share * bar.width);
    const marked = layout.marks && r.mark !== undefined;
    const mark = marked ? `<tspan font-weight="700" fill="#1b5e20"> ${esc(r.mark!)}</tspan>` : '';
    return [
      `<g>`,
      `<title>${esc(`${r.label}: ${r.count} (${percent(r.share)})`)}</title>`,
      `<text x="0" y="${y + layout.labelY}" font-size="22">${esc(truncate(r.label, marked ? layout.label.marked : layout.label.plain))}${mark}</text>`,
      `<rect x="${bar.x}" y="${y + bar.y}" width="${bar.width}" height="28" rx="4" fill="#e9ecef"/>`,
      w > 0 ? `<rect class="bar" x="${bar.x}" y="${y + bar.y}" width="${w}" height="28" rx="4" fill="${r.colour}"/>` : '',
      `<text x="${layout.countX}" y="${y + layout.numbersY}" font-size="22" font-weight="700">${r.count}</text>`,
      `<text x="${layout.countX + 65}" y="${y + layout.numbersY}" font-size="20" fill="#444">${percent(r.share)}</text>`,
      `</g>`,
    ].join('');
  });
  return `<svg class="chart" viewBox="0 0 1000 ${rows.length * row + 4}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`;
}

/** Per domain, one bar split into the shares of each answer: where "care and safety see this differently" shows. */
function stackedChart(q: QuestionRow, all: string, title: string): string {
  const rows = [{ domain: all, answered: q.answered, answers: q.answers.filter((a) => a.count > 0).map((a) => ({ key: a.key, count: a.count })) }, ...q.by_domain];
  const colourOf = new Map(q.answers.map((a, i) => [a.key, colour(i)]));
  const labelOf = new Map(q.answers.map((a) => [a.key, a.label]));
  const row = 46;
  const parts = rows.map((r, i) => {
    const y = i * row + 4;
    let x = 400;
    const segments = r.answers.map((a) => {
      const w = r.answered === 0 ? 0 : (a.count / r.answered) * 440;
      const rect = `<rect class="bar" x="${x.toFixed(2)}" y="${y + 8}" width="${w.toFixed(2)}" height="28" fill="${colourOf.get(a.key) ?? '#444444'}"><title>${esc(`${r.domain} · ${labelOf.get(a.key) ?? a.key}: ${a.count}`)}</title></rect>`;
      x += w;
      return rect;
    });
    return `<g><text x="0" y="${y + 29}" font-size="22"${i === 0 ? ' font-weight="700"' : ''}>${esc(truncate(r.domain, 28))}</text>${segments.join('')}<text x="852" y="${y + 29}" font-size="22">${r.answered}</text></g>`;
  });
  const chart = `<svg class="chart domains" viewBox="0 0 1000 ${rows.length * row + 8}" role="img" aria-label="${esc(title)}">${parts.join('')}</svg>`;
  const legend = q.answers
    .filter((a) => a.count > 0)
    .map((a) => `<li><svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true"><rect width="18" height="18" fill="${colourOf.get(a.key)!}"/></svg>${esc(a.label)}</li>`);
  return `${chart}<ul class="legend">${legend.join('')}</ul>`;
}

function tableHtml(header: string[], rows: string[][], numeric: number[] = []): string {
  const head = header.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell, i) => `<td${numeric.includes(i) ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The report as one self-contained HTML file: inline CSS and SVG, no scripts, nothing fetched; large type, printable. */
export function formatHtml(report: ReviewReport): string {
  const lang = report.language;
  const out: string[] = [];
  const add = (...parts: string[]) => out.push(...parts);

  add(
    '<!DOCTYPE html>',
    `<html lang="${esc(lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be fetched or run: the report is data, whoever wrote the motivations.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(t('review.docTitle'))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(t('review.docTitle'))}</h1>`,
    `<p class="disclaimer">${esc(t('disclaimer'))}</p>`,
    `<p class="meta">${esc(totalsLine(report))}</p>`,
    '</header>',
    '<main>',
  );
  if (report.groups.length === 0) add(`<p>${esc(t('review.noGroups'))}</p>`);
  for (const group of report.groups) section(group);
  if (report.flagged.length > 0) {
    add(
      '<section class="flagged">',
      `<h2>${esc(t('review.flagged', { count: report.flagged.length }))}</h2>`,
      tableHtml(
        [t('review.file'), t('review.status'), t('record.reason'), ''],
        report.flagged.map((f) => [
          esc(f.file),
          `<span class="${f.status === 'untrusted' || f.status === 'unsigned' ? 'warn' : 'bad'}">${esc(f.status)}</span>`,
          esc([f.code, f.reason].filter(Boolean).join(': ')),
          esc(f.included ? t('review.counted') : t('review.leftOut')),
        ]),
      ),
      '</section>',
    );
  }
  add('</main>', '</body>', '</html>');
  return out.join('\n') + '\n';

  function section(group: GroupReport): void {
    add(
      '<section class="group">',
      `<h2>${esc(group.dilemma.title)}</h2>`,
      `<p class="spread">${esc(spreadLine(group))}</p>`,
      '<div class="facts">',
      `<div class="fact"><span class="big">${group.spread.outcomes}</span>${esc(t('review.outcomesHeading'))}</div>`,
      `<div class="fact"><span class="big">${group.spread.largest?.count ?? 0}/${group.records}</span>${esc(t('review.largestHeading'))}</div>`,
      ...(group.spread.afspraak
        ? [`<div class="fact"><span class="big">${group.spread.afspraak.reached}/${group.records}</span>${esc(t('review.afspraakReachedHeading'))}</div>`]
        : []),
      `<div class="fact"><span class="big">${group.deviations.count}</span>${esc(t('review.deviationsHeading'))}</div>`,
      '</div>',
      ...[afspraakLine(group)].filter((line) => line !== undefined).map((line) => `<p>${esc(line)}</p>`),
      `<p class="note">${esc(agreementLine(group, lang))} ${esc(t('review.kappaNote'))}</p>`,
      `<p class="meta">${esc(treeLine(group))}</p>`,
      ...(group.tree.available ? [] : [`<p class="warn">${esc(t('review.treeUnavailable'))}</p>`]),
      `<h3>${esc(t('review.outcomes'))}</h3>`,
      barChart(
        group.outcomes.map((o, i) => ({ label: o.label, count: o.count, share: o.share, colour: colour(i) })),
        t('review.outcomes'),
        COMPACT,
      ),
    );
    disputed(group);
    // The rest is there for who wants it, one click away: the first screens stay the trainer's. The
    // map is a picture, not a detail: it stays open, after the one line that holds all questions.
    add(`<details class="questions"><summary>${esc(t('review.allQuestions', { count: group.questions.length }))}</summary>`, `<p class="note">${esc(t('review.divergenceNote'))}</p>`);
    for (const q of group.questions) question(q);
    add('</details>');
    map(group);
    domains(group);
    afspraak(group);
    deviations(group);
    add('</section>');
  }

  /** The three most disputed questions: per answer its count, its domains and one motivation, side by side. */
  function disputed(group: GroupReport): void {
    const top = mostDisputed(group, 3);
    add(`<h3>${esc(t('review.topDisputed', { count: top.length === 0 ? 3 : top.length }))}</h3>`);
    if (top.length === 0) {
      add(`<p>${esc(t('review.topNone'))}</p>`);
      return;
    }
    add(`<p class="note">${esc(t('review.topNote'))}</p>`);
    for (const q of top) {
      add(
        `<article class="top">`,
        `<h4>${q.disputed ? `<span class="flag" title="${esc(t('record.disputed'))}">⚑</span> ` : ''}${esc(q.text)}</h4>`,
        `<p class="meta">${esc([`${t('review.divergence')} ${decimal(q.divergence!, lang)}`, t('review.answered', { count: q.answered })].join(' · '))}</p>`,
      );
      if (q.options.length > 0) {
        add(`<p class="options">${q.options.filter((o) => o.count > 0).map((o) => `${o.agreed ? '◆ ' : ''}${esc(o.label)} <strong>${o.count}/${q.answered}</strong>`).join(' · ')}</p>`);
      }
      // The four most given answers side by side (one row at 1280 pixels); the rest are counted.
      const given = q.answers.map((a, i) => ({ a, i })).filter(({ a }) => a.count > 0);
      const shown = [...given].sort((x, y) => y.a.count - x.a.count || x.i - y.i).slice(0, 4);
      add('<div class="sides">');
      shown.forEach(({ a, i }) => {
        const domains = q.by_domain.flatMap((d) => d.answers.filter((x) => x.key === a.key).map((x) => `${breakdownName(report, d.domain)} ${x.count}`));
        const quote = a.motivations.items[0];
        add(
          `<div style="--c: ${colour(i)}">`,
          `<h5 title="${esc(a.label)}">${a.agreed ? '◆ ' : ''}${esc(truncate(a.label, 70))} · ${a.count}/${q.answered}</h5>`,
          `<p class="domains">${esc(domains.join(' · '))}</p>`,
          quote
            ? `<blockquote><p>${esc(truncate(quote.text, 160))}</p><footer>${esc(who(quote.author, quote.record, true))}</footer></blockquote>`
            : `<p class="note">${esc(t('review.noMotivation'))}</p>`,
          '</div>',
        );
      });
      add('</div>');
      if (given.length > shown.length) add(`<p class="note">${esc(t('review.moreAnswers', { count: given.length - shown.length }))}</p>`);
      add('</article>');
    }
  }

  /** The path map as inline SVG: the taken part of the tree in layers, line width by count, the afspraak's path in green. */
  function map(group: GroupReport): void {
    const m = pathMap(group.flow);
    if (m.nodes.length === 0) return;
    const width = 1000;
    const rowHeight = 104;
    const boxHeight = 62;
    const gap = 16;
    const box = new Map<string, { x: number; y: number; w: number }>();
    for (const row of m.layers) {
      const w = Math.min(300, (width - 8 - gap * (row.length - 1)) / Math.max(1, row.length));
      const x0 = (width - (w * row.length + gap * (row.length - 1))) / 2;
      for (const n of row) box.set(n.id, { x: x0 + n.slot * (w + gap), y: 22 + n.layer * rowHeight, w });
    }
    const f = (v: number) => v.toFixed(1);
    const lines = joinParallel(m.edges).map((e) => {
      const a = box.get(e.from)!;
      const b = box.get(e.to)!;
      const [x1, y1, x2, y2] = [a.x + a.w / 2, a.y + boxHeight, b.x + b.w / 2, b.y];
      const bend = Math.min(48, (y2 - y1) / 2);
      const stroke = e.afspraak ? AGREED : TAKEN;
      const dash = e.records === 0 ? ' stroke-dasharray="8 6"' : '';
      // The count sits on the line: halfway for a step to the next layer; just below the question for a
      // longer line, which passes behind the boxes in between.
      const at = b.y - a.y > rowHeight ? 0.2 : 0.5;
      const ease = 3 * at * at - 2 * at * at * at;
      const [lx, ly] = [x1 + (x2 - x1) * ease, y1 + (y2 - y1) * at];
      return [
        `<g class="edge${e.afspraak ? ' agreed' : ''}" data-records="${e.records}">`,
        `<title>${esc(`${e.label ? `${e.label}: ` : ''}${e.records}`)}</title>`,
        `<path d="M${f(x1)} ${f(y1)} C${f(x1)} ${f(y1 + bend)} ${f(x2)} ${f(y2 - bend)} ${f(x2)} ${f(y2)}" fill="none" stroke="${stroke}" stroke-width="${edgeWidth(e.records, m.most)}" stroke-opacity="${e.afspraak ? 1 : 0.75}"${dash}/>`,
        `<rect x="${f(lx - 17)}" y="${f(ly - 13)}" width="34" height="26" rx="13" fill="#fff" stroke="${stroke}" stroke-width="2"/>`,
        `<text class="count" x="${f(lx)}" y="${f(ly + 6)}" font-size="17" font-weight="700" text-anchor="middle" fill="${stroke}">${e.records}</text>`,
        '</g>',
      ].join('');
    });
    const boxes = m.nodes.map((n) => {
      const { x, y, w } = box.get(n.id)!;
      const fill = n.kind === 'outcome' ? '#e6f4e6' : n.kind === 'info' ? '#f4f4f4' : n.disputed ? '#fff4e0' : '#eef3fb';
      const stroke = n.afspraak ? AGREED : n.kind === 'outcome' ? '#2e7d32' : n.disputed ? '#b26a00' : TAKEN;
      // About 9.5 viewBox units per character at 17 units: two lines of the label, the rest cut with an ellipsis.
      const room = Math.max(6, Math.floor((w - 20) / 9.5));
      const wrapped = wrapText(`${n.disputed ? '⚑ ' : ''}${n.label}`.replace(/\s+/g, ' '), room);
      const shown = wrapped.length > 2 ? [wrapped[0]!, truncate(`${wrapped[1]!} ${wrapped[2]!}`, room)] : wrapped;
      const text = shown.map((line, i) => `<tspan x="${f(x + w / 2)}" y="${f(y + (shown.length === 1 ? 37 : 27 + i * 20))}">${esc(line)}</tspan>`).join('');
      return [
        `<g class="node ${n.kind}${n.afspraak ? ' agreed' : ''}">`,
        `<title>${esc(`${n.label} (${n.records})`)}</title>`,
        `<rect x="${f(x)}" y="${f(y)}" width="${f(w)}" height="${boxHeight}" rx="${n.kind === 'outcome' ? 28 : 6}" fill="${fill}" stroke="${stroke}" stroke-width="${n.afspraak ? 4 : 2}"/>`,
        `<text font-size="17" text-anchor="middle">${text}</text>`,
        `<circle cx="${f(x + w - 6)}" cy="${f(y)}" r="17" fill="${n.afspraak ? AGREED : '#333'}"/>`,
        `<text class="count" x="${f(x + w - 6)}" y="${f(y + 6)}" font-size="17" font-weight="700" text-anchor="middle" fill="#fff">${n.records}</text>`,
        '</g>',
      ].join('');
    });
    add(
      `<h3>${esc(t('review.flow'))}</h3>`,
      `<p class="note">${esc(t('review.flowNote'))}</p>`,
      `<svg class="map" viewBox="0 0 ${width} ${m.layers.length * rowHeight + 8}" role="img" aria-label="${esc(t('review.flow'))}">${lines.join('')}${boxes.join('')}</svg>`,
    );
  }

  function question(q: QuestionRow): void {
    const facts = [t('review.answered', { count: q.answered })];
    if (q.divergence !== null) facts.unshift(`${t('review.divergence')} ${decimal(q.divergence, lang)}`);
    if (q.afspraak && q.afspraak.deviating > 0) facts.push(t('review.deviatingHere', { count: q.afspraak.deviating }));
    add(
      `<article class="question${q.disputed ? ' disputed' : ''}">`,
      `<h4>${q.rank}. ${q.disputed ? `<span class="flag" title="${esc(t('record.disputed'))}">⚑</span> ` : ''}${esc(q.text)}</h4>`,
      `<p class="meta">${esc(facts.join(' · '))}${q.disputed ? ` · <span class="flag">${esc(t('record.disputed'))}</span>` : ''}</p>`,
    );
    if (q.options.length > 0) {
      const mark = `◆ ${t('record.agreed').toLowerCase()}`;
      add(`<p class="note">${esc(t('review.optionsNote'))}</p>`);
      add(barChart(q.options.map((o, i) => ({ label: o.label, count: o.count, share: o.share, colour: colour(i), ...(o.agreed ? { mark } : {}) })), q.text));
      add(`<p class="note">${esc(t('review.combinations'))}</p>`);
    }
    if (q.kind !== 'text') {
      const mark = `◆ ${t('record.agreed').toLowerCase()}`;
      add(barChart(q.answers.map((a, i) => ({ label: a.label, count: a.count, share: a.share, colour: colour(i), ...(a.agreed ? { mark } : {}) })), q.text));
      if (q.by_domain.length > 1) add(`<h5>${esc(breakdownTexts(report).heading)}</h5>`, stackedChart(q, t('review.all'), `${breakdownTexts(report).heading}: ${q.text}`));
    }
    const sets: [string, number, Capped<Quote>, string][] =
      q.kind === 'text'
        ? [[t('review.textAnswers'), q.answered, q.texts, '#2f5597']]
        : q.answers.map((a, i) => [a.label, a.count, a.motivations, colour(i)]);
    if (sets.some(([, , s]) => s.items.length > 0)) {
      add(`<h5>${esc(q.kind === 'text' ? t('review.textAnswers') : t('review.motivations'))}</h5>`, '<div class="motivations">');
      for (const [label, count, set, c] of sets) {
        if (set.items.length === 0) continue;
        add(`<div style="--c: ${c}">`, `<h5>${esc(label)} (${count})</h5>`);
        for (const quote of set.items) {
          const extra = quote.motivation ? `<p class="note">${esc(quote.motivation)}</p>` : '';
          add(`<blockquote><p>${esc(quote.text)}</p>${extra}<footer>${esc(who(quote.author, quote.record))}</footer></blockquote>`);
        }
        if (set.omitted > 0) add(`<p class="note">${esc(t('review.more', { count: set.omitted }))}</p>`);
        add('</div>');
      }
      add('</div>');
    }
    add('</article>');
  }

  function domains(group: GroupReport): void {
    if (group.by_domain.length === 0) return;
    add(
      `<details class="domains"><summary>${esc(breakdownTexts(report).heading)}</summary>`,
      tableHtml(
        [breakdownTexts(report).column, t('review.recordsHeading'), t('review.agreementHeading'), t('review.mostChosen')],
        group.by_domain.map((d) => [
          esc(d.domain),
          String(d.records),
          esc(kappaText(d.agreement.kappa, lang)),
          d.outcomes[0] ? `${esc(d.outcomes[0].label)} (${d.outcomes[0].count})` : '',
        ]),
        [1, 2],
      ),
      '</details>',
    );
  }

  function afspraak(group: GroupReport): void {
    const a = group.afspraak;
    if (!a) return;
    add(`<details class="afspraak"><summary>${esc(t('review.whoDeparts'))}</summary>`);
    if (a.agreed) {
      if (a.agreed.fictitious) add(`<p class="note">${esc(t('record.afspraakFictitious'))}</p>`);
      add(
        `<p>${esc(t('review.agreedOutcome'))}: <strong>${esc(a.agreed.outcome.label)}</strong> (${esc(a.agreed.by)}, ${esc(a.agreed.date)})</p>`,
        `<blockquote><p>${esc(a.agreed.rationale)}</p></blockquote>`,
      );
    } else add(`<p>${esc(t('review.afspraakUnknown'))}</p>`);
    add(`<p>${esc(t('review.afspraakCounts', { compared: a.compared, same: a.same_outcome, departing: a.departing }))}</p>`);
    if (a.records.items.length > 0) {
      add(
        tableHtml(
          [t('review.who'), t('record.outcome'), t('review.departsAt')],
          a.records.items.map((r) => [
            esc(who(r.author, r.record)),
            esc(r.same_outcome ? t('record.sameOutcome') : t('record.otherOutcome')),
            esc(departure(r)),
          ]),
        ),
      );
    }
    if (a.records.omitted > 0) add(`<p class="note">${esc(t('review.more', { count: a.records.omitted }))}</p>`);
    add('</details>');
  }

  function deviations(group: GroupReport): void {
    if (group.deviations.count === 0) return;
    add(`<details class="deviations"><summary>${esc(t('review.deviations', { count: group.deviations.count }))}</summary>`);
    for (const d of group.deviations.records.items) {
      add(
        `<blockquote><p><strong>${esc(t('record.decision'))}:</strong> ${esc(d.decision)}</p><p><strong>${esc(t('record.reason'))}:</strong> ${esc(d.reason)}</p>`,
        `<footer>${esc(who(d.author, d.record))} · ${esc(t('record.outcome'))}: ${esc(d.outcome.label)}</footer></blockquote>`,
      );
    }
    if (group.deviations.records.omitted > 0) add(`<p class="note">${esc(t('review.more', { count: group.deviations.records.omitted }))}</p>`);
    add('</details>');
  }
}
