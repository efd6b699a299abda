import type { Node, Scalar } from 'yaml';
import { t } from '../i18n/index.js';
import { checkAfspraak } from '../dilemma/afspraak.js';
import type { Problem } from '../dilemma/graph.js';
import type { Tree } from '../dilemma/model.js';
import { treeSchemas } from '../dilemma/schema.js';
import { parseYaml, validate, yaml } from '../platform/yaml-source.js';

/** What the group agreed, as a dilemma's `afspraak` states it. */
export interface AfspraakProposal {
  answers: Record<string, string | string[]>;
  outcome: string;
  rationale: string;
  /** "YYYY-MM-DD" */
  date: string;
  by: string;
}

/** The proposal's file name: beside the records, never mistaken for the dilemma itself. */
export function proposalFileName(dilemmaId: string): string {
  return `${dilemmaId}.proposed.yaml`;
}

/**
 * The version after a new afspraak: a minor step. The agreement is new content that walks are
 * compared against (more than a wording fix, a patch), while the question tree, and with it the
 * replay of every existing record, stays the same (no major step). "1.0.0" becomes "1.1.0".
 */
export function bumpVersion(version: string): string {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!match) throw new Error(`not a version: ${version}`);
  return `${match[1]}.${Number(match[2] ?? 0) + 1}.0`;
}

/** The proposal did not pass the checks a dilemma file must pass; `problems` say where. */
export class ProposalError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(`the proposed afspraak does not fit the tree: ${problems.map((p) => `${p.code} ${p.subject}`).join(', ')}`);
    this.name = 'ProposalError';
  }
}

/** A scalar some YAML reader (1.1 or 1.2) would read as something other than this string: `no`, `on`, `12`, dates. */
function ambiguous(text: string): boolean {
  try {
    const { parse } = yaml();
    return parse(text, { version: '1.1' }) !== text || parse(text, { version: '1.2' }) !== text;
  } catch {
    // Not a plain scalar at all (`a: b`, `x # y`): the emitter quotes it anyway, and quoting is always safe.
    return true;
  }
}

function quoted(value: string): Scalar<string> {
  const { Scalar } = yaml();
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/**
 * The dilemma file's text with the group's afspraak in place of the old one (or added) and the
 * version bumped; everything else, comments and order included, stays as it was. The result is
 * checked as `leertuin lint` would check the afspraak: schema, then route and outcome in `tree`.
 */
export function proposeAfspraak(sourceText: string, file: string, proposal: AfspraakProposal, tree: Tree): string {
  const { isScalar, parseDocument, Scalar, visit } = yaml();
  const doc = parseDocument(sourceText.replace(/^\uFEFF/, ''), { version: '1.2', schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0) throw doc.errors[0]!;

  const version = doc.get('version', true);
  const next = bumpVersion(String(isScalar(version) ? version.value : doc.get('version')));
  if (isScalar(version)) version.value = next;
  else doc.set('version', quoted(next));

  const afspraak = doc.createNode({
    fictitious: false,
    outcome: proposal.outcome,
    answers: proposal.answers,
    rationale: proposal.rationale,
    date: quoted(proposal.date),
    by: proposal.by,
  }) as Node;
  // Ids such as `no` or `12` read as a boolean or a number in some YAML readers: those are quoted.
  visit(afspraak, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && scalar.type !== Scalar.QUOTE_DOUBLE && !scalar.value.includes('\n') && ambiguous(scalar.value)) {
        scalar.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  doc.set('afspraak', afspraak);
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });

  const data = validate(parseYaml(text, file), treeSchemas().dilemma, 'invalid-dilemma-file', t('format.hint'));
  const problems = checkAfspraak(data, tree);
  if (problems.length > 0) throw new ProposalError(problems);
  return text;
}
