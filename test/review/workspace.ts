import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { freshHome } from '../helpers/home.js';
import type { RunResult } from '../helpers/in-process.js';
import { runCommand } from '../authoring/run-command.js';

type Answers = Record<string, { answer: string | string[]; motivation?: string }>;
const m = (answer: string | string[], motivation?: string) => ({ answer, ...(motivation ? { motivation } : {}) });

/** verward-gedrag-huisarts along its afspraak (conflict-van-plichten-delen). */
const VERWARD: Answers = {
  persoonsgegeven: m('ja', 'In de straat weet iedereen over wie het gaat.'),
  'acuut-gevaar': m('nee', 'Dreigend, maar er is nu geen direct gevaar.'),
  'signaal-geweld': m('nee', 'Geen signalen van geweld thuis.'),
  doel: m('Voorkomen dat het escaleert'),
  'doel-toets': m('concreet', 'Het doel is duidelijk.'),
  'politie-justitie': m('nee', 'Ik werk in de zorg.'),
  'wettelijke-plicht': m('nee', 'Geen wet die dit vraagt.'),
  beroepsgeheim: m('geweigerd', 'Hij reageert op brief noch telefoon.'),
  'conflict-van-plichten': m(['alles-gedaan', 'gewetensnood', 'geen-andere-weg', 'ernstige-schade', 'schade-voorkomen'], 'Na het mes: ernstig gevaar voor de buurvrouw.'),
};

/** zvh-alles-delen along its afspraak (delen-onder-voorwaarden). */
const ZVH: Answers = {
  persoonsgegeven: m('ja', 'Het gezin is herkenbaar.'),
  'acuut-gevaar': m('nee', 'Geen acuut gevaar.'),
  'signaal-geweld': m('nee', 'Geen signalen.'),
  doel: m('Een plan voor schulden en schoolverzuim'),
  'doel-toets': m('concreet', 'Het doel is concreet.'),
  'politie-justitie': m('nee', 'Geen politiegegevens.'),
  'wettelijke-plicht': m('nee', 'Geen plicht.'),
  beroepsgeheim: m('gerichte-toestemming', 'De ouders gaven toestemming voor dit overleg.'),
  'bijzondere-gegevens': m(['gezondheid', 'verslaving', 'financieel']),
  uitzondering: m('uitdrukkelijke-toestemming', 'Toestemming is uitdrukkelijk gegeven.'),
  samenwerkingsverband: m('ja-wgs', 'Het Zorg- en Veiligheidshuis werkt volgens de WGS.'),
  noodzaak: m('beperken', 'Alleen wat nodig is voor het plan.'),
  subsidiariteit: m('nee', 'Een lichtere weg is er niet.'),
  informeren: m('vooraf', 'Het gezin weet het vooraf.'),
};

function without(answers: Answers, ...nodes: string[]): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([node]) => !nodes.includes(node)));
}

interface Plan {
  dilemma: string;
  answers: Answers;
  count: number;
  deviation?: { decision: string; reason: string };
}

/**
 * The acceptance set: 30 records written with `walk --answers` over two bundled dilemmas, as a
 * trainer's group would. verward-gedrag-huisarts: 10 along the afspraak (one of them tampered
 * with afterwards), 2 + 2 that see acute danger (two of those decide otherwise), 2 with a vague
 * purpose, 2 that call the data pseudonymous; zvh-alles-delen: 7 along the afspraak, 3 that share
 * everything, 2 unsure about the partnership.
 */
const PLANS: Plan[] = [
  { dilemma: 'verward-gedrag-huisarts', answers: VERWARD, count: 10 },
  {
    dilemma: 'verward-gedrag-huisarts',
    answers: { persoonsgegeven: VERWARD.persoonsgegeven!, 'acuut-gevaar': m('ja', 'De buurvrouw is bang; dat is gevaar.') },
    count: 2,
  },
  {
    dilemma: 'verward-gedrag-huisarts',
    answers: { persoonsgegeven: VERWARD.persoonsgegeven!, 'acuut-gevaar': m('ja', 'Hij bonkt elke avond op deuren.') },
    count: 2,
    deviation: { decision: 'Ik bel eerst de crisisdienst.', reason: 'Politie voelt te zwaar voor deze cliënt.' },
  },
  {
    dilemma: 'verward-gedrag-huisarts',
    answers: { ...without(VERWARD, 'politie-justitie', 'wettelijke-plicht', 'beroepsgeheim', 'conflict-van-plichten'), 'doel-toets': m('vaag', 'Vooral zodat iedereen het weet.') },
    count: 2,
  },
  { dilemma: 'verward-gedrag-huisarts', answers: { ...VERWARD, persoonsgegeven: m('gepseudonimiseerd', 'Zonder naam, maar toch herkenbaar.') }, count: 2 },
  { dilemma: 'zvh-alles-delen', answers: ZVH, count: 7 },
  { dilemma: 'zvh-alles-delen', answers: { ...ZVH, noodzaak: m('alles-nodig', 'Liever alles, dan mist niemand iets.') }, count: 3 },
  {
    dilemma: 'zvh-alles-delen',
    answers: { ...without(ZVH, 'noodzaak', 'subsidiariteit', 'informeren'), samenwerkingsverband: m('ja-onduidelijk', 'Wie is verantwoordelijk? Dat is niet duidelijk.') },
    count: 2,
  },
];

const DOMAINS = ['zorg', 'veiligheid', 'gemeente', 'onderwijs', 'wonen'] as const;

export interface AcceptanceWorkspace {
  cwd: string;
  env: NodeJS.ProcessEnv;
  run(args: string[], extra?: NodeJS.ProcessEnv): Promise<RunResult>;
  /** Record files by short id, r01 to r30. */
  records: Map<string, string>;
  tampered: string;
}

export async function acceptanceWorkspace(): Promise<AcceptanceWorkspace> {
  const { home, env } = freshHome('leertuin-review-');
  const cwd = join(home, 'work');
  const run = (args: string[], extra: NodeJS.ProcessEnv = {}) => runCommand(args, { env: { ...env, ...extra }, cwd });
  const keygen = await run(['keygen', '--principal', 'trainer@voorbeeld.nl']);
  expect(keygen.status, keygen.stderr).toBe(0);
  writeFileSync(join(cwd, 'allowed_signers'), keygen.stdout);
  const records = new Map<string, string>();
  let n = 0;
  for (const plan of PLANS) {
    for (let i = 0; i < plan.count; i++) {
      n++;
      const id = `r${String(n).padStart(2, '0')}`;
      const file = join(cwd, `${id}.yaml`);
      const author = { name: `Oefenaar ${id.slice(1)}`, role: 'professional', domain: DOMAINS[n % DOMAINS.length], organisation: `Organisatie ${(n % 3) + 1}` };
      // JSON is YAML: the answers file is written as JSON.
      writeFileSync(file, JSON.stringify({ dilemma: plan.dilemma, author, answers: plan.answers, ...(plan.deviation ? { deviation: plan.deviation } : {}) }));
      const walk = await run(['walk', '--answers', file], { SOURCE_DATE_EPOCH: String(1_795_000_000 + n * 60), LEERTUIN_RECORD_ID: id });
      expect(walk.status, walk.stderr).toBe(0);
      records.set(id, walk.stdout.trim());
    }
  }
  const tampered = records.get('r01')!;
  writeFileSync(tampered, readFileSync(tampered, 'utf8').replace('iedereen over wie', 'iedereen precies over wie'));
  return { cwd, env, run, records, tampered };
}
