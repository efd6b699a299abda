// Part of `npm run build`: renders every help text once per language (dist/help.json), so `--help`
// prints it without loading commander; see src/static-help.ts for when it is used.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const { renderAllHelp } = await import(join(root, 'dist', 'program.js'));
const { HELP_FILE, helpFingerprint } = await import(join(root, 'dist', 'static-help.js'));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const texts = {};
for (const lang of ['nl', 'en']) {
  const unwrapped = renderAllHelp(version, lang, Number.MAX_SAFE_INTEGER);
  const at80 = renderAllHelp(version, lang, 80);
  texts[lang] = Object.fromEntries(
    Object.entries(unwrapped).map(([command, text]) => [command, { unwrapped: text, widest: Math.max(...text.split('\n').map((line) => line.length)), at80: at80[command] }]),
  );
}
writeFileSync(HELP_FILE, JSON.stringify({ fingerprint: helpFingerprint(), texts }) + '\n');
