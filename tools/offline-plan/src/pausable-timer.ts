// A program's timeout counts only the time it runs, not the time it waits for upstream stacks.

export interface PausableTimer {
  /** Stops the clock; the time already run is kept. */
  pause(): void;
  /** Starts the clock again with the time that was left. */
  resume(): void;
  /** Ends the timer for good: it never fires, even if resumed. */
  stop(): void;
}

/** A one-shot timer that fires `fire` once it has run `ms` unpaused. It starts running. */
export function pausableTimer(ms: number, fire: () => void): PausableTimer {
  let left = ms;
  let startedAt = Date.now();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined = setTimeout(fire, left);
  return {
    pause() {
      if (timer === undefined) return;
      clearTimeout(timer);
      timer = undefined;
      left -= Date.now() - startedAt;
    },
    resume() {
      if (timer !== undefined || stopped) return;
      startedAt = Date.now();
      timer = setTimeout(fire, Math.max(0, left));
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      stopped = true;
    },
  };
}
