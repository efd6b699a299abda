import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RAW_CONTROL, timedCli, TIME_BOUND_MS, workspace } from './helpers.js';

const ANSWERS = `dilemma: verward-gedrag-huisarts
author:
  name: "<script>alert(1)</script>"
  role: "</td><img src=x onerror=alert(2)>"
  domain: zorg
  organisation: "]]> <!-- \\" ' &amp; <style>body{display:none}</style>"
answers:
  persoonsgegeven: {answer: nee, motivation: "<script>alert(3)</script> </textarea> <iframe src=javascript:alert(4)>"}
`;

describe('the HTML report', () => {
  it('shows author and motivation text with <script> as text, never as markup', async () => {
    const ws = workspace();
    writeFileSync(join(ws.cwd, 'answers.yaml'), ANSWERS);
    const walk = await timedCli(['walk', '--no-sign', '--answers', 'answers.yaml'], ws);
    expect(walk.status, walk.stderr).toBe(0);

    const result = await timedCli(['review', 'records', '--format', 'html', '--include-unverified'], ws);
    expect(result.status, result.stderr).toBe(0);
    expect(result.ms).toBeLessThan(TIME_BOUND_MS);
    expect(result.stderr).not.toMatch(RAW_CONTROL);
    const html = result.stdout;
    expect(html).toMatch(/^<!doctype html>/i);
    for (const markup of ['<script', '<img', '<iframe', '</textarea', 'body{display:none}</style>', '<!-- "']) {
      expect(html.toLowerCase().includes(markup), `raw ${markup} in the report`).toBe(false);
    }
    // The text itself is there, as text.
    const lt = '(?:&lt;|&#60;|&#x3c;)';
    const gt = '(?:&gt;|&#62;|&#x3e;)';
    for (const n of [1, 3]) expect(html).toMatch(new RegExp(`${lt}script${gt}alert\\(${n}\\)${lt}/script${gt}`, 'i'));
    expect(html).toMatch(new RegExp(`${lt}img src=x onerror=alert\\(2\\)${gt}`, 'i'));
  });
});
