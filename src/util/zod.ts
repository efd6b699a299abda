import type { z } from 'zod';
import { vendored } from './vendor.js';

type Zod = typeof z;

/**
 * zod, loaded on first use: about 13 ms on Node 20 from its cached bundle (45 ms as plain modules),
 * and most runs only read what the build or the parse cache already validated. Every module
 * takes zod from here (eslint forbids importing it otherwise), so one copy is ever loaded.
 */
export function zod(): Zod {
  return vendored('zod').z;
}

/** A schema (or a group of schemas) built on first use. */
export function lazySchema<T>(build: (z: Zod) => T): () => T {
  let built: T | undefined;
  return () => (built ??= build(zod()));
}

/** The type a lazily built schema parses to. */
export type Infer<S extends () => z.ZodType> = z.output<ReturnType<S>>;
