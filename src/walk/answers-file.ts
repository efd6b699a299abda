import { authorSchema } from '../record/author.js';
import { treeSchemas } from '../dilemma/schema.js';
import type { Tree } from '../dilemma/model.js';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { readText } from '../platform/read-text.js';
import { parseYaml, validate, type YamlSource } from '../platform/yaml-source.js';
import { lazySchema, type Infer } from '../platform/zod.js';
import { walkErrorMessage } from './describe.js';
import { WalkError, replay, type GivenAnswer, type WalkState } from './engine.js';

/** The answers file: what `walk --answers` reads, and what `lint --paths --json` writes. */
export const answersFileSchema = lazySchema((z) =>
  z.strictObject({
    dilemma: treeSchemas().id,
    author: authorSchema().optional(),
    answers: z.record(
      treeSchemas().id,
      z.strictObject({
        answer: z.union([z.string(), z.array(z.string())]),
        motivation: z.string().optional(),
      }),
    ),
    deviation: z.strictObject({ decision: z.string().trim().min(1), reason: z.string().trim().min(1) }).optional(),
  }),
);
export type AnswersFile = Infer<typeof answersFileSchema>;

export interface LoadedAnswers {
  file: AnswersFile;
  source: YamlSource;
}

export function readAnswersFile(path: string): LoadedAnswers {
  const source = parseYaml(readText(path), path);
  return { file: validate(source, answersFileSchema(), 'invalid-answers', t('answers.hint')), source };
}

/** Walks the tree with the file's answers; a wrong or missing answer is an error naming its node and place. */
export function walkAnswers(tree: Tree, answers: LoadedAnswers): WalkState {
  const given = new Map<string, GivenAnswer>(
    Object.entries(answers.file.answers).map(([node, a]) => [node, { answer: a.answer, ...(a.motivation !== undefined ? { motivation: a.motivation } : {}) }]),
  );
  try {
    return replay(tree, given);
  } catch (error) {
    if (!(error instanceof WalkError)) throw error;
    const onAnswer = Object.hasOwn(answers.file.answers, error.node);
    const field = error.code.startsWith('motivation') ? 'motivation' : 'answer';
    throw new LeertuinError(`answers-${error.code}`, walkErrorMessage(error), {
      position: answers.source.positionOf(onAnswer ? ['answers', error.node, field] : ['answers']),
      hint: t('answers.hint'),
    });
  }
}
