// Part of `npm run build`, after tsc: the quick path of the bin shim (src/quick-answer.ts). Renders
// every help text once per language (dist/help.json; see src/static-help.ts for when it is used),
// and marks dist/quick/, the CommonJS build of the quick path, as CommonJS.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// scripts/build.js builds into a folder beside dist/ and swaps it in; run alone, the step works on dist/.
const dist = process.env.LEERTUIN_BUILD_DIR ?? join(root, 'dist');
const { renderAllHelp } = await import(join(dist, 'program.js'));
const { HELP_FILE } = await import(join(dist, 'static-help.js'));
const { buildId } = await import(join(dist, 'util', 'bundle-manifest.js'));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const texts = {};
for (const lang of ['nl', 'en']) {
  const unwrapped = renderAllHelp(version, lang, Number.MAX_SAFE_INTEGER);
  const at80 = renderAllHelp(version, lang, 80);
  texts[lang] = Object.fromEntries(
    Object.entries(unwrapped).map(([command, text]) => [command, { unwrapped: text, widest: Math.max(...text.split('\n').map((line) => line.length)), at80: at80[command] }]),
  );
}
writeFileSync(join(dist, HELP_FILE), JSON.stringify({ build: buildId(dist), texts }) + '\n');
writeFileSync(join(dist, 'quick', 'package.json'), JSON.stringify({ type: 'commonjs' }) + '\n');
