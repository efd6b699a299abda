import type { DraftStore } from '../../drafts/drafts.js';
import { LeertuinError } from '../../errors.js';
import { t } from '../../i18n/index.js';
import type { Prompter } from '../../terminal/prompts.js';

/**
 * The draft to go on with (`--resume [id]`): the one named, else one chosen from all of them, most
 * recently updated first. `messages` are the walk's or the workshop's own wording.
 */
export async function chooseDraft<D extends { id: string; updated: string; dilemma: { id: string }; steps: readonly unknown[] }>(
  drafts: DraftStore<D>,
  id: string | undefined,
  prompter: () => Promise<Prompter>,
  messages: { listHint: string; none: string },
): Promise<D> {
  if (id !== undefined) {
    const draft = /^[a-z0-9-]+$/.test(id) ? drafts.load(id) : undefined;
    if (!draft) throw new LeertuinError('unknown-draft', t('draft.unknown', { id }), { hint: messages.listHint });
    return draft;
  }
  const all = drafts.list();
  if (all.length === 0) throw new LeertuinError('no-drafts', messages.none);
  return (await prompter()).select(
    t('draft.choose'),
    all.map((d) => ({ value: d, name: t('draft.entry', { id: d.dilemma.id, when: d.updated.slice(0, 16).replace('T', ' '), count: d.steps.length }) })),
  );
}

/**
 * Keeps a draft after every answer. When the drafts folder cannot be written (read-only, full, a
 * file in its place), it says so once and the walk goes on without drafts: losing the safety net
 * is no reason to lose the walk. `off` tells whether a draft is on disk to point the user to.
 */
export function draftKeeper<D extends { id: string; updated: string }>(drafts: DraftStore<D>, warn: (text: string) => void): { keep(draft: D): void; readonly off: boolean } {
  let off = false;
  return {
    keep(draft) {
      if (off) return;
      try {
        drafts.save(draft);
      } catch (error) {
        off = true;
        warn(t('draft.off', { dir: drafts.dir, reason: (error as NodeJS.ErrnoException).code ?? String(error) }));
      }
    },
    get off() {
      return off;
    },
  };
}
