// Packing: `npm install -g <tarball>` must run no script (npm warns about any install script it has
// not been allowed to run). The build runs before packing (`prepack`), and the packed package.json
// carries no `prepare`; a clone keeps it, so `npm install` there still builds. Same idea as pinst.
//   node scripts/pack-manifest.js strip     before packing (prepack, after the build)
//   node scripts/pack-manifest.js restore   after packing (postpack)
import { readFileSync, writeFileSync } from 'node:fs';

const FILE = new URL('../package.json', import.meta.url);
const PARKED = '//prepare (restored after npm pack)';
const text = readFileSync(FILE, 'utf8');
const manifest = JSON.parse(text);
const scripts = manifest.scripts;
const [from, to] = process.argv[2] === 'strip' ? ['prepare', PARKED] : process.argv[2] === 'restore' ? [PARKED, 'prepare'] : [];
if (!from) {
  console.error('usage: node scripts/pack-manifest.js strip|restore');
  process.exit(2);
}
if (from in scripts) {
  // Rebuilt key by key so the order of the scripts, and with it the diff, stays the same.
  manifest.scripts = Object.fromEntries(Object.entries(scripts).map(([key, value]) => [key === from ? to : key, value]));
  writeFileSync(FILE, JSON.stringify(manifest, null, 2) + (text.endsWith('\n') ? '\n' : ''));
}
