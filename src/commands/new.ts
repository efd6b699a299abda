import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readTemplate, scaffoldDilemma, TEMPLATES_DIR } from '../authoring/scaffold.js';
import { BUNDLED_DIR, Catalog } from '../dilemma/catalog.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedKader } from '../dilemma/model.js';
import { treeSchemas } from '../dilemma/schema.js';
import { LeertuinError } from '../errors.js';
import { language, t } from '../i18n/index.js';
import { writeFileAtomic } from '../platform/atomic.js';
import { oneLine } from '../platform/text.js';
import { parseYaml, validate } from '../platform/yaml-source.js';
import { argument, defineCommand, option } from './define.js';
import { checkReason, scan } from './shared/privacy.js';

const DEFAULT_KADER = 'mag-ik-delen';

/** `mijn-dilemma` becomes "Mijn dilemma": a title to start from. */
function titleFromId(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function kaderChoices(catalog: Catalog): LoadedKader[] {
  return catalog
    .entries()
    .filter((e) => e.kind === 'kader')
    .flatMap((e) => {
      try {
        const kader = catalog.kader(e.id);
        return kader ? [kader] : [];
      } catch (error) {
        // A broken kader is lint's to report; it is just not offered here.
        if (error instanceof LeertuinError) return [];
        throw error;
      }
    });
}

/**
 * `leertuin new <dilemma-id>`: a dilemma from the template, in the project's dilemmas folder (else
 * ./dilemmas). Asks for title, case and kader in a terminal; takes them from flags in a script.
 */
export default defineCommand({
  args: { dilemmaId: argument.required() },
  options: { title: option.text('<text>'), case: option.text('<text>'), kader: option.value('<id>'), allowIdentifying: option.text('<reason>') },
  examples: ['leertuin new mijn-dilemma', 'leertuin new mijn-dilemma --title "..." --case "..." --kader mag-ik-delen'],
  async run(ctx, { dilemmaId: idArg }, options) {
    checkReason(options.allowIdentifying);
    const parsedId = treeSchemas().id.safeParse(idArg);
    if (!parsedId.success) {
      throw new LeertuinError('bad-id', t('new.badId', { id: oneLine(String(idArg)) }), { hint: t('new.badIdHint') });
    }
    const id = parsedId.data;
    const config = ctx.config();
    const folder = config.dilemmas.source === 'default' ? resolve(ctx.cwd, 'dilemmas') : config.dilemmas.value[0]!;
    const target = join(folder, `${id}.yaml`);
    const exists = () =>
      new LeertuinError('dilemma-exists', t('new.exists', { file: target }), { hint: t('new.existsHint') });
    if (existsSync(target) || existsSync(join(folder, `${id}.yml`))) throw exists();

    const catalog = Catalog.of(config);
    const lang = language();
    let { title, case: caseText, kader } = options;
    // A dilemma's title and case go into every record walked on it: identifying ones given as flags
    // are refused, unless the author gives a reason (each walk then asks for one again).
    const fromFlags = [...(title ? [{ field: 'title', text: title }] : []), ...(caseText ? [{ field: 'case', text: caseText }] : [])];
    const flagged = scan(fromFlags);
    if (flagged.length > 0 && !options.allowIdentifying) {
      const hit = flagged[0]!;
      throw new LeertuinError('identifying-data', t('privacy.newRefused', { field: hit.field, found: hit.masked, column: hit.column }), { hint: t('privacy.newRefusedHint') });
    }
    for (const hit of flagged) ctx.warn(t('privacy.found', { found: hit.masked, column: hit.column }));
    if (ctx.interactive && !ctx.options.json && (!title || !caseText || !kader)) {
      const { createPrompter } = await import('../terminal/prompts.js');
      const prompter = createPrompter({ input: ctx.stdin, output: ctx.stderr });
      const { guardText } = await import('../terminal/walk-session.js');
      const ui = { prompter, say: (line = '') => ctx.stderr.write(line + '\n'), style: ctx.style, lang };
      const required = (value: string) => (value.trim() ? true : t('walk.answerMissing'));
      if (title === undefined) {
        const ask = async (text?: string) => (await prompter.text(t('new.askTitle'), { default: text ?? titleFromId(id), validate: required })).trim();
        title = await guardText(ui, await ask(), ask);
      }
      if (caseText === undefined) {
        const ask = async (text?: string) => (await prompter.text(t('new.askCase'), { ...(text ? { default: text } : {}), validate: required })).trim();
        caseText = await guardText(ui, await ask(), ask);
      }
      if (!kader) {
        const kaders = kaderChoices(catalog);
        kader = await prompter.select(
          t('new.askKader'),
          kaders.map((k) => ({
            value: k.pin.id,
            name: `${k.pin.id}  ${oneLine(localize(k.file.title, lang, k.file.languages[0]))}`,
            ...(k.file.summary ? { description: oneLine(localize(k.file.summary, lang, k.file.languages[0])) } : {}),
          })),
          kaders.some((k) => k.pin.id === DEFAULT_KADER) ? DEFAULT_KADER : undefined,
        );
      }
    }
    const placeholders = !title || !caseText;
    kader ??= DEFAULT_KADER;
    if (!treeSchemas().id.safeParse(kader).success || !catalog.kader(kader)) {
      throw new LeertuinError('unknown-kader', t('load.unknownKader', { id: oneLine(kader) }), { hint: t('load.unknownKaderHint') });
    }

    // An organisation may adapt the template: templates/dilemma.yaml beside .leertuin.yaml comes first.
    const projectTemplates = config.projectFile ? join(dirname(config.projectFile), 'templates') : undefined;
    const templatesDir = projectTemplates && existsSync(join(projectTemplates, 'dilemma.yaml')) ? projectTemplates : TEMPLATES_DIR;
    const text = scaffoldDilemma(readTemplate('dilemma.yaml', templatesDir), {
      id,
      title: title ?? titleFromId(id),
      case: caseText ?? t('new.casePlaceholder'),
      kader,
    });
    // A template that does not give a valid dilemma is caught here, before anything is written.
    validate(parseYaml(text, join(templatesDir, 'dilemma.yaml')), treeSchemas().file, 'invalid-template', t('new.templateHint'));

    mkdirSync(folder, { recursive: true });
    try {
      writeFileAtomic(target, text, { exclusive: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
      throw error;
    }

    const shadowed = catalog.entries().find((e) => e.kind === 'dilemma' && e.id === id && e.path.startsWith(BUNDLED_DIR));
    if (shadowed) ctx.warn(t('new.shadows', { id }));
    if (ctx.options.json) {
      ctx.outJson({ ok: true, file: target, id, kader });
      return 0;
    }
    ctx.out(target);
    ctx.say(ctx.style.ok(`✓ ${t('new.created', { file: target })}`));
    if (placeholders) ctx.say(`  ${t('new.fillIn')}`);
    ctx.say(`  ${t('new.next', { id })}`);
    return 0;
  },
});
