/**
 * Removes terminal escape sequences and control characters (C0, DEL, C1, bidi controls) but keeps
 * line breaks and tabs: text from files and users is shown and stored, never obeyed.
 */
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[@-Z\\-_])/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripControl(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(ESCAPE_SEQUENCE, '').replace(CONTROL, '');
}

/** One line for a terminal: control characters gone, line breaks as spaces. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/\s*\n\s*/g, ' ').trim();
}
