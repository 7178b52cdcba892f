// A worker thread of src/synthesize-workers.ts: synthesizes the questions it is sent, one at a time, with the
// runner's own synthesizeQuestion, and answers each on its port, bumping the shared counter the runner's
// thread waits on.
import { workerData } from 'node:worker_threads';
import type { WorkerJob, WorkerReply, WorkerSetup } from './synthesize-workers.ts';

const { root, force, secrets, signal, port } = workerData as WorkerSetup;

function reply(message: WorkerReply): void {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}

const crashed = (index: number, error: unknown): WorkerReply => ({ index, crashed: error instanceof Error ? (error.stack ?? error.message) : String(error) });

try {
  const { synthesizeQuestion } = await import('./synthesize.ts');
  const { referenceFormatter } = await import('./cite/references.ts');
  const { readLocalStyles } = await import('./store/csl-styles.ts');
  // Once per worker: the styles, and with them the engines and formatted references of this worker's styles.
  const formatReferences = referenceFormatter(readLocalStyles());
  port.on('message', (job: WorkerJob) => {
    try {
      reply({ index: job.index, done: synthesizeQuestion(job.question, job.started, { root, force, secrets, formatReferences }) });
    } catch (error) {
      reply(crashed(job.index, error));
    }
  });
} catch (error) {
  reply(crashed(-1, error));
}
