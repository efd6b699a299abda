// Minimal ssh-agent client (draft-miller-ssh-agent): list identities and sign with an Ed25519 key.
import { connect } from 'node:net';
import { KeyError } from './errors.js';
import { ED25519_KEY_TYPE, fingerprintOfBlob, parsePublicKeyBlob, parsePublicKeyLine, type SigningKey } from './sshsig.js';
import { SshReader, WireError, sshString, u32 } from './wire.js';

const SSH_AGENT_FAILURE = 5;
const SSH2_AGENTC_REQUEST_IDENTITIES = 11;
const SSH2_AGENT_IDENTITIES_ANSWER = 12;
const SSH2_AGENTC_SIGN_REQUEST = 13;
const SSH2_AGENT_SIGN_RESPONSE = 14;
// Guards against a peer that is not an agent sending an absurd length.
const MAX_REPLY_BYTES = 256 * 1024;
const DEFAULT_LIST_TIMEOUT_MS = 5_000;
// Longer for signing: a key added with `ssh-add -c` waits for the user to confirm.
const DEFAULT_SIGN_TIMEOUT_MS = 60_000;

export interface AgentOptions {
  /** Defaults to the SSH_AUTH_SOCK environment variable. */
  socketPath?: string;
  /** Per request; defaults to 5 s for listing and 60 s for signing. */
  timeoutMs?: number;
}

export interface AgentIdentity {
  keyType: string;
  blob: Buffer;
  comment: string;
  /** Raw 32-byte key for ssh-ed25519 identities, otherwise null. */
  publicKey: Buffer | null;
  fingerprint: string;
}

export interface AgentSigningKey extends SigningKey {
  comment: string;
  fingerprint: string;
}

function socketPathOf(options: AgentOptions): string {
  const path = options.socketPath ?? process.env['SSH_AUTH_SOCK'];
  if (path === undefined || path === '') {
    throw new KeyError('no-agent', 'No ssh-agent available: SSH_AUTH_SOCK is not set', {
      hint: 'Start one with: eval "$(ssh-agent)" && ssh-add',
    });
  }
  return path;
}

interface AgentReply {
  type: number;
  body: Buffer;
}

function agentRequest(socketPath: string, type: number, payload: Buffer, timeoutMs: number): Promise<AgentReply> {
  return new Promise<AgentReply>((resolve, reject) => {
    const socket = connect(socketPath);
    const chunks: Buffer[] = [];
    let received = 0;
    let settled = false;
    const finish = (err: KeyError | null, reply?: AgentReply): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (err !== null) reject(err);
      else if (reply !== undefined) resolve(reply);
    };
    const timer = setTimeout(() => {
      finish(new KeyError('agent-timeout', `ssh-agent did not answer within ${timeoutMs} ms`));
    }, timeoutMs);

    socket.on('connect', () => {
      socket.write(Buffer.concat([u32(payload.length + 1), Buffer.from([type]), payload]));
    });
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      if (received < 4) return;
      const all = Buffer.concat(chunks);
      const len = all.readUInt32BE(0);
      if (len < 1 || len > MAX_REPLY_BYTES) {
        finish(new KeyError('agent-protocol', 'ssh-agent sent an invalid reply'));
        return;
      }
      if (all.length >= 4 + len) finish(null, { type: all[4] as number, body: all.subarray(5, 4 + len) });
    });
    socket.on('error', (err: NodeJS.ErrnoException) => {
      finish(new KeyError('no-agent', `Cannot connect to ssh-agent at ${socketPath} (${err.code ?? 'error'})`, {
        hint: 'Check SSH_AUTH_SOCK, or start one with: eval "$(ssh-agent)" && ssh-add',
      }));
    });
    socket.on('close', () => {
      finish(new KeyError('agent-protocol', 'ssh-agent closed the connection without a complete reply'));
    });
  });
}

function protocolError(what: string): KeyError {
  return new KeyError('agent-protocol', `ssh-agent sent a malformed ${what}`);
}

/** All identities the agent holds, in the agent's order. */
export async function listAgentIdentities(options: AgentOptions = {}): Promise<AgentIdentity[]> {
  const socketPath = socketPathOf(options);
  const reply = await agentRequest(socketPath, SSH2_AGENTC_REQUEST_IDENTITIES, Buffer.alloc(0), options.timeoutMs ?? DEFAULT_LIST_TIMEOUT_MS);
  if (reply.type === SSH_AGENT_FAILURE) throw new KeyError('agent-refused', 'ssh-agent refused to list its keys');
  if (reply.type !== SSH2_AGENT_IDENTITIES_ANSWER) throw protocolError('identities answer');
  try {
    const r = new SshReader(reply.body);
    const count = r.u32();
    const out: AgentIdentity[] = [];
    for (let i = 0; i < count; i++) {
      const blob = Buffer.from(r.string());
      const comment = r.string().toString('utf8');
      const parsed = parsePublicKeyBlob(blob);
      // Skip what we cannot parse rather than failing: other key types are not our concern.
      if (!parsed.ok) continue;
      out.push({ keyType: parsed.keyType, blob, comment, publicKey: parsed.publicKey, fingerprint: fingerprintOfBlob(blob) });
    }
    return out;
  } catch (err) {
    if (err instanceof WireError) throw protocolError('identities answer');
    throw err;
  }
}

/** Selects a key by `SHA256:` fingerprint, an OpenSSH public key line, or a raw 32-byte key. */
function matches(identity: AgentIdentity, select: string | Buffer): boolean {
  if (identity.publicKey === null) return false;
  if (Buffer.isBuffer(select)) return identity.publicKey.equals(select);
  const s = select.trim();
  if (s.startsWith('SHA256:')) return identity.fingerprint === s.replace(/=+$/, '');
  return identity.publicKey.equals(parsePublicKeyLine(s).publicKey);
}

/**
 * A SigningKey whose signatures are made by ssh-agent. Uses the first Ed25519 key unless `select`
 * names one (fingerprint, public key line or raw key). Private key material never leaves the agent.
 */
export async function agentSigningKey(options: AgentOptions & { select?: string | Buffer } = {}): Promise<AgentSigningKey> {
  const socketPath = socketPathOf(options);
  const identities = await listAgentIdentities({ ...options, socketPath });
  const ed25519 = identities.filter((id) => id.keyType === ED25519_KEY_TYPE && id.publicKey !== null);
  const { select } = options;
  const chosen = select === undefined ? ed25519[0] : ed25519.find((id) => matches(id, select));
  if (chosen === undefined || chosen.publicKey === null) {
    const which = select === undefined ? 'no Ed25519 key' : 'not the requested Ed25519 key';
    throw new KeyError('agent-no-key', `ssh-agent has ${which} loaded (${identities.length} key(s) in total)`, {
      hint: 'Add one with: ssh-add ~/.ssh/id_ed25519',
    });
  }
  const blob = chosen.blob;
  const publicKey = chosen.publicKey;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SIGN_TIMEOUT_MS;
  return {
    publicKey,
    comment: chosen.comment,
    fingerprint: chosen.fingerprint,
    async sign(data: Buffer): Promise<Buffer> {
      const payload = Buffer.concat([sshString(blob), sshString(data), u32(0)]);
      const reply = await agentRequest(socketPath, SSH2_AGENTC_SIGN_REQUEST, payload, timeoutMs);
      if (reply.type === SSH_AGENT_FAILURE) {
        throw new KeyError('agent-refused', 'ssh-agent refused to sign (key removed, or confirmation denied)');
      }
      if (reply.type !== SSH2_AGENT_SIGN_RESPONSE) throw protocolError('sign response');
      try {
        const r = new SshReader(reply.body);
        const sig = new SshReader(r.string());
        r.end();
        const type = sig.text();
        const raw = sig.string();
        sig.end();
        if (type !== ED25519_KEY_TYPE || raw.length !== 64) throw protocolError('Ed25519 signature');
        return Buffer.from(raw);
      } catch (err) {
        if (err instanceof WireError) throw protocolError('sign response');
        throw err;
      }
    },
  };
}
