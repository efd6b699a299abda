import type { Author } from '../../src/config/config.js';
import { Catalog } from '../../src/dilemma/catalog.js';
import { treeIndex } from '../../src/dilemma/tree-index.js';
import { buildRecord } from '../../src/record/build.js';
import { loadTemplate, renderRecord } from '../../src/record/render.js';
import { RECORD_NAMESPACE, appendSignature } from '../../src/record/signature.js';
import type { ReviewInput, ReviewOptions } from '../../src/review/aggregate.js';
import { fingerprint, generateSigningKey, parseAllowedSigners, publicKeyLine } from '../../src/signing/index.js';
import { replay, type GivenAnswer } from '../../src/walk/engine.js';
import { verifyRecord } from '../../src/verify/verify.js';

/**
 * Hand-made records for the review tests, built and signed the way `walk` does: fictional people,
 * bundled dilemmas. The key is new on every run; nothing in a review shows keys or signatures, so
 * the reports (and their goldens) do not change with it.
 */
export const catalog = new Catalog([]);
export const findTree = treeIndex(catalog);
const key = generateSigningKey();
const principal = 'trainer@voorbeeld.nl';
const trust = parseAllowedSigners(`${principal} namespaces="${RECORD_NAMESPACE}" ${publicKeyLine(key.publicKey)}\n`, 'allowed_signers').entries;
const template = loadTemplate();

export interface Spec {
  dilemma: string;
  shortId: string;
  author: Author;
  /** By node: an answer with its motivation (see `m`), or a bare answer (a text node). */
  answers: Record<string, GivenAnswer | string>;
  deviation?: { decision: string; reason: string };
  sign?: boolean;
  /** Edits the rendered, not yet signed text: another tree version, a forged field. */
  edit?: (text: string) => string;
  /** Edits the signed text: tampering. */
  tamper?: (text: string) => string;
  language?: string;
}

/** An answer with its motivation. */
export function m(answer: string | string[], motivation: string): GivenAnswer {
  return { answer, motivation };
}

export async function recordText(spec: Spec): Promise<string> {
  const dilemma = catalog.dilemma(spec.dilemma);
  const answers = new Map(Object.entries(spec.answers).map(([node, given]) => [node, typeof given === 'string' ? { answer: given } : given]));
  const record = buildRecord({
    dilemma,
    state: replay(dilemma.tree, answers),
    author: spec.author,
    language: spec.language ?? 'nl',
    now: new Date('2026-11-23T10:00:00Z'),
    shortId: spec.shortId,
    ...(spec.deviation ? { deviation: spec.deviation } : {}),
    ...(spec.sign === false ? {} : { signer: { principal, key: fingerprint(key.publicKey) } }),
  });
  const text = (spec.edit ?? ((x: string) => x))(renderRecord(record, dilemma, template));
  if (spec.sign === false) return text;
  return (spec.tamper ?? ((x: string) => x))(await appendSignature(text, key.signingKey));
}

/** What `verifyMany` yields for each text, with the file name as the review shows it. */
export function verdicts(texts: { file: string; text: string }[]): ReviewInput[] {
  return texts.map(({ file, text }) => ({ file, ...verifyRecord(text, { allowedSigners: trust, findTree }) }));
}

export function reviewOptions(overrides: Partial<ReviewOptions> = {}): ReviewOptions {
  return {
    language: 'nl',
    anonymous: false,
    includeUnverified: false,
    motivationCap: 50,
    findTree,
    findDilemma: (id) => catalog.dilemma(id),
    ...overrides,
  };
}

const zorg = { name: 'A. Tester', role: 'huisarts', domain: 'zorg', organisation: 'Praktijk Noord' } as const;
const veiligheid = { name: 'B. Voorbeeld', role: 'wijkagent', domain: 'veiligheid', organisation: 'Politie Oost' } as const;
const ggz = { name: 'C. Proef', role: 'GGZ-verpleegkundige', domain: 'zorg', organisation: 'GGZ Zuid' } as const;
const gemeente = { name: 'D. Oefen', role: 'wijkcoach', domain: 'gemeente', organisation: 'Wijkteam West' } as const;
const onderwijs = { name: 'E. Schets', role: 'mentor', domain: 'onderwijs', organisation: 'Het Voorbeeldcollege' } as const;

/**
 * The fixture set: four ok records on verward-gedrag-huisarts (the kappa of the test), one on
 * another tree version of it (tree not at hand), one ok and one unsigned on zvh-alles-delen, and
 * one tampered record.
 */
export const SPECS: Spec[] = [
  {
    dilemma: 'verward-gedrag-huisarts',
    shortId: 'aaaaaa',
    author: zorg,
    answers: { persoonsgegeven: m('ja', 'Iedereen in de straat kent hem.'), 'acuut-gevaar': m('ja', 'De buurvrouw voelt zich bedreigd.') },
    deviation: { decision: 'Ik bel eerst de crisisdienst van de GGZ.', reason: 'De politie inschakelen voelt te zwaar; de crisisdienst kan ook ingrijpen.' },
  },
  {
    dilemma: 'verward-gedrag-huisarts',
    shortId: 'bbbbbb',
    author: veiligheid,
    answers: {
      persoonsgegeven: m('ja', 'Herkenbaar; "anoniem" is hier een illusie.'),
      'acuut-gevaar': m('nee', 'Dreigend, maar niet <script>alert("acuut")</script> nu.'),
      'signaal-geweld': m('nee', 'Geen signalen.'),
      doel: 'Escalatie voorkomen; iedereen op de hoogte',
      'doel-toets': m('vaag', 'Eerlijk gezegd: vooral "zodat iedereen het weet".'),
    },
  },
  {
    dilemma: 'verward-gedrag-huisarts',
    shortId: 'cccccc',
    author: ggz,
    answers: {
      persoonsgegeven: m('gepseudonimiseerd', '=ZONDER NAAM\nMaar in het dorp toch herkenbaar.'),
      'acuut-gevaar': m('nee', 'Geen direct gevaar bekend.'),
      'signaal-geweld': m('nee', 'Niets dat daarop wijst.'),
      doel: 'Weten of er al hulp is',
      'doel-toets': m('concreet', 'Het doel is helder.'),
      'politie-justitie': m('nee', 'Wij zijn zorg, geen politie.'),
      'wettelijke-plicht': m('nee', 'Geen wet die dit eist.'),
      beroepsgeheim: m('geweigerd', 'Hij reageert op brief noch telefoon.'),
      'conflict-van-plichten': m(['alles-gedaan', 'gewetensnood', 'geen-andere-weg', 'ernstige-schade', 'schade-voorkomen'], 'Na het mes: ernstig gevaar voor de buurvrouw.'),
    },
  },
  {
    dilemma: 'verward-gedrag-huisarts',
    shortId: 'dddddd',
    author: gemeente,
    answers: { persoonsgegeven: m('ja', 'Bekend in de wijk.'), 'acuut-gevaar': m('ja', 'Buren zijn bang; dat weegt zwaar.') },
  },
  {
    // The same dilemma on another version of its kader, which is not at hand: a group of its own.
    dilemma: 'verward-gedrag-huisarts',
    shortId: 'gggggg',
    author: veiligheid,
    answers: { persoonsgegeven: m('ja', 'Herkenbaar.'), 'acuut-gevaar': m('ja', 'Nu ingrijpen.') },
    edit: (text) => text.replace(/(kader:\n {2}id: "mag-ik-delen"\n {2}version: )"[0-9.]+"\n {2}sha256: "[0-9a-f]+"/, `$1"9.9.9"\n  sha256: "${'e'.repeat(64)}"`),
  },
  {
    dilemma: 'zvh-alles-delen',
    shortId: 'ffffff',
    author: onderwijs,
    answers: { persoonsgegeven: m('nee', 'Volledig geanonimiseerd besproken.') },
  },
  {
    dilemma: 'zvh-alles-delen',
    shortId: 'eeeeee',
    author: gemeente,
    answers: { persoonsgegeven: m('ja', 'Het gezin is bekend.'), 'acuut-gevaar': m('ja', 'Direct handelen.') },
    sign: false,
  },
  {
    dilemma: 'verward-gedrag-huisarts',
    shortId: 'hhhhhh',
    author: zorg,
    answers: { persoonsgegeven: m('nee', 'Niemand te herkennen.') },
    tamper: (text) => text.replace('Niemand te herkennen.', 'Niemand te herkennen!'),
  },
];

export async function fixtureTexts(specs: Spec[] = SPECS): Promise<{ file: string; text: string }[]> {
  return Promise.all(specs.map(async (spec) => ({ file: `records/2026-11-23-${spec.dilemma}-${spec.shortId}.md`, text: await recordText(spec) })));
}
