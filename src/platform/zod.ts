import type { z } from 'zod';
import { t, type MessageId } from '../i18n/index.js';
import { vendored } from './vendor.js';

type Zod = typeof z;

/**
 * zod, loaded on first use: about 13 ms on Node 20 from its cached bundle (45 ms as plain modules),
 * and most runs only read what the build or the parse cache already validated. Every module
 * takes zod from here (eslint forbids importing it otherwise), so one copy is ever loaded.
 */
export function zod(): Zod {
  const { z } = vendored('zod');
  if (!configured) {
    configured = true;
    z.config({ customError: issueMessage });
  }
  return z;
}
let configured = false;

type Issue = z.core.$ZodRawIssue;

const TYPES = new Set(['string', 'number', 'boolean', 'object', 'array', 'null']);
const typeName = (type: string): string => t((TYPES.has(type) ? `zod.type.${type}` : 'zod.type.other') as MessageId);
const unit = (origin: unknown): string => (origin === 'string' || origin === 'array' ? t(`zod.unit.${origin}`) : '');
const quoted = (values: readonly unknown[]): string => values.map((v) => JSON.stringify(v)).join(', ');

function received(input: unknown): string {
  if (input === null) return typeName('null');
  return typeName(Array.isArray(input) ? 'array' : typeof input);
}

/**
 * zod's own messages are English; this gives each issue code a message in the user's language, in
 * one place. A message a schema states itself still wins (zod asks this only when there is none).
 */
function issueMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? t('zod.missing') : t('zod.type', { expected: typeName(issue.expected), received: received(issue.input) });
    case 'invalid_value':
      return t('zod.value', { values: quoted(issue.values) });
    case 'too_small':
      return t('zod.tooSmall', { min: String(issue.minimum), unit: unit(issue.origin) });
    case 'too_big':
      return t('zod.tooBig', { max: String(issue.maximum), unit: unit(issue.origin) });
    case 'invalid_format':
      return t('zod.format');
    case 'unrecognized_keys':
      return t('zod.keys', { keys: [...issue.keys.slice(0, 5), ...(issue.keys.length > 5 ? ['…'] : [])].join(', ') });
    case 'invalid_union': {
      const options = (issue as { options?: unknown }).options;
      return t('zod.union', { options: Array.isArray(options) ? quoted(options) : '' });
    }
    default:
      return t('zod.invalid');
  }
}

/** A schema (or a group of schemas) built on first use. */
export function lazySchema<T>(build: (z: Zod) => T): () => T {
  let built: T | undefined;
  return () => (built ??= build(zod()));
}

/** The type a lazily built schema parses to. */
export type Infer<S extends () => z.ZodType> = z.output<ReturnType<S>>;
