import { stripControl } from '../platform/text.js';

/** Text from users or dilemma files, made inert for Markdown: no HTML, no control characters. */
export function markdownText(text: string): string {
  return stripControl(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}
