// SSH wire encoding (RFC 4251 section 5): uint32 big-endian and length-prefixed strings.
import { isUtf8 } from 'node:buffer';

/** Thrown by SshReader on truncated or inconsistent input; callers translate it. */
export class WireError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WireError';
  }
}

export class SshReader {
  private offset = 0;

  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  bytes(n: number): Buffer {
    if (n < 0 || n > this.remaining) throw new WireError('truncated data');
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  // Read in place: verify reads a dozen fields of every record's signature.
  u32(): number {
    if (this.remaining < 4) throw new WireError('truncated data');
    const value = this.buf.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  u8(): number {
    if (this.remaining < 1) throw new WireError('truncated data');
    return this.buf[this.offset++] as number;
  }

  string(): Buffer {
    return this.bytes(this.u32());
  }

  /** A string field that must be valid UTF-8 text (key types, namespaces, hash names). */
  text(): string {
    const raw = this.string();
    if (!isUtf8(raw)) throw new WireError('invalid UTF-8 in string field');
    return raw.toString('utf8');
  }

  end(): void {
    if (this.remaining !== 0) throw new WireError('trailing data');
  }
}

export function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}

export function sshString(data: Uint8Array | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return Buffer.concat([u32(body.length), body]);
}

/** Strict base64: only the standard alphabet, correct padding, canonical trailing bits. */
export function decodeBase64Strict(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  const out = Buffer.from(text, 'base64');
  return out.toString('base64') === text ? out : null;
}
