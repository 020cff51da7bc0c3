/** Inputs as the analyzer delivers them: untyped JSON-like values, read behind the SDK's unknown-checking proxy. */
export type Props = Readonly<Record<string, unknown>>;

/**
 * `value?.[key]` on an untyped input: undefined for undefined or null, the key's value otherwise. Reading goes
 * through the SDK's proxy as before, so an unknown still throws UnknownValueError.
 */
export function field(value: unknown, key: string): unknown {
  return value === undefined || value === null ? undefined : (value as Props)[key];
}

/** The value as untyped inputs to read keys from, or undefined when it is undefined or null. */
export function propsOf(value: unknown): Props | undefined {
  return value === undefined || value === null ? undefined : (value as Props);
}
