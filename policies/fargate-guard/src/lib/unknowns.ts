import { UnknownValueError as UntypedUnknownValueError } from "@pulumi/policy";
import { NOT_JUDGED } from "@platform/config/not-judged";

/**
 * The SDK's UnknownValueError. @pulumi/policy exports it at run time, but its proxy.d.ts declares nothing
 * (the class is marked internal), so the import has no type: it is an Error subclass.
 */
const UnknownValueError = UntypedUnknownValueError as unknown as new (...args: never[]) => Error;

/**
 * Lets a rule check every item it can and still report an unknown value.
 *
 * The policy SDK's property proxy throws UnknownValueError when a rule reads a value that is
 * unknown during preview. An unknown is never a pass: catching it per item, checking the rest and
 * rethrowing the first one at the end keeps both, findings on known items and the report of the
 * unknown one (`notJudged`, which the rule wrapper sends at the rule's own level).
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

export function isUnknownValue(error: unknown): error is Error {
  return error instanceof UnknownValueError;
}

/**
 * The finding for a check an unknown value stopped. The SDK itself would report "can't run policy … during
 * preview" as advisory whatever the rule's level (@pulumi/policy server.js, makeAnalyzeRpcFun), so a mandatory
 * check that never ran would pass the gate; reported by the rule instead, it keeps the rule's level.
 */
export function notJudged(error: Error): string {
  // The SDK's own message: "<type> value at .<path> can't be known during preview".
  const path = /value at \.?(\S+) can't be known during preview/.exec(error.message)?.[1];
  const why = path === undefined ? error.message : `\`${path}\` is not known in this preview.`;
  return (
    `${NOT_JUDGED} ${why} An unknown is not a pass: make the value known before deployment (from config or ` +
    "stack outputs), or, once reviewed, add an exception with a reason and an expiry."
  );
}
