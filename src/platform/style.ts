/**
 * Colours and emphasis for text: the terminal layer makes one with chalk; reports that may be
 * written to a file use a plain one. A type only, so the core needs no colour library.
 */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  heading(text: string): string;
  accent(text: string): string;
  ok(text: string): string;
  warn(text: string): string;
  error(text: string): string;
}

const same = (text: string) => text;
/** No escapes at all: for files, pipes and NO_COLOR. */
export const PLAIN_STYLE: Style = { bold: same, dim: same, heading: same, accent: same, ok: same, warn: same, error: same };
