/** Inline code in a violation message: `value`. */
export const code = (value: unknown): string => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

/** "`a`, `b` and `c`" */
export function codeList(values: readonly unknown[]): string {
  const items = values.map(code);
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "`a`, `b` and 3 more": a long list cut to its first `shown` items. */
export function codeListCut(values: readonly unknown[], shown = 6): string {
  if (values.length <= shown) return codeList(values);
  return `${values.slice(0, shown).map(code).join(", ")} and ${values.length - shown} more`;
}

/** " (through `s3:*`)", or nothing when there is no pattern or it is the one action it grants. */
export function throughPattern(pattern: string, actions: readonly string[]): string {
  return pattern === "" || (actions.length === 1 && actions[0] === pattern) ? "" : ` (through ${code(pattern)})`;
}
