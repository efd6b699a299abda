import { t } from '../i18n/index.js';
import { stripControl } from '../platform/text.js';
import { agreedLine, departingReason, sinceLine } from './format.js';
import type { AfspraakRegister, RegisterEntry } from './register.js';

/** Text from dilemma files, records or messages, inert in HTML: no markup, no control characters. */
function esc(text: string): string {
  return stripControl(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = `
:root { color-scheme: light; font-size: 20px; }
body { margin: 0 auto; max-width: 52rem; padding: 1.5rem 2rem 3rem; font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: #111; background: #fff; }
h1 { font-size: 2rem; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .25rem; padding-top: .75rem; border-top: 4px solid #2f5597; }
.meta, .disclaimer, .note { color: #444; }
.outcome { font-size: 1.2rem; font-weight: 700; }
.fictitious { color: #8a5200; font-weight: 700; }
blockquote { margin: .5rem 0; padding: 0 0 0 .75rem; border-left: 3px solid #ddd; white-space: pre-line; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .7rem; border-bottom: 1px solid #ddd; }
.warn { color: #8a5200; font-weight: 700; }
@media print { :root { font-size: 11pt; } body { max-width: none; padding: 0; } section { break-inside: avoid; } }
@page { margin: 15mm; }
`;

function entryHtml(entry: RegisterEntry): string {
  const parts: string[] = [
    '<section>',
    `<h2>${esc(entry.dilemma.title)}</h2>`,
    `<p class="meta"><code>${esc(entry.dilemma.id)}</code> ${esc(entry.dilemma.version)} · ${esc(t(entry.tree.kind === 'kader' ? 'afspraken.kader' : 'afspraken.ownTree'))} <code>${esc(entry.tree.id)}</code> ${esc(entry.tree.version)}</p>`,
  ];
  if (entry.fictitious) parts.push(`<p class="fictitious">${esc(t('afspraken.fictitious'))}</p>`);
  parts.push(`<p class="outcome">${esc(t('afspraken.outcome'))}: ${esc(entry.outcome.label)}</p>`);
  if (entry.outcome.conditions.length > 0) parts.push(`<p>${esc(t('afspraken.conditions'))}:</p><ul>${entry.outcome.conditions.map((c) => `<li>${esc(c)}</li>`).join('')}</ul>`);
  if (entry.outcome.legal.length > 0) {
    // A link opens only when clicked; the page itself fetches nothing (the CSP stays default-src 'none').
    const item = (l: { text: string; url?: string }) => (l.url ? `<li><a href="${esc(l.url)}">${esc(l.text)}</a></li>` : `<li>${esc(l.text)}</li>`);
    parts.push(`<p>${esc(t('record.legal'))}:</p><ul class="sources">${entry.outcome.legal.map(item).join('')}</ul>`);
  }
  parts.push(
    `<table><thead><tr><th>${esc(t('afspraken.question'))}</th><th>${esc(t('afspraken.answer'))}</th></tr></thead><tbody>`,
    ...entry.answers.map((a) => `<tr><td>${esc(a.question)}</td><td>${esc(a.label)}</td></tr>`),
    '</tbody></table>',
    `<p>${esc(t('afspraken.rationale'))}:</p><blockquote>${esc(entry.rationale)}</blockquote>`,
    `<p class="meta">${esc(agreedLine(entry))}</p>`,
    `<p${entry.since.other_outcome + entry.since.deviated > 0 ? ' class="warn"' : ''}>${esc(sinceLine(entry))}</p>`,
  );
  if (entry.since.departing.items.length > 0) {
    parts.push(
      `<table><thead><tr><th>${esc(t('afspraken.record'))}</th><th>${esc(t('afspraken.outcome'))}</th><th>${esc(t('afspraken.reason'))}</th></tr></thead><tbody>`,
      ...entry.since.departing.items.map((d) => `<tr><td>${esc(d.record)}</td><td>${esc(d.outcome.label)}</td><td>${esc(departingReason(d))}</td></tr>`),
      '</tbody></table>',
    );
    if (entry.since.departing.omitted > 0) parts.push(`<p class="note">${esc(t('afspraken.omitted', { count: entry.since.departing.omitted }))}</p>`);
  }
  parts.push('</section>');
  return parts.join('\n');
}

/** "Onze afspraken" as one self-contained, printable HTML file: inline CSS, no script, nothing fetched. */
export function formatRegisterHtml(register: AfspraakRegister): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${esc(register.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be fetched or run: the handout is data, whoever wrote the texts in it.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${esc(t('afspraken.title'))}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(t('afspraken.title'))}</h1>`,
    `<p class="disclaimer">${esc(t('disclaimer'))}</p>`,
    '<main>',
    register.entries.length === 0 ? `<p>${esc(t('afspraken.none'))}</p>` : register.entries.map(entryHtml).join('\n'),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
