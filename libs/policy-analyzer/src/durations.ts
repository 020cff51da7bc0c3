// Programs send custom timeouts as Go duration strings ("5m", "1h30m"); the engine parses them and
// gives analyzers seconds.
const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

export function durationSeconds(text: string): number {
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g))
    total += Number(amount) * UNIT_SECONDS[unit!]!;
  return total;
}
