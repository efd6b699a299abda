import { isFreeText } from '../dilemma/kinds/index.js';
import { localize } from '../dilemma/localize.js';
import type { LoadedDilemma, Tree } from '../dilemma/model.js';
import { findIdentifying, maskFinding, type Finding, type FindingKind, type MaskLanguage } from './detect.js';

/** A free text to check, named by where it lives (a node id and field, say). */
export interface CheckedText {
  field: string;
  text: string;
  /** Kinds that belong in this field and are not reported there. */
  ignore?: readonly FindingKind[];
}

export interface Hit {
  field: string;
  finding: Finding;
  /** 1-based character position in the original text, for "where". */
  column: number;
  /** What was found, masked: never the identifying value itself. */
  masked: string;
}

/** Every identifying item in the given texts. */
export function scanTexts(texts: readonly CheckedText[], language: MaskLanguage, now?: Date): Hit[] {
  return texts.flatMap(({ field, text, ignore }) =>
    findIdentifying(text, now ? { now } : {})
      .filter((finding) => !ignore?.includes(finding.kind))
      .map((finding) => ({ field, finding, column: finding.index + 1, masked: maskFinding(finding, language) })),
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
    if (isFreeText(tree.nodes.get(step.node)) && typeof step.answer === 'string') texts.push({ field: `${step.node}.answer`, text: step.answer });
    if (step.motivation) texts.push({ field: `${step.node}.motivation`, text: step.motivation });
  }
  if (deviation) {
    texts.push({ field: 'deviation.decision', text: deviation.decision }, { field: 'deviation.reason', text: deviation.reason });
  }
  return texts;
}

/**
 * Who signs, as typed: name, role and organisation, fields named `<prefix>.name` and so on (or
 * `name` without a prefix). The signer's own name belongs in the record, so "dhr. P. Jansen" in
 * the name field is not reported; a phone number or e-mail address there is.
 */
export function personTexts(prefix: string, person: { name?: string | undefined; role?: string | undefined; organisation?: string | undefined }): CheckedText[] {
  const field = (key: string) => (prefix ? `${prefix}.${key}` : key);
  return [
    ...(person.name ? [{ field: field('name'), text: person.name, ignore: ['name'] as const }] : []),
    ...(person.role ? [{ field: field('role'), text: person.role }] : []),
    ...(person.organisation ? [{ field: field('organisation'), text: person.organisation }] : []),
  ];
}

/**
 * What a record copies from its dilemma, in the record's language: the title, the case and, when
 * the dilemma has an afspraak (the record then compares with it), its rationale and who agreed.
 */
export function dilemmaTexts(dilemma: LoadedDilemma, language: string): CheckedText[] {
  const file = dilemma.file;
  const text = (value: Parameters<typeof localize>[0]) => localize(value, language, file.languages[0]);
  return [
    { field: 'dilemma.title', text: text(file.title) },
    { field: 'dilemma.case', text: text(file.case) },
    ...(file.afspraak ? [{ field: 'afspraak.rationale', text: text(file.afspraak.rationale) }, { field: 'afspraak.by', text: text(file.afspraak.by) }] : []),
  ];
}

/** Every free text a walk's record holds: the walk's own texts, who signs, and what comes from the dilemma. */
export function recordTexts(
  dilemma: LoadedDilemma,
  steps: readonly { node: string; answer: unknown; motivation?: string }[],
  deviation: { decision: string; reason: string } | undefined,
  author: { name?: string | undefined; role?: string | undefined; organisation?: string | undefined },
  language: string,
): CheckedText[] {
  return [...walkTexts(dilemma.tree, steps, deviation), ...personTexts('author', author), ...dilemmaTexts(dilemma, language)];
}
