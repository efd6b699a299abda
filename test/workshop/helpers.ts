import { fileURLToPath } from 'node:url';
import { loadDilemma } from '../../src/dilemma/load.js';
import type { GroupStep } from '../../src/workshop/model.js';

/** A small inline tree with every node kind, an afspraak, comments, and option ids YAML 1.1 misreads. */
export const FIXTURE = fileURLToPath(new URL('./fixtures/workshop-oefen.yaml', import.meta.url));

export function fixtureDilemma() {
  return loadDilemma(FIXTURE, false, () => undefined);
}

/** A full group path through the fixture, ending in `eind-voorwaarden` (the afspraak's outcome). */
export const PATH: GroupStep[] = [
  { node: 'doel', choice: 'Eén plan voor het gezin', arguments: 'Zonder doel geen delen' },
  { node: 'delen', choice: 'ja', tally: [{ option: 'ja', count: 8 }, { option: 'no', count: 4 }], arguments: 'Het helpt het gezin', minority: 'Eerst toestemming' },
  { node: 'soorten', choice: ['gezondheid'], tally: [{ option: 'gezondheid', count: 9 }, { option: 'schulden', count: 2 }, { option: '12', count: 0 }] },
];
