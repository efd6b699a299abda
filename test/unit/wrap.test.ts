import { describe, expect, it } from 'vitest';
import { displayWidth, terminalWidth, wrapText } from '../../src/platform/wrap.js';

describe('displayWidth', () => {
  it('counts columns, not code points: wide CJK, emoji, combining marks, escapes', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('日本語')).toBe(6);
    expect(displayWidth('ｆｕｌｌ')).toBe(8);
    expect(displayWidth('e\u0301te\u0301')).toBe(3);
    expect(displayWidth('👍')).toBe(2);
    expect(displayWidth('👩‍⚕️')).toBe(2);
    expect(displayWidth('\u001b[1mvet\u001b[22m')).toBe(3);
    expect(displayWidth('a\u200bb')).toBe(2);
  });
});

describe('wrapText', () => {
  it('breaks at spaces and never inside a word that fits on a line', () => {
    const text = 'leertuin geeft geen juridisch advies: het helpt je redeneren en vastleggen; bij twijfel overleg je met je FG of jurist.';
    for (const width of [20, 33, 40, 57, 100]) {
      const lines = wrapText(text, width);
      for (const line of lines) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines.join(' ')).toBe(text);
      const words = new Set(text.split(' '));
      for (const line of lines) for (const word of line.split(' ')) expect(words.has(word), `${width}: "${word}" is cut`).toBe(true);
    }
  });

  it('measures wide text and emoji by columns', () => {
    const lines = wrapText('日本語 日本語 日本語 👍👍', 14);
    expect(lines).toEqual(['日本語 日本語', '日本語 👍👍']);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(14);
  });

  it('breaks a word longer than a line between graphemes, never inside one', () => {
    const lines = wrapText('e\u0301'.repeat(7), 3);
    expect(lines).toEqual(['e\u0301e\u0301e\u0301', 'e\u0301e\u0301e\u0301', 'e\u0301']);
  });

  it('keeps line breaks and colour escapes, and indents continuation lines', () => {
    expect(wrapText('een twee drie\nvier', 8, '  ')).toEqual(['een twee', '  drie', 'vier']);
    expect(wrapText('\u001b[2meen twee drie\u001b[22m', 8)).toEqual(['\u001b[2meen twee', 'drie\u001b[22m']);
  });
});

describe('terminalWidth', () => {
  it('COLUMNS, then the terminal, then 80 for a pipe', () => {
    expect(terminalWidth({ isTTY: true, columns: 120 }, { COLUMNS: '160' })).toBe(160);
    expect(terminalWidth({ isTTY: true, columns: 120 }, {})).toBe(120);
    expect(terminalWidth({ isTTY: false }, {})).toBe(80);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: 'x' })).toBe(80);
  });
});

describe('wrapText keeps spacing', () => {
  it('aligned columns stay aligned; spaces at a break are dropped', () => {
    expect(wrapText('zorg              4  0,50', 40)).toEqual(['zorg              4  0,50']);
    expect(wrapText('  ingesprongen tekst', 16)).toEqual(['  ingesprongen', 'tekst']);
    expect(wrapText('een   twee', 4)).toEqual(['een', 'twee']);
  });
});

describe('display width of plain Latin and of everything else', () => {
  it('counts a column per Latin character, and asks the segmenter where marks, soft hyphens, emoji or wide characters are', () => {
    expect(displayWidth('café in één week')).toBe(16);
    expect(displayWidth('cafe\u0301')).toBe(4);
    expect(displayWidth('zacht\u00adafbreken')).toBe(13);
    expect(displayWidth('ok 👍🏽 ok')).toBe(8);
    expect(displayWidth('日本')).toBe(4);
    expect(displayWidth('\u001b[1mvet\u001b[0m ß')).toBe(5);
  });
});

it('the plain-text path counts exactly as the segmenter does, for every character it takes', () => {
  // Every code point up to U+2600 alone and between letters: the width is the same on both paths
  // (a string with one character outside the plain set goes the segmenter's way).
  for (let code = 0x20; code < 0x2600; code++) {
    const char = String.fromCodePoint(code);
    if (/\p{Cs}/u.test(char)) continue;
    expect(displayWidth(`a${char}b`), code.toString(16)).toBe(displayWidth(`a${char}b\u0301`) - 0);
  }
});
