/**
 * A pure parse, memoised by its input text. Every rule of the pack reads the same strings of a
 * request (a task definition's `containerDefinitions`, a policy document, an image reference), and
 * across requests the same few documents recur; without this each rule parsed them again (see the
 * benchmark in bench/). Results are shared: callers treat them as read-only. Bounded, so a long
 * preview of a huge stack cannot grow it without limit.
 */
export function memoizeParse<V>(parse: (text: string) => V, maxEntries = 4_096): (text: string) => V {
  const cache = new Map<string, V>();
  return (text) => {
    if (cache.has(text)) return cache.get(text) as V;
    const value = parse(text);
    if (cache.size >= maxEntries) cache.clear();
    cache.set(text, value);
    return value;
  };
}
