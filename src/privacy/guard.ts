import type { Tree } from '../dilemma/model.js';
import { findIdentifying, maskFinding, type Finding, type MaskLanguage } from './detect.js';

/** A free text to check, named by where it lives (a node id and field, say). */
export interface CheckedText {
  field: string;
  text: string;
}

export interface Hit {
  field: string;
  finding: Finding;
  /** 1-based character position in the text, for "where". */
  column: number;
  /** What was found, masked: never the identifying value itself. */
  masked: string;
}

/** Every identifying item in the given texts; the author's own name and role are not checked. */
export function scanTexts(texts: readonly CheckedText[], language: MaskLanguage, now?: Date): Hit[] {
  return texts.flatMap(({ field, text }) =>
    findIdentifying(text, now ? { now } : {}).map((finding) => ({ field, finding, column: finding.index + 1, masked: maskFinding(finding, language) })),
  );
}

/** The free texts of a walk: motivations, text answers (such as the purpose) and a deviation. */
export function walkTexts(
  tree: Tree,
  steps: readonly { node: string; answer: unknown; motivation?: string }[],
  deviation?: { decision: string; reason: string },
): CheckedText[] {
  const texts: CheckedText[] = [];
  for (const step of steps) {
    if (tree.nodes.get(step.node)?.kind === 'text' && typeof step.answer === 'string') texts.push({ field: `${step.node}.answer`, text: step.answer });
    if (step.motivation) texts.push({ field: `${step.node}.motivation`, text: step.motivation });
  }
  if (deviation) {
    texts.push({ field: 'deviation.decision', text: deviation.decision }, { field: 'deviation.reason', text: deviation.reason });
  }
  return texts;
}
