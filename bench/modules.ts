// What the benchmarks call of the tool's own code, bundled by bench/run.js from the sources (the
// build ships only the tool's bundles, which export nothing but the command line).
export { Catalog } from '../src/dilemma/catalog.js';
export { buildRecord } from '../src/record/build.js';
export { loadTemplate, renderRecord } from '../src/record/render.js';
export { appendSignature, RECORD_NAMESPACE } from '../src/record/signature.js';
export { generateSigningKey, publicKeyLine, fingerprint } from '../src/signing/index.js';
export { startWalk, currentNode, answer, motivationRule } from '../src/walk/engine.js';
export { findIdentifying } from '../src/privacy/detect.js';
export { scoreLabelled } from '../src/privacy/score.js';
