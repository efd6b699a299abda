import { parentPort, workerData } from 'node:worker_threads';
import { checkEd25519, ed25519PublicKeyObject } from '../signing/sshsig.js';
import { unpackChecks } from './signature-thread.js';

// The signature thread: the Ed25519 checks, in the order sent, one byte (1 valid, 0 not) each.
// The buffer goes back with the answers, to be filled again.
const { done } = workerData as { done: Int32Array };

parentPort!.on('message', (message: { id: number; packed: Uint8Array; length: number }) => {
  const checks = unpackChecks(message.packed.subarray(0, message.length));
  const answers = new Uint8Array(checks.length);
  checks.forEach((check, i) => {
    answers[i] = checkEd25519(check.signed, ed25519PublicKeyObject(check.publicKey), check.signature) ? 1 : 0;
  });
  Atomics.add(done, 0, 1);
  parentPort!.postMessage({ id: message.id, answers, packed: message.packed }, [answers.buffer, message.packed.buffer as ArrayBuffer]);
});
