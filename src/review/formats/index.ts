import { csvSummary } from './csv-summary.js';
import { csv } from './csv.js';
import type { ReviewFormat } from './format.js';
import { html } from './html.js';
import { json } from './json.js';
import { md } from './md.js';
import { table } from './table.js';

export type { RenderContext, ReviewFormat, RowInput, RowRenderer, WholeRenderer } from './format.js';

/** Every format `review` writes, in the order help and usage errors name them. A new format is one file and one entry here. */
export const REVIEW_FORMATS = [table, md, json, csv, csvSummary, html] as const;

type Names<Formats extends readonly ReviewFormat[]> = { -readonly [I in keyof Formats]: Formats[I]['name'] };

/** The names `--format` takes, as a tuple (for commander's choices and the option schema's enum). */
export const REVIEW_FORMAT_NAMES = REVIEW_FORMATS.map((format) => format.name) as Names<typeof REVIEW_FORMATS>;
export type ReviewFormatName = (typeof REVIEW_FORMAT_NAMES)[number];

/** Without --format, --json or a known --out extension: a table on a terminal, else Markdown (readable as text, and a handout). */
export const DEFAULT_FORMAT: { terminal: ReviewFormatName; other: ReviewFormatName } = { terminal: 'table', other: 'md' };
