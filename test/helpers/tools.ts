import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The programs some tests drive for real, how to find each, and the Debian package that brings it. */
const TOOLS = {
  tmux: { find: () => onPath('tmux'), install: 'apt-get install tmux' },
  'ssh-keygen': { find: () => onPath('ssh-keygen') && onPath('ssh-agent'), install: 'apt-get install openssh-client' },
  chromium: { find: () => existsSync(chromiumPath()), install: 'apt-get install chromium' },
} as const;
export type Tool = keyof typeof TOOLS;

/** Debian's Chromium, or the browser CHROMIUM_PATH names. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

const reported = new Set<Tool>();

/**
 * Whether a test file must be skipped because a program it drives is not installed. It says so in
 * one line with the install command. Under CI (`CI` set) nothing is skipped: a missing program
 * fails the run, so CI never passes without the tests that need it.
 */
export function missing(...tools: Tool[]): boolean {
  const absent = tools.filter((tool) => !TOOLS[tool].find());
  if (absent.length === 0) return false;
  const line = absent.map((tool) => `${tool} is not installed (install it with: ${TOOLS[tool].install})`).join('; ');
  if (process.env.CI) throw new Error(`CI needs every test: ${line}`);
  for (const tool of absent) {
    if (reported.has(tool)) continue;
    reported.add(tool);
    console.warn(`skipped: tests that need ${tool}: ${tool} is not installed; install it with: ${TOOLS[tool].install}`);
  }
  return true;
}
