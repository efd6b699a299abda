import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';
import { useRamDiskForTemporaryFiles } from './test/helpers/temp-folder.js';

/*
 * Two projects. `unit`: tests over the TypeScript sources, no build (a single file runs in seconds);
 * commands run in-process (test/helpers/in-process.ts), other programs (ssh-keygen, chromium) may
 * run for real. `e2e`: tests that run the built tool (its binary, alone or in tmux, or files in
 * dist/); they build once first. Which is which is derived, not declared: a test file belongs to
 * e2e when its own code uses the build, or when a name it imports from a test helper does. What a
 * helper module holds besides does not count: a test that imports only `runInProcess` or
 * `freshHome` is unit even though their modules also hold `runCli`.
 */
const USES_THE_BUILD = /\bBIN\b|runCli|TmuxSession|leertuin\.cjs|['"]dist['"]/;

/** A module's code without comments (a doc comment that names `runCli` runs nothing). */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

interface Module {
  /** Each top-level statement by the name it declares; statements that declare nothing under ''. */
  own: Map<string, string>;
  /** Names imported or re-exported from another module under test/: the module and its name there. */
  from: Map<string, { file: string; name: string }>;
}

const modules = new Map<string, Module>();

function parse(file: string): Module {
  const known = modules.get(file);
  if (known) return known;
  const text = code(file);
  const from = new Map<string, { file: string; name: string }>();
  const statements = /^(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"];?/gm;
  for (const [statement, spec] of text.matchAll(statements)) {
    const target = resolve(dirname(file), spec!).replace(/\.js$/, '.ts');
    if (!target.startsWith(resolve('test')) || !target.endsWith('.ts')) continue;
    // `import x from` or `import * as x from`: x stands for the whole module ('*').
    const whole = /^import\s+(?:type\s+)?(?:\*\s+as\s+)?(\w+)/.exec(statement);
    if (whole) from.set(whole[1]!, { file: target, name: '*' });
    for (const part of /\{([^}]*)\}/.exec(statement)?.[1]?.split(',') ?? []) {
      const [name, alias] = part.replace(/^\s*type\s+/, '').split(/\s+as\s+/).map((s) => s.trim());
      if (name) from.set(alias ?? name, { file: target, name });
    }
  }
  // A top-level statement starts at column 0 with a declaration; what follows it belongs to it.
  const own = new Map<string, string>();
  let current = '';
  for (const line of text.replace(statements, '').split('\n')) {
    const declared = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\*?|const|let|var|class|interface|type|enum)\s+(\w+)/.exec(line);
    if (declared) current = declared[1]!;
    else if (/^\S/.test(line) && !/^[}\])]/.test(line)) current = '';
    own.set(current, (own.get(current) ?? '') + line + '\n');
  }
  const module = { own, from };
  modules.set(file, module);
  return module;
}

/** Whether using `name` of `file` (or, for '', running the module's own top-level code) uses the build. */
function usesTheBuild(file: string, name: string, seen = new Set<string>()): boolean {
  const key = `${file}#${name}`;
  if (seen.has(key)) return false;
  seen.add(key);
  const module = parse(file);
  if (name === '*') return [...module.own.keys(), ...module.from.keys()].some((one) => usesTheBuild(file, one, seen));
  const imported = module.from.get(name);
  if (imported) return usesTheBuild(imported.file, imported.name, seen);
  const body = module.own.get(name) ?? '';
  if (USES_THE_BUILD.test(body)) return true;
  const used = new Set(body.match(/\b\w+\b/g));
  const names = [...module.own.keys(), ...module.from.keys()].filter((other) => other !== '' && other !== name && used.has(other));
  return names.some((other) => usesTheBuild(file, other, seen)) || (name !== '' && usesTheBuild(file, '', seen));
}

const testFiles = (readdirSync('test', { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => join('test', f));
/** A test file runs all its code: every top-level statement and every name it imports counts. */
const e2e = testFiles.filter((f) => {
  const file = resolve(f);
  const { own, from } = parse(file);
  return [...own.keys(), ...from.keys()].some((name) => usesTheBuild(file, name));
});
const unit = testFiles.filter((f) => !e2e.includes(f));
// The name says it too (`*.e2e.test.ts`), so a reader knows without running this: they must agree.
const misnamed = testFiles.filter((f) => f.endsWith('.e2e.test.ts') !== e2e.includes(f));
if (misnamed.length > 0) throw new Error(`rename: ${misnamed.map((f) => `${f} ${e2e.includes(f) ? 'uses the build (name it *.e2e.test.ts)' : 'does not use the build (drop .e2e)'}`).join('; ')}`);

// Most end-to-end time is spent waiting on tmux, ssh-keygen and chromium, not computing: more
// workers than cores keep both cores busy (the default on two cores is one worker; 3 and 6 measured
// slower than 4). Modules are loaded once per worker, not once per file (isolate: false): about 45%
// less CPU for the unit project. Each file starts from the state a fresh process has (fresh-state.ts).
const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const, maxWorkers: 4, isolate: false, setupFiles: ['test/helpers/fresh-state.ts'] };

useRamDiskForTemporaryFiles();

export default defineConfig({
  test: {
    // `npm run coverage`: what of src/ the in-process tests run (the built binary's runs are not counted).
    coverage: { provider: 'v8', include: ['src/**'], reporter: ['text-summary', 'json-summary'], reportOnFailure: true },
    projects: [
      { test: { ...shared, name: 'unit', include: unit } },
      // End-to-end tests drive the built binary; they share one tmux server.
      { test: { ...shared, name: 'e2e', include: e2e, globalSetup: ['test/helpers/build.ts'] } },
    ],
  },
});
