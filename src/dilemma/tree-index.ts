import type { DecisionRecord } from '../record/model.js';
import { LeertuinError } from '../errors.js';
import { readArchived, type ArchivedKind } from './archive.js';
import type { Catalog } from './catalog.js';
import { loadKader } from './load.js';
import type { Tree } from './model.js';

/**
 * Finds the exact tree a record pinned, by SHA-256: a kader's when the record names one, else the
 * dilemma's own. Every known file is read once, on first use; files that fail to load are skipped
 * (lint reports them), so a broken project file never hides a valid record. A hash no current file
 * has is looked up in the archives of earlier versions (archive.ts), project folders first; such a
 * tree says which version is current now.
 */
export function treeIndex(catalog: Catalog): (record: Pick<DecisionRecord, 'dilemma' | 'kader'>) => Tree | undefined {
  let bySha: Map<string, Tree | undefined> | undefined;
  const currentVersions = new Map<string, string>();
  const build = () => {
    const map = new Map<string, Tree | undefined>();
    for (const entry of catalog.entries()) {
      try {
        if (entry.kind === 'kader') {
          const kader = loadKader(entry.path, entry.bundled);
          map.set(`kader:${kader.pin.sha256}`, kader.tree);
          currentVersions.set(`kader:${kader.pin.id}`, kader.pin.version);
        } else {
          const dilemma = catalog.dilemma(entry.path);
          if (!dilemma.kader) map.set(`dilemma:${dilemma.pin.sha256}`, dilemma.tree);
          currentVersions.set(`dilemma:${dilemma.pin.id}`, dilemma.pin.version);
        }
      } catch (error) {
        if (!(error instanceof LeertuinError)) throw error;
      }
    }
    return map;
  };
  const fromArchive = (kind: ArchivedKind, sha256: string): Tree | undefined => {
    for (const { dir, bundled } of catalog.folders()) {
      const found = readArchived(dir, kind, sha256, bundled);
      if (found) {
        const current = currentVersions.get(`${kind}:${found.id}`);
        return current === undefined ? found.tree : { ...found.tree, supersededBy: current };
      }
    }
    return undefined;
  };
  return (record) => {
    bySha ??= build();
    const [kind, sha256] = record.kader ? (['kader', record.kader.sha256] as const) : (['dilemma', record.dilemma.sha256] as const);
    const key = `${kind}:${sha256}`;
    if (!bySha.has(key)) bySha.set(key, fromArchive(kind, sha256));
    return bySha.get(key);
  };
}
