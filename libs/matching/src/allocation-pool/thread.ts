import { parentPort } from 'node:worker_threads';
import { allocate, AllocationInput } from '../allocation';

/*
 * Body of an allocation worker thread (started by pool.ts through bootstrap.ts): runs the pure solver for each
 * task message and posts the result back. A thread serves one task at a time and is reused.
 */
export interface AllocationTask {
  id: number;
  input: AllocationInput;
}

parentPort!.on('message', ({ id, input }: AllocationTask) => {
  try {
    parentPort!.postMessage({ id, result: allocate(input) });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({ id, error: { name: e.name, message: e.message } });
  }
});
