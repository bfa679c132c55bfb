import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AllocationInput, AllocationResult } from '../allocation';
import { bootstrapSource } from './bootstrap';

/*
 * Runs the allocation solver off the event loop: a pool of worker threads (node:worker_threads), as many as the
 * machine has cores unless told otherwise, started on first use and reused. Tasks queue when every thread is
 * busy. Each task has a time budget; a thread that exceeds it is terminated (a synchronous solver cannot be
 * interrupted any other way) and replaced, and the caller gets an AllocationTimeoutError.
 */

/** The solver did not finish within its time budget. */
export class AllocationTimeoutError extends Error {
  constructor(readonly budgetMs: number) {
    super(`the allocation did not finish within its time budget of ${budgetMs} ms`);
    this.name = 'AllocationTimeoutError';
  }
}

/** An error thrown by the solver inside the thread (e.g. AllocationInputError), with its name kept. */
export class AllocationThreadError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface AllocationPoolOptions {
  /** Threads; default the number of cores. */
  threads?: number;
  /** Per task, from the moment a thread takes it. */
  timeBudgetMs: number;
}

interface Task {
  id: number;
  input: AllocationInput;
  resolve: (r: AllocationResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

const THREAD_FILE = join(__dirname, `thread${extname(__filename)}`);

export class AllocationPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: AllocationPoolOptions) {
    this.size = Math.max(1, options.threads ?? availableParallelism());
  }

  allocate(input: AllocationInput): Promise<AllocationResult> {
    if (this.closed) return Promise.reject(new Error('the allocation pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.dispatch();
    });
  }

  /** Threads started so far (they start on demand). */
  get threads(): number {
    return this.slots.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new Error('the allocation pool is closed'));
    await Promise.all(
      this.slots.splice(0).map((s) => {
        if (s.timer) clearTimeout(s.timer);
        s.task?.reject(new Error('the allocation pool is closed'));
        return s.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.task === null);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      this.run(slot, this.queue.shift()!);
    }
  }

  private start(): Slot {
    const worker = new Worker(bootstrapSource(THREAD_FILE), { eval: true });
    worker.unref(); // an idle pool never keeps the process alive
    const slot: Slot = { worker, task: null, timer: null };
    worker.on(
      'message',
      (msg: { id: number; result?: AllocationResult; error?: { name: string; message: string } }) => {
        const task = slot.task;
        if (!task || task.id !== msg.id) return;
        this.finish(slot);
        if (msg.error) task.reject(new AllocationThreadError(msg.error.name, msg.error.message));
        else task.resolve(msg.result!);
        this.dispatch();
      },
    );
    worker.on('error', (err) => this.fail(slot, err));
    worker.on('exit', (code) => {
      if (slot.task) this.fail(slot, new Error(`allocation thread exited with code ${code}`));
    });
    this.slots.push(slot);
    return slot;
  }

  private run(slot: Slot, task: Task): void {
    slot.task = task;
    slot.worker.ref(); // keep the process alive while a caller waits
    slot.timer = setTimeout(
      () => this.fail(slot, new AllocationTimeoutError(this.options.timeBudgetMs)),
      this.options.timeBudgetMs,
    );
    slot.worker.postMessage({ id: task.id, input: task.input });
  }

  private finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    slot.worker.unref();
  }

  /** The thread is unusable (timed out, crashed): reject its task, drop it, and let the next task start a fresh one. */
  private fail(slot: Slot, err: Error): void {
    const task = slot.task;
    this.finish(slot);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.task = null;
    void slot.worker.terminate();
    task?.reject(err);
    if (!this.closed) this.dispatch();
  }
}
