import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSH_KEYGEN = '/usr/bin/ssh-keygen';
export const NAMESPACE = 'leertuin-record';

const dirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'leertuin-signing-'));
  dirs.push(dir);
  return dir;
}

export function cleanupTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], options: { input?: Uint8Array | string; env?: NodeJS.ProcessEnv } = {}): RunResult {
  const res = spawnSync(cmd, args, {
    input: options.input ?? '',
    env: { ...process.env, ...options.env },
    encoding: 'buffer',
    timeout: 20_000,
  });
  return { status: res.status, stdout: res.stdout.toString('utf8'), stderr: res.stderr.toString('utf8') };
}

export function runOk(cmd: string, args: string[], options: { input?: Uint8Array | string; env?: NodeJS.ProcessEnv } = {}): string {
  const res = run(cmd, args, options);
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.status}): ${res.stderr}`);
  return res.stdout;
}

/** Creates an OpenSSH key with ssh-keygen; returns the private key path. */
export function sshKeygenKey(dir: string, name: string, options: { type?: string; passphrase?: string; comment?: string } = {}): string {
  const path = join(dir, name);
  runOk(SSH_KEYGEN, ['-q', '-t', options.type ?? 'ed25519', '-N', options.passphrase ?? '', '-C', options.comment ?? 'test@leertuin', '-f', path]);
  return path;
}

/** `ssh-keygen -Y sign` over `data`; returns the armored signature exactly as written. */
export function sshKeygenSign(keyPath: string, data: Uint8Array, namespace = NAMESPACE, extra: string[] = [], env?: NodeJS.ProcessEnv): string {
  const dir = tempDir();
  const dataPath = join(dir, 'data');
  writeFileSync(dataPath, data);
  runOk(SSH_KEYGEN, ['-Y', 'sign', '-f', keyPath, '-n', namespace, ...extra, dataPath], env === undefined ? {} : { env });
  return readFileSync(`${dataPath}.sig`, 'utf8');
}

/** `ssh-keygen -Y verify`; returns the exit status and output. */
export function sshKeygenVerify(
  allowedSigners: string,
  principal: string,
  signature: string,
  data: Uint8Array,
  namespace = NAMESPACE,
  extra: string[] = [],
): RunResult {
  const dir = tempDir();
  const asPath = join(dir, 'allowed_signers');
  const sigPath = join(dir, 'sig');
  writeFileSync(asPath, allowedSigners);
  writeFileSync(sigPath, signature);
  return run(SSH_KEYGEN, ['-Y', 'verify', '-f', asPath, '-I', principal, '-n', namespace, '-s', sigPath, ...extra], { input: data });
}

/** Deterministic pseudo-random bytes (xorshift32), so failures are reproducible. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}
