import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentSigningKey } from './agent.js';
import { KeyError } from './errors.js';
import { loadPrivateKeyFile, PRIVATE_KEY_FILE } from './keys.js';
import { fingerprint, parsePublicKeyLine, type SigningKey } from './sshsig.js';

export interface FoundKey {
  key: SigningKey;
  fingerprint: string;
  /** Where it came from: a file path or `ssh-agent`; never key material. */
  source: string;
}

export interface KeySearch {
  /** An explicit key file (--key, LEERTUIN_KEY or the user config). */
  keyPath?: string | undefined;
  /** Use ssh-agent first (LEERTUIN_AGENT=1 or `agent: true`). */
  preferAgent: boolean;
  userDir: string;
  home: string;
  env: NodeJS.ProcessEnv;
  /** Asked only for a passphrase-protected leertuin key. */
  passphrase?: () => Promise<string>;
}

/**
 * Finds the key to sign with, in this order: an explicit key file; ssh-agent when preferred; the
 * tool's own key; `~/.ssh/id_ed25519` (through ssh-agent when it is passphrase-protected); any
 * Ed25519 key in ssh-agent. Undefined when there is none at all.
 */
export async function findSigningKey(search: KeySearch): Promise<FoundKey | undefined> {
  const fromFile = async (path: string): Promise<FoundKey> => {
    const key = await loadPrivateKeyFile(path, search.passphrase);
    return { key, fingerprint: fingerprint(key.publicKey), source: path };
  };
  // The run's own SSH_AUTH_SOCK; '' (no agent) when it has none, never the agent of the process it runs in.
  const socketPath = search.env.SSH_AUTH_SOCK;
  const fromAgent = async (select?: Buffer): Promise<FoundKey> => {
    const key = await agentSigningKey({ socketPath: socketPath ?? '', ...(select ? { select } : {}) });
    return { key, fingerprint: fingerprint(key.publicKey), source: 'ssh-agent' };
  };

  if (search.keyPath) return fromFile(search.keyPath);
  if (search.preferAgent) return fromAgent();
  const own = join(search.userDir, PRIVATE_KEY_FILE);
  if (existsSync(own)) return fromFile(own);
  const ssh = join(search.home, '.ssh', 'id_ed25519');
  if (existsSync(ssh)) {
    try {
      return await fromFile(ssh);
    } catch (error) {
      if (!(error instanceof KeyError) || error.code !== 'encrypted-openssh-key' || !socketPath) throw error;
      const pub = `${ssh}.pub`;
      return fromAgent(existsSync(pub) ? parsePublicKeyLine(readFileSync(pub, 'utf8')).publicKey : undefined);
    }
  }
  if (socketPath) {
    try {
      return await fromAgent();
    } catch (error) {
      if (error instanceof KeyError && (error.code === 'agent-no-key' || error.code === 'no-agent')) return undefined;
      throw error;
    }
  }
  return undefined;
}
