/**
 * Text for a terminal: how many columns it takes, and wrapped at word boundaries to a width. One
 * place for both, so the walk, the workshop and the review table break lines the same way.
 */

// Colours and other escape sequences take no columns and are never split.
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/y;
// Made on first use: a grapheme segmenter loads Unicode data, about 30 ms of a walk's start.
let segmenter: Intl.Segmenter | undefined;
// Printable Latin up to U+02FF (without the soft hyphen, before the combining marks), typographic
// punctuation (dashes, quotes, bullets, the euro sign; no zero-width or direction marks), arrows,
// box drawing and blocks: each character is one grapheme of one column, so most Dutch and English
// text, and the review's tables and bars, need no segmenter.
const SIMPLE = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u20ac\u2190-\u21ff\u2500-\u259f]*$/;

/** East Asian wide and fullwidth characters take two columns (Unicode's East_Asian_Width W and F). */
function isWide(code: number): boolean {
  return (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f900 && code <= 0x1f9ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  );
}

const ZERO_WIDTH = /^(?:\p{Mn}|\p{Me}|\p{Cf}|\p{Cc})+$/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Columns one grapheme takes: 0 for marks and format characters, 2 for wide ones and emoji, else 1. */
function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  const code = grapheme.codePointAt(0)!;
  if (isWide(code)) return 2;
  // A pictograph shown as emoji (presentation selector, or a sequence) takes two columns.
  if (EMOJI.test(grapheme) && (grapheme.includes('\ufe0f') || grapheme.length > 2 || code >= 0x1f000)) return 2;
  return 1;
}

/** The text split into escape sequences (width 0) and graphemes, in order. */
function* pieces(text: string): Generator<{ text: string; width: number }> {
  let plain = '';
  const flush = function* () {
    if (SIMPLE.test(plain)) for (const char of plain) yield { text: char, width: 1 };
    else for (const { segment } of (segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' })).segment(plain)) yield { text: segment, width: graphemeWidth(segment) };
    plain = '';
  };
  for (let i = 0; i < text.length; ) {
    ANSI.lastIndex = i;
    const escape = ANSI.exec(text);
    if (escape) {
      yield* flush();
      yield { text: escape[0], width: 0 };
      i += escape[0].length;
    } else {
      plain += text[i];
      i++;
    }
  }
  yield* flush();
}

/** How many terminal columns the text takes (escape sequences take none). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const piece of pieces(text)) width += piece.width;
  return width;
}

/**
 * The text in lines of at most `width` columns, broken at spaces; existing line breaks stay. Only a
 * word longer than a whole line is broken, between graphemes. Lines after the first of a paragraph
 * start with `indent`.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const room = Math.max(1, width);
  const indentWidth = displayWidth(indent);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    let started = false;
    const breakLine = () => {
      lines.push(line);
      line = indent;
      used = indentWidth;
    };
    // Words with the spaces before them: spacing inside a line stays as written (aligned columns).
    for (const [, gap = '', word = ''] of paragraph.matchAll(/( *)([^ ]+|$)/g)) {
      if (word === '' && gap === '') break;
      const size = displayWidth(word);
      if (started && used + gap.length + size <= room) {
        line += gap + word;
        used += gap.length + size;
        continue;
      }
      if (started) breakLine();
      else {
        // Leading spaces of a paragraph are kept, like an indent of its own.
        line = gap;
        used = gap.length;
      }
      started = true;
      if (used + size <= room) {
        line += word;
        used += size;
        continue;
      }
      // A word wider than a line: broken between graphemes, over as many lines as it needs.
      for (const piece of pieces(word)) {
        if (used + piece.width > room && used > indentWidth) breakLine();
        line += piece.text;
        used += piece.width;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The width to lay out for: COLUMNS, else the terminal's own, else 80 (a pipe or a file). */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  if (stream.isTTY && stream.columns && stream.columns >= 20) return stream.columns;
  return 80;
}
