import { Catalog } from '../dilemma/catalog.js';
import { successors } from '../dilemma/graph.js';
import { kindOf } from '../dilemma/kinds/index.js';
import { localize } from '../dilemma/localize.js';
import { treeReview, type LoadedDilemma } from '../dilemma/model.js';
import { legalLines, type LegalLine } from '../dilemma/reference.js';
import type { Localized, TreeNode } from '../dilemma/schema.js';
import { language, t } from '../i18n/index.js';
import { oneLine, stripControl } from '../platform/text.js';
import { argument, defineCommand } from './define.js';

/** The resolved tree in the stable public shape of `show --json` (texts in the chosen language). */
export function publicTree(dilemma: LoadedDilemma, lang: string) {
  const source = dilemma.file.languages[0];
  const text = (value: Localized | undefined) => (value === undefined ? undefined : localize(value, lang, source));
  const reviewed = treeReview(dilemma);
  const node = (n: TreeNode) => ({
    id: n.id,
    kind: n.kind,
    text: text(n.text),
    ...(n.help ? { help: text(n.help) } : {}),
    ...(n.legal ? { legal: legalLines(n.legal, dilemma.reference, lang, source).map((l) => ({ text: l.text, ...(l.id ? { id: l.id } : {}), ...(l.url ? { url: l.url } : {}) })) } : {}),
    ...(n.disputed ? { disputed: text(n.disputed) } : {}),
    ...kindOf(n).publicFields(n, (value) => localize(value, lang, source)),
  });
  return {
    id: dilemma.pin.id,
    version: dilemma.pin.version,
    sha256: dilemma.pin.sha256,
    ...(dilemma.kader ? { kader: dilemma.kader.pin } : {}),
    language: lang,
    title: text(dilemma.file.title),
    ...(dilemma.file.summary ? { summary: text(dilemma.file.summary) } : {}),
    case: text(dilemma.file.case),
    ...(reviewed ? { reviewed: { by: text(reviewed.by), date: reviewed.date, against: text(reviewed.against) } } : {}),
    start: dilemma.tree.start,
    nodes: [...dilemma.tree.nodes.values()].map(node),
  };
}

/** `leertuin show <dilemma>`: the case and an outline of its question tree. */
export default defineCommand({
  args: { dilemma: argument.required() },
  examples: ['leertuin show zvh-alles-delen', 'leertuin show zvh-alles-delen --json'],
  async run(ctx, { dilemma: ref }) {
    const dilemma = Catalog.of(ctx.config()).dilemma(ref);
    const lang = language();
    const shown = publicTree(dilemma, lang);
    if (ctx.options.json) {
      ctx.outJson(shown);
      return 0;
    }
    const style = ctx.outStyle;
    const source = dilemma.file.languages[0];
    const text = (value: Localized) => oneLine(localize(value, lang, source));
    const lines: string[] = [style.heading(oneLine(shown.title ?? '')), style.dim(`${shown.id} ${shown.version}`), ''];
    lines.push(stripControl(shown.case ?? ''), '');
    const { roles, categories, doubts } = dilemma.file;
    if (roles) {
      lines.push(style.bold(t('show.roles')));
      if (roles.asks) lines.push(`  ${t('show.asks')}: ${text(roles.asks)}`);
      if (roles.holds) lines.push(`  ${t('show.holds')}: ${text(roles.holds)}`);
      if (roles.subject) lines.push(`  ${t('show.subject')}: ${text(roles.subject)}`);
    }
    if (categories?.length) lines.push(style.bold(t('show.categories')), ...categories.map((c) => `  - ${text(c)}`));
    if (doubts?.length) lines.push(style.bold(t('show.doubts')), ...doubts.map((d) => `  - ${text(d)}`));
    lines.push('', style.bold(`${t('show.tree')}${dilemma.kader ? ` (${t('show.kader')} ${dilemma.kader.pin.id} ${dilemma.kader.pin.version})` : ''}`));
    lines.push(...outline(dilemma, text, style.dim));
    const sources = citedSources(dilemma, lang);
    if (sources.length > 0) lines.push('', style.bold(t('show.sources')), ...sources.map((s) => `  - ${oneLine(s.text)}${s.url ? ` ${style.dim(s.url)}` : ''}`));
    const reviewed = treeReview(dilemma);
    if (reviewed) lines.push('', style.dim(t('show.reviewed', { by: oneLine(text(reviewed.by)), date: reviewed.date, against: oneLine(text(reviewed.against)) })));
    if (dilemma.file.afspraak) lines.push('', style.dim(t('show.afspraak')));
    ctx.out(lines.join('\n'));
    return 0;
  },
});

/** Every source the tree cites, once each, in the order of first citation. */
function citedSources(dilemma: LoadedDilemma, lang: string): LegalLine[] {
  const seen = new Map<string, LegalLine>();
  for (const node of dilemma.tree.nodes.values()) {
    for (const line of legalLines(node.legal, dilemma.reference, lang, dilemma.file.languages[0])) {
      const key = line.id ?? line.text;
      if (!seen.has(key)) seen.set(key, line);
    }
  }
  return [...seen.values()];
}

/** The tree depth-first from the start; a node shown before is referred to, not repeated. */
function outline(dilemma: LoadedDilemma, text: (value: Localized) => string, dim: (s: string) => string): string[] {
  const lines: string[] = [];
  const shown = new Set<string>();
  const visit = (id: string, depth: number, via: string) => {
    const node = dilemma.tree.nodes.get(id);
    const pad = '  '.repeat(depth);
    if (!node) return;
    const mark = node.kind === 'outcome' ? '■' : node.disputed ? '⚑' : '•';
    if (shown.has(id)) {
      lines.push(`${pad}${via}→ ${dim(id)}`);
      return;
    }
    shown.add(id);
    lines.push(`${pad}${via}${mark} ${text(node.text)} ${dim(`[${id}]`)}`);
    for (const way of successors(node)) {
      const when = way.rule?.when ? Object.entries(way.rule.when).map(([k, v]) => `${k} ${(v ?? []).join(',')}`).join('; ') : '*';
      visit(way.target, depth + 1, way.option ? `${text(way.option.label)}: ` : way.rule ? `(${when}) ` : '');
    }
  };
  visit(dilemma.tree.start, 1, '');
  return lines;
}
