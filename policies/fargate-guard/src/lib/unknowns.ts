import { UnknownValueError as UntypedUnknownValueError } from "@pulumi/policy";

/**
 * The SDK's UnknownValueError. @pulumi/policy exports it at run time, but its proxy.d.ts declares nothing
 * (the class is marked internal), so the import has no type: it is an Error subclass.
 */
const UnknownValueError = UntypedUnknownValueError as unknown as new (...args: never[]) => Error;

/**
 * Lets a rule check every item it can and still report an unknown value the way the SDK does.
 *
 * The policy SDK's property proxy throws UnknownValueError when a rule reads a value that is
 * unknown during preview; the analyzer then reports "can't run policy … during preview" as an
 * advisory. An unknown is never a pass. Catching it per item, checking the rest and rethrowing
 * the first one at the end keeps both: findings on known items, and the SDK's report for the
 * unknown one.
 */
export class UnknownDeferral {
  private first: Error | undefined;

  /** Run one item's check; an unknown value stops only this item. */
  attempt(check: () => void): void {
    try {
      check();
    } catch (error) {
      this.keep(error);
    }
  }

  async attemptAsync(check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (error) {
      this.keep(error);
    }
  }

  /** Rethrow the first unknown, if any, so the analyzer reports it. */
  finish(): void {
    if (this.first !== undefined) throw this.first;
  }

  private keep(error: unknown): void {
    if (!(error instanceof UnknownValueError)) throw error;
    this.first ??= error;
  }
}

/** The value, or `fallback` when reading it hits an unknown (for names used only in messages). */
export function knownOr<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnknownValueError) return fallback;
    throw error;
  }
}

/**
 * The value, or the SDK's UnknownValueError carrying `message` in place of the SDK's own ("string value at
 * .x can't be known during preview"), so the analyzer's report says what was left unjudged and why.
 */
export function explainUnknown<T>(read: () => T, message: string): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnknownValueError) error.message = message;
    throw error;
  }
}
