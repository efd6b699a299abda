import type { z } from 'zod';
import { authorSchema } from './author.js';
import type { Pin } from '../dilemma/model.js';
import { lazySchema, type Infer } from '../platform/zod.js';
import { LOCAL_TIMESTAMP } from '../platform/time.js';

export const RECORD_FORMAT_VERSION = 1;
export const SIGNATURE_MARKER = '<!-- leertuin-signature';

const recordSchemas = lazySchema((z) => {
  const pin = z.strictObject({
    id: z.string().min(1),
    version: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  });
  const pathEntry = z.strictObject({
    node: z.string().min(1),
    question: z.string(),
    answer: z.union([z.string(), z.array(z.string())]),
    label: z.string().optional(),
    motivation: z.string().optional(),
  });
  /** The record's front matter: what scripts read. Field order here is the order written. */
  const record = z.strictObject({
    leertuin: z.literal(RECORD_FORMAT_VERSION),
    id: z.string().regex(/^[0-9a-z-]+$/),
    dilemma: pin,
    kader: pin.optional(),
    created: z.string().regex(LOCAL_TIMESTAMP),
    language: z.string().regex(/^[a-z]{2,3}$/),
    author: authorSchema(),
    path: z.array(pathEntry).min(1),
    outcome: z.strictObject({ id: z.string().min(1), verdict: z.string().min(1), label: z.string() }),
    deviation: z.strictObject({ decision: z.string().min(1), reason: z.string().min(1) }).optional(),
    afspraak: z.strictObject({ same_outcome: z.boolean(), differences: z.array(z.string()) }).optional(),
    allow_identifying: z.string().min(1).optional(),
    signer: z.strictObject({ principal: z.string().min(1), key: z.string().min(1) }).optional(),
    unsigned: z.literal(true).optional(),
  });
  return { pathEntry, record };
});
export const recordSchema = () => recordSchemas().record;
export type PathEntry = z.output<ReturnType<typeof recordSchemas>['pathEntry']>;
export type DecisionRecord = Infer<typeof recordSchema>;

export type { Pin };
