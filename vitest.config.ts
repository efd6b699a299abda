import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/*
 * Two projects. `unit`: in-process tests over the TypeScript sources, no build (a single file runs
 * in seconds). `e2e`: tests that run the built binary (in tmux, with ssh-keygen, with chromium); they
 * build once first. Which is which is derived, not declared: a test file belongs to e2e when it, or
 * a helper it imports from test/, starts a process.
 */
const STARTS_A_PROCESS = /spawnSync|execFileSync|spawn\(|execFile\(|\bBIN\b|TmuxSession|runCli|chromium/i;

function startsAProcess(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  if (STARTS_A_PROCESS.test(text)) return true;
  for (const [, spec] of text.matchAll(/from ['"](\.[^'"]+)['"]/g)) {
    const imported = resolve(dirname(file), spec!).replace(/\.js$/, '.ts');
    if (imported.includes(`${join('test', '')}`) && imported.endsWith('.ts') && startsAProcess(imported, seen)) return true;
  }
  return false;
}

const testFiles = (readdirSync('test', { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => join('test', f));
const e2e = testFiles.filter((f) => startsAProcess(resolve(f)));
const unit = testFiles.filter((f) => !e2e.includes(f));

// Most end-to-end time is spent waiting on tmux, ssh-keygen and chromium, not computing: more
// workers than cores keep both cores busy (the default on two cores is one worker).
const shared = { testTimeout: 30_000, hookTimeout: 60_000, pool: 'forks' as const, maxWorkers: 4 };

export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: unit } },
      // End-to-end tests drive the built binary; they share one tmux server.
      { test: { ...shared, name: 'e2e', include: e2e, globalSetup: ['test/helpers/build.ts'] } },
    ],
  },
});
