import { existsSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { LeertuinError } from '../errors.js';
import { t } from '../i18n/index.js';
import { BUNDLED_DIR } from './bundled.js';
import { loadDilemma, loadKader, parseTreeFile, type ParsedFile } from './load.js';
import type { LoadedDilemma, LoadedKader } from './model.js';
import { referenceFor, type Reference } from './reference.js';

export { BUNDLED_DIR };

export interface CatalogEntry {
  kind: 'dilemma' | 'kader';
  id: string;
  path: string;
  bundled: boolean;
}

/**
 * Where dilemmas are found: `<dir>/<id>.yaml` for dilemmas and `<dir>/kaders/<id>.yaml` for kaders,
 * project folders first, so an organisation can adapt a bundled file under the same id. The file
 * name is the id, so finding one file never means parsing all of them.
 */
export class Catalog {
  private readonly roots: { dir: string; bundled: boolean }[];
  private readonly kaders = new Map<string, LoadedKader | undefined>();

  /** `cacheDir`: where validated project files are kept between runs (see parseTreeFile). */
  constructor(
    projectDirs: readonly string[],
    private readonly options: { includeBundled?: boolean; cacheDir?: string } = {},
  ) {
    this.roots = [...projectDirs.map((dir) => ({ dir, bundled: false })), ...(options.includeBundled !== false ? [{ dir: BUNDLED_DIR, bundled: true }] : [])];
  }

  /** The catalog a command works with: the configured folders, the bundled files, the parse cache. */
  static of(config: { dilemmas: { value: readonly string[] }; cacheDir: string }): Catalog {
    return new Catalog(config.dilemmas.value, { cacheDir: config.cacheDir });
  }

  /** The folders searched, project folders first; each may hold an archive of earlier versions. */
  folders(): readonly { dir: string; bundled: boolean }[] {
    return this.roots;
  }

  /** One file of the catalog, validated but not checked as a tree (see loadDilemma for that). */
  parse(path: string): ParsedFile {
    return parseTreeFile(path, this.options.cacheDir);
  }

  entries(): CatalogEntry[] {
    const seen = new Set<string>();
    const entries: CatalogEntry[] = [];
    for (const { dir, bundled } of this.roots) {
      for (const [kind, folder] of [['dilemma', dir], ['kader', join(dir, 'kaders')]] as const) {
        for (const path of yamlFiles(folder)) {
          const id = basename(path, extname(path));
          if (seen.has(`${kind}:${id}`)) continue;
          seen.add(`${kind}:${id}`);
          entries.push({ kind, id, path, bundled });
        }
      }
    }
    return entries;
  }

  private locate(kind: 'dilemma' | 'kader', id: string): { path: string; bundled: boolean } | undefined {
    for (const { dir, bundled } of this.roots) {
      for (const ext of ['.yaml', '.yml']) {
        const path = join(kind === 'kader' ? join(dir, 'kaders') : dir, id + ext);
        if (existsSync(path)) return { path, bundled };
      }
    }
    return undefined;
  }

  kader(id: string): LoadedKader | undefined {
    if (!this.kaders.has(id)) {
      const found = this.locate('kader', id);
      this.kaders.set(id, found ? loadKader(found.path, found.bundled, this.options.cacheDir) : undefined);
    }
    return this.kaders.get(id);
  }

  /** A dilemma by id, or by path to a file (anything with a slash or a .yaml ending). */
  dilemma(ref: string): LoadedDilemma {
    const isPath = ref.includes('/') || ref.includes('\\') || /\.ya?ml$/.test(ref);
    const found = isPath ? (existsSync(ref) ? { path: ref, bundled: false } : undefined) : this.locate('dilemma', ref);
    if (!found) {
      throw new LeertuinError('unknown-dilemma', t('catalog.unknownDilemma', { id: ref }), { hint: t('catalog.unknownDilemmaHint') });
    }
    return { ...loadDilemma(found.path, found.bundled, (id) => this.kader(id), this.options.cacheDir), reference: this.reference() };
  }

  /** The legal sources and the glossary of the project folders over the bundled ones. */
  reference(): Reference {
    return referenceFor(this.roots.filter((r) => !r.bundled).map((r) => r.dir));
  }

  dilemmas(): LoadedDilemma[] {
    return this.entries()
      .filter((e) => e.kind === 'dilemma')
      .map((e) => ({ ...loadDilemma(e.path, e.bundled, (id) => this.kader(id), this.options.cacheDir), reference: this.reference() }));
  }
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && /\.ya?ml$/.test(d.name))
    .map((d) => join(dir, d.name))
    .sort();
}
