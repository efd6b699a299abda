import { parentPort, workerData } from 'node:worker_threads';
import { verifyContext, verifyFile, withoutRecord, type VerifySetup } from './batch.js';

// A verify worker: the same verifyFile as the main thread, on the batches it is sent.
const { setup, keepRecords } = workerData as { setup: VerifySetup; keepRecords: boolean };
const context = verifyContext(setup);
parentPort!.on('message', (message: { batch: number; files: string[] }) => {
  const verdicts = message.files.map((file) => (keepRecords ? verifyFile(file, context) : withoutRecord(verifyFile(file, context))));
  parentPort!.postMessage({ batch: message.batch, verdicts });
});
