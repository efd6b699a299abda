// Part of `npm run build`, after tsc: single-file CommonJS bundles, which src/util/bundle-loader.ts
// runs with V8's code cache. On Node 20 a graph of dozens of ES modules is slow to load: the tool's
// own start takes about half as long from one cached file, and @inquirer/prompts about 10 ms
// instead of 60 (see BENCHMARKS.md).
//
// - dist/app/leertuin.cjs: the tool, made from tsc's dist/cli.js (the bin shim runs it);
// - dist/vendor/<name>.cjs: each third-party library, loaded on first use (src/util/vendor.ts),
//   with dist/vendor/LICENSES.txt carrying the licences of everything bundled;
// - dist/bundles.json: each bundle's file and SHA-256 (and a library's package and version).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
// scripts/build.js builds into a folder beside dist/ and swaps it in; run alone, the step works on dist/.
const dist = process.env.LEERTUIN_BUILD_DIR ?? join(root, 'dist');
// The name each library is loaded by (src/util/vendor.ts) and the package it is made from.
const { VENDOR_LIBRARIES: LIBRARIES } = await import(join(dist, 'util', 'vendor-libraries.js'));
// Whitespace and syntax minified (less to read and deserialize: `list` about 3 ms sooner); names are
// kept, so stack traces (leertuin --verbose) still say where.
const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20.19', metafile: true, legalComments: 'none', logLevel: 'warning', minifyWhitespace: true, minifySyntax: true };

for (const dir of ['app', 'vendor']) rmSync(join(dist, dir), { recursive: true, force: true });
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const manifest = {};

// The tool. Its modules find files relative to themselves (import.meta.url); in the bundle that is
// the bundle's own place, two folders down like every module in dist/, so the same paths hold.
const app = join(dist, 'app', 'leertuin.cjs');
await build({
  ...common,
  entryPoints: [join(dist, 'cli.js')],
  outfile: app,
  define: { 'import.meta.url': '__leertuinBundleUrl' },
  banner: { js: 'const __leertuinBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
manifest.leertuin = { file: 'app/leertuin.cjs', sha256: sha256(app) };

/** The folder of the package that holds `file` (the nearest package.json with a name). */
function packageRoot(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const packageJson = join(dir, 'package.json');
    if (existsSync(packageJson) && JSON.parse(readFileSync(packageJson, 'utf8')).name) return dir;
  }
  throw new Error(`no package for ${file}`);
}

// commander requires child_process up front, for subcommands that are separate programs, which
// leertuin has none of; loading it (and net, dgram...) costs about 3 ms of every start. It is
// taken on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (args.namespace === 'lazy' ? undefined : { path: 'child_process', namespace: 'lazy' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: 'let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require("node:child_process"))[key] });',
      loader: 'js',
    }));
  },
};

const packages = new Map();
for (const [name, spec] of Object.entries(LIBRARIES)) {
  const file = join(dist, 'vendor', `${name}.cjs`);
  const result = await build({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(spec)});`, resolveDir: root, sourcefile: `${name}.vendor.js` },
    outfile: file,
    plugins: name === 'commander' ? [lazyChildProcess] : [],
  });
  for (const input of Object.keys(result.metafile.inputs)) {
    if (!input.split(/[\\/]/).includes('node_modules')) continue;
    const dir = packageRoot(join(root, input));
    packages.set(relative(root, dir), dir);
  }
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', spec, 'package.json'), 'utf8'));
  manifest[name] = { file: `vendor/${name}.cjs`, package: spec, version, sha256: sha256(file) };
}
writeFileSync(join(dist, 'bundles.json'), JSON.stringify(manifest, null, 2) + '\n');

let licences = 'Third-party code bundled into dist/vendor/ by scripts/bundle.js, with its licences.\n';
for (const [where, dir] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  licences += `\n${'='.repeat(72)}\n${name} ${version} (${license ?? 'see below'}), from ${where.split(sep).join('/')}\n${'='.repeat(72)}\n`;
  licences += licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() + '\n' : `No licence file; package.json says: ${license}\n`;
}
writeFileSync(join(dist, 'vendor', 'LICENSES.txt'), licences);
