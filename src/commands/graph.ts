import { buildGraph, edgeOfStep, renderDot, renderMermaid } from '../authoring/render-graph.js';
import { Catalog } from '../dilemma/catalog.js';
import { localize } from '../dilemma/localize.js';
import { treePin, type LoadedDilemma } from '../dilemma/model.js';
import { language, t } from '../i18n/index.js';
import { recordFiles, readRecordFile } from '../record/files.js';
import { parseRecord, RecordFormatError } from '../record/parse.js';
import { walkErrorMessage } from '../walk/describe.js';
import { replay, WalkError, type GivenAnswer } from '../walk/engine.js';
import type { Context } from './context.js';
import { argument, defineCommand, option } from './define.js';

interface Tally {
  weights: Map<string, number>;
  counted: number;
  otherTree: number;
  malformed: number;
}

/**
 * How many records of this dilemma, walked through this exact tree, took each edge. Records of
 * another dilemma or tree version are skipped; a malformed one is skipped with a warning.
 */
function tallyRecords(ctx: Context, dilemma: LoadedDilemma, dir: string): Tally {
  const tally: Tally = { weights: new Map(), counted: 0, otherTree: 0, malformed: 0 };
  const tree = dilemma.tree;
  const sha = treePin(dilemma).sha256;
  const skip = (file: string, reason: string) => {
    tally.malformed++;
    ctx.warn(t('graph.recordSkipped', { file, reason }));
  };
  for (const file of recordFiles([dir], ctx.cwd)) {
    const read = readRecordFile(file);
    if ('reason' in read) {
      skip(file, read.reason);
      continue;
    }
    let record;
    try {
      record = parseRecord(read.text).record;
    } catch (error) {
      if (!(error instanceof RecordFormatError)) throw error;
      skip(file, error.message);
      continue;
    }
    if (record.dilemma.id !== dilemma.pin.id || (record.kader ?? record.dilemma).sha256 !== sha) {
      tally.otherTree++;
      continue;
    }
    let steps;
    try {
      const given = new Map<string, GivenAnswer>(record.path.map((p) => [p.node, { answer: p.answer, ...(p.motivation ? { motivation: p.motivation } : {}) }]));
      steps = replay(tree, given).steps;
    } catch (error) {
      if (!(error instanceof WalkError)) throw error;
      skip(file, walkErrorMessage(error));
      continue;
    }
    tally.counted++;
    for (const step of steps) {
      const key = edgeOfStep(tree, step);
      if (key !== undefined) tally.weights.set(key, (tally.weights.get(key) ?? 0) + 1);
    }
  }
  return tally;
}

/** `leertuin graph <dilemma>`: the question tree as a Mermaid flowchart (default) or Graphviz DOT. */
export default defineCommand({
  args: { dilemma: argument.required() },
  options: { format: option.choiceOr(['mermaid', 'dot'], 'mermaid', '<format>'), records: option.value('<dir>') },
  examples: ['leertuin graph mijn-dilemma', 'leertuin graph mijn-dilemma --format dot --records records/'],
  async run(ctx, { dilemma: ref }, options) {
    const dilemma = Catalog.of(ctx.config()).dilemma(ref);
    const lang = language();
    const title = localize(dilemma.file.title, lang, dilemma.file.languages[0]);
    const graph = buildGraph(dilemma.tree, title, lang, {
      otherwise: t('graph.otherwise'),
      any: t('graph.any'),
      all: t('graph.all'),
      none: t('graph.none'),
    });
    const tally = options.records !== undefined ? tallyRecords(ctx, dilemma, options.records) : undefined;
    const render = options.format === 'dot' ? renderDot : renderMermaid;
    const text = render(graph, tally ? { weights: tally.weights } : {});
    if (ctx.options.json) {
      ctx.outJson({
        ok: true,
        dilemma: dilemma.pin,
        ...(dilemma.kader ? { kader: dilemma.kader.pin } : {}),
        format: options.format,
        graph: text,
        ...(tally
          ? {
              records: { counted: tally.counted, other_tree: tally.otherTree, malformed: tally.malformed },
              edges: graph.edges.map((e) => ({ from: e.from, to: e.to, label: e.label, count: tally.weights.get(e.key) ?? 0 })),
            }
          : {}),
      });
      return 0;
    }
    ctx.out(text);
    if (tally) ctx.say(t('graph.recordsCounted', { counted: tally.counted, other: tally.otherTree, malformed: tally.malformed }));
    return 0;
  },
});
