import { existsSync } from 'node:fs';
import { SETTING_ORIGINS, type Config, type ConfigFlags, type Source } from '../config/config.js';
import { t } from '../i18n/index.js';
import { oneLine } from '../platform/text.js';
import { defineCommand } from './define.js';
import { sharedOption } from './shared/common-options.js';

interface Row {
  /** The name as in the configuration files. */
  name: string;
  value: unknown;
  source: Source;
  /** The flag, environment variable or file the value came from. */
  from?: string;
}

function rows(config: Config): Row[] {
  const names = { allowedSigners: 'allowed_signers' } as Record<string, string>;
  const result = (Object.keys(SETTING_ORIGINS) as (keyof typeof SETTING_ORIGINS)[]).map((key): Row => {
    const { value, source } = config[key];
    const origin: { flag?: string; env?: string } = SETTING_ORIGINS[key];
    const from =
      source === 'flag' ? origin.flag : source === 'env' ? origin.env : source === 'project' ? config.projectFile : source === 'user' ? config.userFile : undefined;
    return { name: names[key] ?? key, value: value ?? null, source, ...(from ? { from } : {}) };
  });
  const hasAuthor = Object.keys(config.author).length > 0;
  result.push({ name: 'author', value: hasAuthor ? config.author : null, source: hasAuthor ? 'user' : 'default', ...(hasAuthor ? { from: config.userFile } : {}) });
  return result;
}

function show(value: unknown): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return Object.values(value as Record<string, string>).join(', ');
  return String(value);
}

/** `leertuin config`: the effective configuration, and where each value came from. */
export default defineCommand({
  options: { out: sharedOption.recordsOut, key: sharedOption.key, allowedSigners: sharedOption.allowedSigners },
  examples: ['leertuin config', 'leertuin config --json'],
  async run(ctx, _args, options) {
    const flags: ConfigFlags = {
      // The global --lang counts as a flag here too, so `config` can say a value came from it.
      ...(ctx.options.langFlag ? { lang: ctx.options.langFlag } : {}),
      ...(options.out ? { out: options.out } : {}),
      ...(options.key ? { key: options.key } : {}),
      ...(options.allowedSigners ? { allowedSigners: options.allowedSigners } : {}),
    };
    const config = ctx.config(flags);
    const settings = rows(config);
    const userFileExists = existsSync(config.userFile);
    if (ctx.options.json) {
      ctx.outJson({
        ok: true,
        project_file: config.projectFile ?? null,
        user_file: config.userFile,
        user_file_exists: userFileExists,
        settings: Object.fromEntries(settings.map(({ name, ...row }) => [name, row])),
      });
      return 0;
    }
    const width = Math.max(...settings.map((r) => r.name.length)) + 2;
    const values = settings.map((r) => oneLine(show(r.value)));
    const valueWidth = Math.min(48, Math.max(...values.map((v) => v.length))) + 2;
    const lines = settings.map((r, i) => {
      const source = `${t(`config.source.${r.source}`)}${r.from ? ` ${oneLine(r.from)}` : ''}`;
      // A value wider than the column (a long path) still keeps two spaces before its source.
      const value = values[i]!;
      return `${r.name.padEnd(width)}${value}${' '.repeat(Math.max(2, valueWidth - value.length))}${ctx.outStyle.dim(source)}`;
    });
    lines.push('');
    lines.push(`${t('config.projectFile')}: ${config.projectFile ? oneLine(config.projectFile) : t('config.none')}`);
    lines.push(`${t('config.userFile')}: ${oneLine(config.userFile)}${userFileExists ? '' : ` (${t('config.missing')})`}`);
    ctx.out(lines.join('\n'));
    return 0;
  },
});
