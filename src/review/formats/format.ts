import type { DecisionRecord } from '../../record/model.js';
import type { Style } from '../../platform/style.js';
import type { RecordStatus } from '../../verify/verify.js';
import type { FailReason } from '../fail-on.js';
import type { ReviewReport } from '../model.js';

/** What a renderer of the whole report may use besides the report itself. */
export interface RenderContext {
  /** The terminal's colours for a format meant for one that writes to a terminal; plain otherwise. */
  paint: Style;
  /** The columns to fit (80 for a pipe or a file). */
  width: number;
  /** The --fail-on conditions and which were met, for a format that reports them. */
  failOn?: { conditions: string[]; met: FailReason[] };
}

/** One counted record, as a streaming format writes it. */
export interface RowInput {
  file: string;
  status: RecordStatus;
  record: DecisionRecord;
}

/** Renders the finished aggregate as one text. */
export interface WholeRenderer {
  render(report: ReviewReport, context: RenderContext): string;
}

/** Writes rows while the records are read, so a large review never holds them all in one text. */
export interface RowRenderer {
  header(): string;
  /** The rows of one counted record; with `anonymous`, without who wrote it. */
  rows(input: RowInput, anonymous: boolean): string;
}

interface FormatBase<Name extends string> {
  /** What `--format` takes. */
  name: Name;
  /** The `--out` extensions (lower case, with the dot) that choose this format when --format is not given. */
  extensions: readonly string[];
  /** Meant for a terminal: painted in the terminal's colours when it writes to one. */
  terminal: boolean;
  /** Motivations the aggregate keeps per answer: as many as the format shows, so the rest costs no memory. */
  motivations: number;
}

/**
 * A review output format. Its renderer is loaded only when the format runs (`load`), so a heavy
 * one (html with its style sheet and path map) costs nothing to the other formats.
 */
export type ReviewFormat<Name extends string = string> =
  | (FormatBase<Name> & { streams: false; load(): Promise<WholeRenderer> })
  | (FormatBase<Name> & { streams: true; load(): Promise<RowRenderer> });

/** Declares a format, keeping its name as a literal type (for the tuple of names `--format` takes). */
export function defineFormat<const Name extends string>(format: ReviewFormat<Name>): ReviewFormat<Name> {
  return format;
}
