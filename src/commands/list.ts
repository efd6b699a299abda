import { Catalog } from '../dilemma/catalog.js';
import { localize } from '../dilemma/localize.js';
import { language, t } from '../i18n/index.js';
import { oneLine } from '../platform/text.js';
import { defineCommand } from './define.js';

/** `leertuin list`: every dilemma and kader found, with id, version and title. */
export default defineCommand({
  examples: ['leertuin list', 'leertuin list --json'],
  async run(ctx) {
    const catalog = Catalog.of(ctx.config());
    const lang = language();
    const rows = catalog.entries().map((entry) => {
      const { file, pin } = catalog.parse(entry.path);
      const source = file.data.languages[0];
      return {
        kind: entry.kind,
        id: pin.id,
        version: pin.version,
        title: localize(file.data.title, lang, source),
        summary: file.data.summary ? localize(file.data.summary, lang, source) : '',
        ...(file.kind === 'dilemma' && file.data.kader ? { kader: file.data.kader } : {}),
        bundled: entry.bundled,
        path: entry.path,
      };
    });
    if (ctx.options.json) {
      ctx.outJson({ dilemmas: rows.filter((r) => r.kind === 'dilemma'), kaders: rows.filter((r) => r.kind === 'kader') });
      return 0;
    }
    const style = ctx.outStyle;
    for (const kind of ['dilemma', 'kader'] as const) {
      const group = rows.filter((r) => r.kind === kind);
      if (group.length === 0) continue;
      ctx.out(style.heading(kind === 'dilemma' ? t('list.dilemmas') : t('list.kaders')));
      const width = Math.max(...group.map((r) => r.id.length));
      for (const row of group) {
        const origin = row.bundled ? t('list.bundled') : t('list.project');
        ctx.out(`  ${style.bold(row.id.padEnd(width))}  ${row.version.padEnd(6)} ${oneLine(row.title)} ${style.dim(`(${origin})`)}`);
        if (row.summary) ctx.out(`  ${' '.repeat(width)}  ${' '.repeat(7)}${style.dim(oneLine(row.summary))}`);
      }
      ctx.out('');
    }
    return 0;
  },
});
