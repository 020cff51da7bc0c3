// Caps how many programs run at once across every plan of a run, so `--env all` and `--diff` do not
// start a dozen Node processes on a two-core machine. A program waiting on a stack reference gives its
// slot back while it waits: otherwise consumers holding every slot could wait forever on producers
// that never get one.
import { availableParallelism } from "node:os";

export class ProgramSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size = Math.max(2, availableParallelism())) {
    this.free = size;
  }

  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }

  /** Waits for `promise` without holding a slot, and takes one again before going on. */
  async outside<T>(promise: Promise<T>): Promise<T> {
    this.release();
    try {
      return await promise;
    } finally {
      await this.acquire();
    }
  }
}
