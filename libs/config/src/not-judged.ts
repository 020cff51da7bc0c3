// A rule that meets a value the plan does not know cannot judge it. It reports that, at its own level, with this
// prefix, so a mandatory check left unjudged fails the gate instead of passing, and reports can count them.

/** The first words of a finding that says a rule could not judge a value. */
export const NOT_JUDGED = "Not judged:";

/** True for a finding whose message (the engine's: description, newline, violation) says it was not judged. */
export function isNotJudged(message: string): boolean {
  return message.split("\n").some((line) => line.startsWith(NOT_JUDGED));
}
