// Caps how many program processes are alive at once across every plan of a run. A program that waits on a
// stack reference gives its CPU slot back (program-slots.ts) but stays a live process of about 100 MB, so
// without this cap every service of `--env all` would be resident while networking runs: memory would grow
// with the services instead of staying flat.
//
// The cap never stalls a run: a stack that a live program waits on is let in at once, beyond the cap, so
// every chain of waits ends in a program that can run, whatever order the stacks were queued in.

/** Live programs per CPU slot: enough to load the next programs' SDKs while the upstream stacks run. */
export const LIVE_PER_SLOT = 4;

interface Queued {
  name: string;
  admit: () => void;
}

/** One plan's view of the cap, its stack names its own. */
export type PlanPrograms = Pick<LivePrograms, "enter" | "want">;

export class LivePrograms {
  private live = 0;
  private readonly queue: Queued[] = [];
  /** Stacks a live program waits on that have not asked to start yet. */
  private readonly wanted = new Set<string>();
  /** Stacks let in so far: waiting on one of them needs no exception. */
  private readonly entered = new Set<string>();
  /** Plans that took a view, so each gets its own prefix for its stack names. */
  private plans = 0;

  constructor(readonly limit: number) {}

  /** The cap as one plan sees it: `--diff` plans the base's and the head's stacks of the same names in one run. */
  forPlan(): PlanPrograms {
    const plan = ++this.plans;
    return { enter: (name) => this.enter(`${plan} ${name}`), want: (name) => this.want(`${plan} ${name}`) };
  }

  /** Waits until the program of stack `name` may start; the returned function says it has ended. */
  async enter(name: string): Promise<() => void> {
    if (this.wanted.delete(name) || this.live < this.limit) this.letIn(name);
    else await new Promise<void>((admit) => this.queue.push({ name, admit }));
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.live--;
      const next = this.live < this.limit ? this.queue.shift() : undefined;
      if (next) this.letIn(next.name, next.admit);
    };
  }

  /** A live program waits on stack `name`: let it in now, or as soon as it asks, even beyond the cap. */
  want(name: string): void {
    if (this.entered.has(name)) return;
    const index = this.queue.findIndex((q) => q.name === name);
    if (index < 0) this.wanted.add(name);
    else this.letIn(name, this.queue.splice(index, 1)[0]!.admit);
  }

  /** Counts a program as live when it is let in, not when it resumes, so no second one slips in between. */
  private letIn(name: string, admit?: () => void): void {
    this.live++;
    this.entered.add(name);
    admit?.();
  }
}
