#!/usr/bin/env node
// `npm run bench [-- --quick | --privacy]`: start-up and batch figures as medians, each with its ratio to a floor
// measured in the same run (these machines are shared and noisy; ratios travel, seconds do not).
// Generates its own signed records with the project's own code in a temporary folder.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'leertuin.cjs');
const quick = process.argv.includes('--quick');
const sizes = quick ? [1000, 10000] : [1000, 10000, 100000];
const runs = quick ? 5 : 9;
const batchRuns = quick ? 1 : 3;

if (!existsSync(join(root, 'dist', 'app', 'leertuin.cjs'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const work = mkdtempSync(join(tmpdir(), 'leertuin-bench-'));
// The tool's own functions, bundled from the sources as the build bundles the tool, and placed (by
// their import.meta.url) in dist/app/ beside it, so they load its libraries and bundled dilemmas.
const { build } = await import('esbuild-wasm');
const modulesFile = join(work, 'modules.cjs');
await build({ entryPoints: [join(root, 'bench', 'modules.ts')], outfile: modulesFile, bundle: true, format: 'cjs', platform: 'node', target: 'node20.19', logLevel: 'warning', define: { 'import.meta.url': '__benchUrl' }, banner: { js: `const __benchUrl = ${JSON.stringify(pathToFileURL(join(root, 'dist', 'app', 'bench-modules.cjs')).href)};` } });
const modules = createRequire(import.meta.url)(modulesFile);
if (process.argv.includes('--privacy')) {
  await (await import('./privacy.js')).privacyBench(root, modules);
  rmSync(work, { recursive: true, force: true });
  process.exit(0);
}
const { Catalog, buildRecord, loadTemplate, renderRecord, appendSignature, RECORD_NAMESPACE, generateSigningKey, publicKeyLine, fingerprint, startWalk, currentNode, answer, motivationRule } = modules;

const home = join(work, 'home');
mkdirSync(home);
const rssFile = join(work, 'rss.txt');
// Start-up runs get a plain environment: a preloaded module would slow the floor as well and flatter
// every ratio. Batch runs preload bench/maxrss.js to record their peak memory.
const startEnv = {
  PATH: process.env.PATH,
  HOME: home,
  XDG_CONFIG_HOME: join(home, '.config'),
  XDG_STATE_HOME: join(home, '.state'),
  XDG_CACHE_HOME: join(home, '.cache'),
  LANG: 'C.UTF-8',
  TERM: 'xterm-256color',
};
const env = { ...startEnv, NODE_OPTIONS: `--import=${join(root, 'bench', 'maxrss.js')}`, LEERTUIN_BENCH_RSS: rssFile };
// A user configuration as the first walk leaves it, so start-up reads one, as a real user's does.
mkdirSync(join(home, '.config', 'leertuin'), { recursive: true });
writeFileSync(join(home, '.config', 'leertuin', 'config.yaml'), 'author:\n  name: "Fictieve Deelnemer"\n  role: "wijkteammedewerker"\n  domain: "gemeente"\n  organisation: "Voorbeeldgemeente"\n');

// ---- data: unique signed records, copied to reach each size ----
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
const words = 'de het een cliënt gezin zorg school politie wijkteam delen doel toestemming veiligheid afspraak gegevens nodig niet wel omdat zodat maar ook alleen overleg melden plan risico'.split(' ');
const sentence = (n) => Array.from({ length: n }, () => pick(words)).join(' ') + '.';

function randomWalk(tree) {
  let state = startWalk(tree);
  for (let guard = 0; guard < 100; guard++) {
    const node = currentNode(tree, state);
    if (node.kind === 'outcome') return state;
    let given = null;
    if (node.kind === 'single') given = pick(node.options).id;
    if (node.kind === 'multiple') {
      given = node.options.filter(() => random() < 0.4).map((o) => o.id);
      if (given.length === 0) given = [pick(node.options).id];
    }
    if (node.kind === 'text') given = sentence(8);
    const rule = motivationRule(node, given);
    const motivation = rule === 'required' || (rule === 'optional' && random() < 0.5) ? sentence(6 + Math.floor(random() * 12)) : undefined;
    state = answer(tree, state, given, motivation);
  }
  throw new Error('walk did not end');
}

const key = generateSigningKey();
const principal = 'bench@voorbeeld.nl';
writeFileSync(join(work, 'allowed_signers'), `${principal} namespaces="${RECORD_NAMESPACE}" ${publicKeyLine(key.publicKey)}\n`);
const dilemmas = new Catalog([]).dilemmas();
const template = loadTemplate();
const pool = join(work, 'pool');
mkdirSync(pool);
const unique = 500;
let bytes = 0;
for (let i = 0; i < unique; i++) {
  const dilemma = dilemmas[i % dilemmas.length];
  const state = randomWalk(dilemma.tree);
  const record = buildRecord({
    dilemma,
    state,
    author: { name: `Deelnemer ${i}`, role: 'professional', domain: pick(['zorg', 'veiligheid', 'gemeente', 'onderwijs', 'wonen']), organisation: 'Bench' },
    language: 'nl',
    now: new Date(Date.UTC(2026, 10, 1) + i * 60000),
    shortId: `b${String(i).padStart(5, '0')}`,
    signer: { principal, key: fingerprint(key.publicKey) },
  });
  const text = await appendSignature(renderRecord(record, dilemma, template), key.signingKey);
  bytes += Buffer.byteLength(text);
  writeFileSync(join(pool, `${record.id}.md`), text);
}
const poolFiles = readdirSync(pool).sort();
const folders = {};
for (const size of sizes) {
  const dir = join(work, `records-${size}`);
  mkdirSync(dir);
  for (let i = 0; i < size; i++) copyFileSync(join(pool, poolFiles[i % unique]), join(dir, `r${String(i).padStart(6, '0')}.md`));
  folders[size] = dir;
}

// ---- measuring ----
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function timeRun(command, args, options = {}) {
  rmSync(rssFile, { force: true });
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, cwd: work, stdio: ['ignore', 'ignore', 'pipe'], ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0 && !options.allowFail) throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  const rss = existsSync(rssFile) ? Math.max(...readFileSync(rssFile, 'utf8').trim().split('\n').map(Number)) : NaN;
  return { ms, rssMb: rss / 1024 };
}

/**
 * `count` timed runs after one untimed one (warm file cache, filled parse cache: the everyday case);
 * `before`, when given, runs before each timed run.
 */
function measure(command, args, count, options, before) {
  timeRun(command, args, options);
  const samples = Array.from({ length: count }, () => {
    before?.();
    return timeRun(command, args, options);
  });
  return { ms: median(samples.map((s) => s.ms)), rssMb: Math.max(...samples.map((s) => s.rssMb)) };
}

/**
 * Time until the first question of a walk is on a pseudo-terminal (colours on, as in a real
 * terminal), through `script`; with `command` set, until that command ends under `script`.
 */
function firstQuestion(command) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn('script', ['-qfec', command ?? `${process.execPath} ${bin} walk zvh-alles-delen --no-sign`, '/dev/null'], {
      env: startEnv,
      cwd: work,
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let seen = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no first question: ${seen.slice(-300)}`));
    }, 15000);
    if (command) {
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(Number(process.hrtime.bigint() - start) / 1e6);
      });
    }
    child.stdout.on('data', (chunk) => {
      seen += chunk.toString('utf8');
      if (seen.includes('Gaat het om persoonsgegevens?')) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve(ms);
      }
    });
  });
}

const rows = [];
const row = (what, ms, floorName, floorMs, target, extra = '') => {
  const ratio = ms / floorMs;
  rows.push({ what, ms, floorName, floorMs, ratio, target, extra });
  process.stderr.write(`  ${what}: ${ms.toFixed(1)} ms, ${ratio.toFixed(2)}x ${floorName}\n`);
};

process.stderr.write(`bench: ${unique} unique records, mean ${Math.round(bytes / unique)} bytes, in ${work}\n`);
process.stderr.write('start-up\n');
// Interleaved: each round runs the floor and every command once, so a machine that gets slower or
// faster during the run moves the floor with the figures.
const start = { env: startEnv };
const startUps = { floor: ['-e', '0'], help: [bin, '--help'], version: [bin, '--version'], list: [bin, 'list'] };
const samples = Object.fromEntries(Object.keys(startUps).map((name) => [name, []]));
const firsts = [];
const scripted = [];
for (const args of Object.values(startUps)) timeRun(process.execPath, args, start);
await firstQuestion();
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(startUps)) samples[name].push(timeRun(process.execPath, args, start).ms);
  scripted.push(await firstQuestion(`${process.execPath} -e 0`));
  firsts.push(await firstQuestion());
}
const floor = median(samples.floor);
row('`leertuin --help`', median(samples.help), '`node -e 0`', floor, '≤ 1.3x');
row('`leertuin --version`', median(samples.version), '`node -e 0`', floor, '≤ 1.3x');
row('`leertuin list`', median(samples.list), '`node -e 0`', floor, '≤ 2x');
row('first question of a walk', median(firsts), '`node -e 0`', floor, '≤ 3x', `\`node -e 0\` under \`script\` (the pseudo-terminal) takes ${median(scripted).toFixed(1)} ms`);

// ssh-keygen per file, on a sample of records, extrapolated per record. A sample is taken before
// every timed verify run, as the floors are measured beside what they measure: one sample at the
// start moved between 6.7 and 8.3 ms per file over three quick runs, while verify itself did not.
const sshSample = poolFiles.slice(0, 20);
const sshPerFile = [];
function sampleSshKeygen() {
  const start = process.hrtime.bigint();
  for (const name of sshSample) {
    const text = readFileSync(join(pool, name), 'utf8');
    const at = text.indexOf('\n<!-- leertuin-signature\n');
    writeFileSync(join(work, 'signed.txt'), text.slice(0, at + 1));
    writeFileSync(join(work, 'sig'), text.slice(at + 25, text.indexOf('-->', at)));
    execFileSync('ssh-keygen', ['-Y', 'verify', '-f', join(work, 'allowed_signers'), '-I', principal, '-n', RECORD_NAMESPACE, '-s', join(work, 'sig')], {
      input: readFileSync(join(work, 'signed.txt')),
      stdio: ['pipe', 'ignore', 'ignore'],
    });
  }
  sshPerFile.push(Number(process.hrtime.bigint() - start) / 1e6 / sshSample.length);
}

const rss = {};
const verifyMs = {};
for (const size of sizes) {
  process.stderr.write(`${size} records\n`);
  const dir = folders[size];
  const floor = measure(process.execPath, [join(root, 'bench', 'floor-verify.js'), dir], batchRuns);
  const verify = measure(process.execPath, [bin, 'verify', dir, '--allowed-signers', join(work, 'allowed_signers')], batchRuns, undefined, sampleSshKeygen);
  verifyMs[size] = verify.ms;
  row(`verify, ${size.toLocaleString('en')} records`, verify.ms, 'floor script', floor.ms, size === 10000 ? '≤ 2x' : 'linear', `${Math.round((size / verify.ms) * 1000).toLocaleString('en')} records/s`);
  let review = { ms: NaN, rssMb: NaN };
  try {
    review = measure(process.execPath, [bin, 'review', dir, '--format', 'json', '--allowed-signers', join(work, 'allowed_signers')], batchRuns);
  } catch (error) {
    process.stderr.write(`  review failed: ${String(error).split('\n')[0]}\n`);
  }
  row(`review --format json, ${size.toLocaleString('en')} records`, review.ms, 'floor script', floor.ms, size === 10000 ? '≤ 3x' : 'linear');
  rss[size] = { verify: verify.rssMb, review: review.rssMb, floor: floor.rssMb };
}

const cpu = cpus()[0]?.model ?? 'unknown';
let out = `\n| measure | median | floor | floor median | ratio | target | note |\n|---|---:|---|---:|---:|---|---|\n`;
for (const r of rows) out += `| ${r.what} | ${r.ms.toFixed(1)} ms | ${r.floorName} | ${r.floorMs.toFixed(1)} ms | ${r.ratio.toFixed(2)}x | ${r.target} | ${r.extra} |\n`;
out += `\n| records | peak RSS verify | peak RSS review | peak RSS floor |\n|---:|---:|---:|---:|\n`;
for (const size of sizes) out += `| ${size.toLocaleString('en')} | ${rss[size].verify.toFixed(0)} MB | ${rss[size].review.toFixed(0)} MB | ${rss[size].floor.toFixed(0)} MB |\n`;
// Against ssh-keygen: the median of all its samples, those taken before the other sizes' runs too.
const sshPerRecord = median(sshPerFile);
out += `\n| records | verify | ssh-keygen per file, extrapolated | faster than ssh-keygen | target |\n|---:|---:|---:|---:|---|\n`;
for (const size of sizes) out += `| ${size.toLocaleString('en')} | ${verifyMs[size].toFixed(1)} ms | ${(sshPerRecord * size).toFixed(0)} ms | ${((sshPerRecord * size) / verifyMs[size]).toFixed(1)}x | ${size === 10000 ? '≥ 50x' : ''} |\n`;
out += `\nssh-keygen -Y verify: ${sshPerRecord.toFixed(2)} ms per record, the median of ${sshPerFile.length} samples of ${sshSample.length} records (${Math.min(...sshPerFile).toFixed(2)}–${Math.max(...sshPerFile).toFixed(2)} ms), one before each timed verify run.\n`;
out += `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB (${(freemem() / 2 ** 30).toFixed(0)} free), Node ${process.version}. `;
out += `Runs: ${runs} per start-up figure, ${batchRuns} per batch figure (medians). Records: ${unique} unique, mean ${Math.round(bytes / unique)} bytes.\n`;
process.stdout.write(out);
rmSync(work, { recursive: true, force: true });
