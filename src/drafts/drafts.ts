import { randomBytes } from '../platform/crypto.js';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Pin } from '../dilemma/model.js';
import { writeFileAtomic } from '../platform/atomic.js';
import { lazySchema, type Infer } from '../platform/zod.js';
import type { Step } from '../walk/engine.js';

/**
 * An unfinished walk, kept in the user's state folder (mode 0600) after every answer, so Ctrl-C, a
 * closed terminal or SIGTERM loses nothing. It holds answers only: never key material.
 */
const draftSchema = lazySchema((z) =>
  z.strictObject({
    draft: z.literal(1),
    id: z.string().regex(/^[a-z0-9-]+$/),
    dilemma: z.strictObject({ id: z.string(), version: z.string(), sha256: z.string(), path: z.string() }),
    language: z.string(),
    started: z.string(),
    updated: z.string(),
    steps: z.array(
      z.strictObject({
        node: z.string(),
        answer: z.union([z.string(), z.array(z.string()), z.null()]),
        motivation: z.string().optional(),
      }),
    ),
  }),
);
export type Draft = Infer<typeof draftSchema>;

/**
 * Drafts of one kind (walks, workshops) as JSON files in a folder of the state folder, each checked
 * against its schema when read back: a damaged draft is skipped, never half-trusted.
 */
export class DraftStore<D extends { id: string; updated: string } = Draft> {
  readonly dir: string;

  constructor(
    stateDir: string,
    private readonly schema: () => z.ZodType<D> = draftSchema as unknown as () => z.ZodType<D>,
    folder = 'drafts',
  ) {
    this.dir = join(stateDir, folder);
  }

  static newId(dilemmaId: string, now: Date): string {
    return `${now.toISOString().slice(0, 10)}-${dilemmaId}-${randomBytes(3).toString('hex')}`;
  }

  private path(id: string): string {
    if (!/^[a-z0-9-]+$/.test(id)) throw new Error(`not a draft id: ${id}`);
    return join(this.dir, `${id}.json`);
  }

  save(draft: D): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeFileAtomic(this.path(draft.id), JSON.stringify(draft, null, 2) + '\n', { mode: 0o600 });
  }

  /** A draft by id, or undefined when there is none or it cannot be read as one. */
  load(id: string): D | undefined {
    try {
      const parsed = this.schema().safeParse(JSON.parse(readFileSync(this.path(id), 'utf8')));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  /** All readable drafts, most recently updated first. */
  list(): D[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => n.endsWith('.json') && !n.startsWith('.'))
      .flatMap((n) => this.load(n.slice(0, -'.json'.length)) ?? [])
      .sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : 0));
  }

  remove(id: string): void {
    rmSync(this.path(id), { force: true });
  }
}

export function makeDraft(id: string, dilemma: Pin & { path: string }, language: string, steps: readonly Step[], started: string, now: Date): Draft {
  return {
    draft: 1,
    id,
    dilemma,
    language,
    started,
    updated: now.toISOString(),
    steps: steps.map((s) => ({
      node: s.node,
      answer: s.answer === null ? null : typeof s.answer === 'string' ? s.answer : [...s.answer],
      ...(s.motivation ? { motivation: s.motivation } : {}),
    })),
  };
}
