/** Inline code in a violation message: `value`. */
export const code = (value: unknown): string => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

/** "`a`, `b` and `c`" */
export function codeList(values: readonly unknown[]): string {
  const items = values.map(code);
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
