import { closest, distance } from "fastest-levenshtein";

/**
 * The known name closest to a misspelt one, when it is close enough to be the likely intent (at most a
 * third of its letters changed, and at least two edits allowed): `eu-centrl-1` -> `eu-central-1`.
 */
export function nearest(given: string, known: readonly string[]): string | undefined {
  if (!known.length) return undefined;
  const lower = given.toLowerCase();
  const candidate = closest(
    lower,
    [...known].map((k) => k.toLowerCase()),
  );
  const match = known.find((k) => k.toLowerCase() === candidate)!;
  return distance(lower, candidate) <= Math.max(2, Math.floor(given.length / 3)) ? match : undefined;
}

/** ", did you mean `x`?" or nothing. */
export const didYouMean = (given: string, known: readonly string[]): string => {
  const match = nearest(given, known);
  return match ? ` Did you mean \`${match}\`?` : "";
};
