import { parentPort, workerData } from 'node:worker_threads';
import { verifyContext, verifyFile, type VerifySetup } from './batch.js';

// A verify worker: the same verifyFile as the main thread, on the batches it is sent.
const context = verifyContext(workerData as VerifySetup);
parentPort!.on('message', (message: { batch: number; files: string[] }) => {
  parentPort!.postMessage({ batch: message.batch, verdicts: message.files.map((file) => verifyFile(file, context)) });
});
