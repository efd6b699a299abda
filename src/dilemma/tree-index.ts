import type { DecisionRecord } from '../record/model.js';
import { LeertuinError } from '../errors.js';
import type { Catalog } from './catalog.js';
import { loadKader } from './load.js';
import type { Tree } from './model.js';

/**
 * Finds the exact tree a record pinned, by SHA-256: a kader's when the record names one, else the
 * dilemma's own. Every known file is read once, on first use; files that fail to load are skipped
 * (lint reports them), so a broken project file never hides a valid record.
 */
export function treeIndex(catalog: Catalog): (record: Pick<DecisionRecord, 'dilemma' | 'kader'>) => Tree | undefined {
  let bySha: Map<string, Tree> | undefined;
  const build = () => {
    const map = new Map<string, Tree>();
    for (const entry of catalog.entries()) {
      try {
        if (entry.kind === 'kader') {
          const kader = loadKader(entry.path, entry.bundled);
          map.set(`kader:${kader.pin.sha256}`, kader.tree);
        } else {
          const dilemma = catalog.dilemma(entry.path);
          if (!dilemma.kader) map.set(`dilemma:${dilemma.pin.sha256}`, dilemma.tree);
        }
      } catch (error) {
        if (!(error instanceof LeertuinError)) throw error;
      }
    }
    return map;
  };
  return (record) => {
    bySha ??= build();
    return record.kader ? bySha.get(`kader:${record.kader.sha256}`) : bySha.get(`dilemma:${record.dilemma.sha256}`);
  };
}
