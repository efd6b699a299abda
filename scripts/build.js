// `npm run build`: tsc checks the types (it writes nothing), then one esbuild run makes every file the
// tool runs from: its bundle (dist/app/leertuin.cjs), the quick path of the bin shim
// (dist/app/quick.cjs), and a bundle per runtime dependency (dist/vendor/<package>.cjs, loaded on
// first use by src/platform/vendor.ts). Then the build derives what start-up would otherwise compute:
// the bundled dilemmas as validated JSON (dist/bundled.json) and every help text (dist/help.json).
//
// Single files, because on Node 20 a graph of dozens of ES modules is slow to load: the tool's own
// start takes about half as long from one file with V8's code cache, and @inquirer/prompts about
// 10 ms instead of 60 (see BENCHMARKS.md).
//
// The build goes to a fresh folder beside dist/ and is swapped in with two renames, so a `leertuin`
// that starts while the build runs never finds dist/ half written. The build before is kept as
// .dist-old-* until the next build, for processes still running from it.
//   LEERTUIN_SKIP_TYPECHECK=1   leave out tsc (tests that only need a fresh build).
//   --if-changed                do nothing when dist/ was built from the same inputs (the test set-up
//                               after `npm install` or CI's build step: the same bundles again cost 4 s).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild-wasm';
import { INPUTS_FILE, inputsDigest } from './build-inputs.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
// A fixed name: esbuild names modules by their path, and the bundle should not change with it.
const next = join(root, '.dist-build');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The libraries the tool loads at run time: its dependencies, declared once, in package.json.
const libraries = Object.keys(packageJson.dependencies);

const inputs = inputsDigest(root);
if (process.argv.includes('--if-changed') && existsSync(join(dist, INPUTS_FILE)) && readFileSync(join(dist, INPUTS_FILE), 'utf8') === `${inputs}\n`) process.exit(0);

for (const name of readdirSync(root)) {
  if (name === '.dist-build' || name.startsWith('.dist-old-')) rmSync(join(root, name), { recursive: true, force: true });
}
if (!process.env.LEERTUIN_SKIP_TYPECHECK) {
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], { cwd: root, stdio: 'inherit' });
  } catch (error) {
    process.exit(typeof error.status === 'number' ? error.status : 1);
  }
}

// commander requires child_process up front, for subcommands that are separate programs, which
// leertuin has none of; loading it (and net, dgram...) costs about 3 ms of every start. In
// commander's bundle it is taken on first use instead.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      args.namespace !== 'lazy' && args.importer.split(/[\\/]/).includes('commander') ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    esbuild.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: 'let loaded; module.exports = new Proxy({}, { get: (_, key) => (loaded ??= require("node:child_process"))[key] });',
      loader: 'js',
    }));
  },
};
// A library's bundle is made from a one-line entry that requires the package.
const libraryEntries = {
  name: 'library-entries',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^library:/ }, (args) => ({ path: args.path.slice('library:'.length), namespace: 'library' }));
    esbuild.onLoad({ filter: /.*/, namespace: 'library' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, resolveDir: root, loader: 'js' }));
  },
};

// esbuild-wasm runs its WebAssembly in a `node` it starts from PATH. For a build this short, V8's
// optimising compiler costs more than it saves: with --liftoff-only (the baseline compiler alone)
// bundling took 1.3 CPU-s instead of 5.4, and 1.2 s instead of 3.1 s, here. So a `node` that is
// this one with that flag goes first on PATH while esbuild runs.
const fastWasm = process.platform === 'win32' ? undefined : mkdtempSync(join(tmpdir(), 'leertuin-build-'));
if (fastWasm) {
  const quoted = `'${process.execPath.replaceAll("'", `'\\''`)}'`;
  writeFileSync(join(fastWasm, 'node'), `#!/bin/sh\nexec ${quoted} --liftoff-only "$@"\n`, { mode: 0o755 });
  process.env.PATH = `${fastWasm}${delimiter}${process.env.PATH ?? ''}`;
}

const result = await build({
  absWorkingDir: root,
  entryPoints: [
    { in: 'src/cli.ts', out: 'app/leertuin' },
    { in: 'src/quick-answer.ts', out: 'app/quick' },
    // The worker threads of a batch verification (src/verify/batch.ts).
    { in: 'src/verify/worker.ts', out: 'app/verify-worker' },
    { in: 'src/verify/signature-worker.ts', out: 'app/signature-worker' },
    // What the build derives below; removed before the swap.
    { in: 'src/build-steps.ts', out: 'app/build-steps' },
    ...libraries.map((name) => ({ in: `library:${name}`, out: `vendor/${name}` })),
  ],
  outdir: next,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20.19',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Whitespace and syntax minified (less to read and deserialize: `list` about 3 ms sooner); names
  // are kept, so stack traces (leertuin --verbose) still say where.
  minifyWhitespace: true,
  minifySyntax: true,
  // Modules find files relative to themselves (import.meta.url); a bundle is two folders down in
  // dist/ as each source file is in the package (src/<area>/), so the same relative paths hold.
  define: { 'import.meta.url': '__leertuinBundleUrl' },
  banner: { js: 'const __leertuinBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
  plugins: [libraryEntries, lazyChildProcess],
}).catch(() => {
  rmSync(next, { recursive: true, force: true });
  process.exit(1);
}).finally(() => {
  if (fastWasm) rmSync(fastWasm, { recursive: true, force: true });
});

// What start-up would otherwise compute is made by this build's own code.
const steps = createRequire(import.meta.url)(join(next, 'app', 'build-steps.cjs'));
const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const manifest = { leertuin: { file: 'app/leertuin.cjs', sha256: sha256(join(next, 'app', 'leertuin.cjs')), commands: steps.COMMAND_NAMES } };
const packages = new Map();
for (const name of libraries) {
  const file = `vendor/${name}.cjs`;
  const { version } = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
  manifest[name] = { file, package: name, version, sha256: sha256(join(next, file)) };
  for (const input of Object.keys(result.metafile.outputs[relative(root, join(next, file)).split(sep).join('/')].inputs)) {
    if (input.split(/[\\/]/).includes('node_modules')) packages.set(packageRoot(join(root, input)), true);
  }
}
writeFileSync(join(next, 'bundles.json'), JSON.stringify(manifest, null, 2) + '\n');
writeFileSync(join(next, 'vendor', 'LICENSES.txt'), licences([...packages.keys()]));

// Stamped with the build's id: used only by the build that made them.
const buildId = manifest.leertuin.sha256;
writeFileSync(join(next, 'bundled.json'), JSON.stringify({ build: buildId, ...steps.compileBundled() }) + '\n');
writeFileSync(join(next, 'help.json'), JSON.stringify({ build: buildId, texts: await steps.storedHelpTexts(packageJson.version) }) + '\n');
rmSync(join(next, 'app', 'build-steps.cjs'));
writeFileSync(join(next, INPUTS_FILE), `${inputs}\n`);

if (existsSync(dist)) renameSync(dist, join(root, `.dist-old-${Date.now()}`));
renameSync(next, dist);

/** The folder of the package that holds `file` (the nearest package.json with a name). */
function packageRoot(file) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const found = join(dir, 'package.json');
    if (existsSync(found) && JSON.parse(readFileSync(found, 'utf8')).name) return dir;
  }
  throw new Error(`no package for ${file}`);
}

/** dist/vendor/LICENSES.txt: the licence of every package bundled into dist/vendor/. */
function licences(dirs) {
  let text = 'Third-party code bundled into dist/vendor/ by scripts/build.js, with its licences.\n';
  for (const dir of dirs.sort((a, b) => relative(root, a).localeCompare(relative(root, b)))) {
    const { name, version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
    text += `\n${'='.repeat(72)}\n${name} ${version} (${license ?? 'see below'}), from ${relative(root, dir).split(sep).join('/')}\n${'='.repeat(72)}\n`;
    text += licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() + '\n' : `No licence file; package.json says: ${license}\n`;
  }
  return text;
}
