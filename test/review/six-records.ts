import { ReviewAggregator } from '../../src/review/aggregate.js';
import type { ReviewReport } from '../../src/review/model.js';
import { fixtureTexts, m, reviewOptions, verdicts, type Spec } from './fixtures.js';

/**
 * A trainer's session as issue 15 describes it: six signed records of zvh-alles-delen from six
 * domains that reach five different outcomes (2/1/1/1/1), with motivations of a realistic length.
 */
const BASE: Spec['answers'] = {
  persoonsgegeven: m('ja', 'Het gezin is in de wijk bekend; zonder naam weet iedereen toch over wie het gaat.'),
  'acuut-gevaar': m('nee', 'Er is zorg, maar geen direct gevaar voor iemand op dit moment.'),
  'signaal-geweld': m('nee', 'Ik zie geen signalen van huiselijk geweld of kindermishandeling.'),
  doel: 'Eén plan voor de schulden en het schoolverzuim',
  'doel-toets': m('concreet', 'Het doel is helder: één plan, zodat de schulden niet verder oplopen.'),
  'politie-justitie': m('nee', 'Het gaat niet om politiegegevens; die deelt de politie zelf.'),
  'wettelijke-plicht': m('nee', 'Geen wet die ons verplicht om dit te delen.'),
  beroepsgeheim: m('gerichte-toestemming', 'De ouders gaven toestemming voor precies dit overleg en dit doel.'),
  'bijzondere-gegevens': m(['financieel', 'verslaving'], 'De schulden en in het kort dat alcohol een rol speelt.'),
  uitzondering: m('uitdrukkelijke-toestemming', 'De toestemming is uitdrukkelijk gegeven en vastgelegd in het dossier.'),
  samenwerkingsverband: m('ja-wgs', 'Het Zorg- en Veiligheidshuis werkt volgens de WGS, met een eigen regeling.'),
  noodzaak: m('beperken', 'Alleen wat nodig is voor het plan: de schulden en de hulp die er al is.'),
  subsidiariteit: m('nee', 'Een lichtere weg is er niet; het gezin praat al mee over het plan.'),
  informeren: m('vooraf', 'Het gezin hoort vooraf wat we delen, en met wie.'),
};

const after = (node: string) => Object.keys(BASE).indexOf(node);
/** The base answers before `node`, then `answers`; `skip` leaves out a node the new answers route around. */
const upTo = (node: string, answers: Spec['answers'], skip?: string) => ({
  ...Object.fromEntries(Object.entries(BASE).filter(([id]) => after(id) < after(node) && id !== skip)),
  ...answers,
});

const person = (n: number, domain: 'zorg' | 'veiligheid' | 'gemeente' | 'wonen' | 'onderwijs' | 'justitie') => ({
  name: `Deelnemer ${n}`,
  role: 'professional',
  domain,
  organisation: `Oefenorganisatie ${n}`,
});

export const SIX_SPECS: Spec[] = [
  { dilemma: 'zvh-alles-delen', shortId: 'six001', author: person(1, 'zorg'), answers: BASE },
  {
    dilemma: 'zvh-alles-delen',
    shortId: 'six002',
    author: person(2, 'veiligheid'),
    answers: {
      ...BASE,
      'bijzondere-gegevens': m(['financieel', 'verslaving', 'gezondheid', 'strafrechtelijk'], 'Alles wat het beeld compleet maakt, ook de politiecontacten.'),
      noodzaak: m('alles-nodig', 'Liever alles op tafel, dan mist niemand iets en zijn we sneller.'),
    },
  },
  {
    dilemma: 'zvh-alles-delen',
    shortId: 'six003',
    author: person(3, 'gemeente'),
    answers: upTo('samenwerkingsverband', {
      samenwerkingsverband: m('ja-onduidelijk', 'Wie is hier verantwoordelijk voor de gegevens? Dat is mij niet duidelijk.'),
    }),
  },
  {
    dilemma: 'zvh-alles-delen',
    shortId: 'six004',
    author: person(4, 'wonen'),
    answers: upTo('noodzaak', {
      'bijzondere-gegevens': m(['financieel', 'wonen'], 'De huurachterstand en de schulden horen bij elkaar.'),
      noodzaak: m('geruchten', 'Ik hoor van buren dat er vaker ruzie is; dat wil ik kwijt.'),
    }, 'uitzondering'),
  },
  {
    dilemma: 'zvh-alles-delen',
    shortId: 'six005',
    author: person(5, 'onderwijs'),
    answers: upTo('subsidiariteit', {
      'bijzondere-gegevens': m(['financieel', 'school'], 'Het verzuim van T. en de schulden thuis.'),
      subsidiariteit: m('ja', 'Eerst een gesprek met de ouders en T. op school; dat is lichter dan een overleg.'),
    }, 'uitzondering'),
  },
  {
    dilemma: 'zvh-alles-delen',
    shortId: 'six006',
    author: person(6, 'justitie'),
    answers: upTo('beroepsgeheim', {
      beroepsgeheim: m('nog-niet-gevraagd', 'Niemand heeft de ouders nog gevraagd of dit mag; dat moet eerst.'),
    }),
  },
];

export async function sixRecordsReport(language = 'nl'): Promise<ReviewReport> {
  const aggregator = new ReviewAggregator(reviewOptions({ language }));
  for (const input of verdicts(await fixtureTexts(SIX_SPECS))) aggregator.add(input);
  return aggregator.finish();
}
