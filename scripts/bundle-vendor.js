// Part of `npm run build`: each third-party library the tool runs on becomes one CommonJS file in
// dist/vendor/, which src/util/vendor.ts loads with V8's code cache. On Node 20 an ES module graph
// of dozens of files is slow to load (@inquirer/prompts alone: about 60 ms, as one cached file about
// 10 ms; see BENCHMARKS.md). dist/vendor/manifest.json names each file with its version and SHA-256;
// dist/vendor/LICENSES.txt carries the licences of everything bundled.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'dist', 'vendor');
// The name each is loaded by (src/util/vendor.ts) and the package it is made from.
const LIBRARIES = { commander: 'commander', chalk: 'chalk', zod: 'zod', yaml: 'yaml', prompts: '@inquirer/prompts' };

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** The folder of the package that holds `file` (the nearest package.json with a name). */
function packageRoot(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name) return dir;
  }
  throw new Error(`no package for ${file}`);
}

const manifest = {};
const packages = new Map();
for (const [name, spec] of Object.entries(LIBRARIES)) {
  const file = join(out, `${name}.cjs`);
  const result = await build({
    stdin: { contents: `module.exports = require(${JSON.stringify(spec)});`, resolveDir: root, sourcefile: `${name}.vendor.js` },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    outfile: file,
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  for (const input of Object.keys(result.metafile.inputs)) {
    if (!input.includes(`node_modules${sep}`) && !input.includes('node_modules/')) continue;
    const dir = packageRoot(join(root, input));
    packages.set(relative(root, dir), dir);
  }
  const text = readFileSync(file);
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', spec, 'package.json'), 'utf8'));
  manifest[name] = { package: spec, version, sha256: createHash('sha256').update(text).digest('hex') };
}
writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

let licences = 'Third-party code bundled into dist/vendor/ by scripts/bundle-vendor.js, with its licences.\n';
for (const [where, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  licences += `\n${'='.repeat(72)}\n${name} ${version} (${license ?? 'see below'}), from ${where.split(sep).join('/')}\n${'='.repeat(72)}\n`;
  licences += licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() + '\n' : `No licence file; package.json says: ${license}\n`;
}
writeFileSync(join(out, 'LICENSES.txt'), licences);
