// Caps how many programs run at once across every plan of a run, so `--env all` and `--diff` do not
// start a dozen Node processes on a two-core machine. A program waiting on a stack reference gives its
// slot back while it waits: otherwise consumers holding every slot could wait forever on producers
// that never get one.
import { availableParallelism } from "node:os";

/** One program's hold on a slot. */
export interface SlotLease {
  /** Waits for `promise` without holding the slot, and takes one again before going on. */
  outside<T>(promise: Promise<T>): Promise<T>;
  /** Gives the slot back for good; safe to call more than once, and while waiting outside. */
  release(): void;
}

export class ProgramSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size = Math.max(2, availableParallelism())) {
    this.free = size;
  }

  async lease(): Promise<SlotLease> {
    await this.take();
    let holding = true;
    let done = false;
    // A program may wait on several stack references at once: the slot goes at the first wait and is
    // taken back once, after the last one, by one pending take that later waits share.
    let waits = 0;
    let retaking: Promise<void> | null = null;
    const give = () => {
      if (holding) this.give();
      holding = false;
    };
    const retake = (): Promise<void> =>
      (retaking ??= this.take().then(() => {
        retaking = null;
        // The program may have ended, or started another wait, while the slot was being taken back.
        if (done || waits > 0) this.give();
        else holding = true;
      }));
    return {
      outside: async <T>(promise: Promise<T>): Promise<T> => {
        waits++;
        give();
        try {
          return await promise;
        } finally {
          waits--;
          if (waits === 0 && !done) await retake();
        }
      },
      release: () => {
        done = true;
        give();
      },
    };
  }

  private async take(): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}
