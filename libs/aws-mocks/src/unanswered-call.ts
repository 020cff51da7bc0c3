import { looksLikeToken } from "@platform/config/secret-values";

/** Arguments whose name says they hold a secret are masked in messages, whatever their value. */
const SECRET_ARGUMENT = /pass(word)?|secret|token|credential|private_?key/i;

/**
 * A data source the mocks cannot answer. Returning `{}` instead would fail the program far from the cause (a
 * property read of undefined under the SDK's "error serializing property" lines); this names the call, so the
 * runner can say where the answer goes.
 */
export class UnansweredCallError extends Error {
  constructor(
    readonly token: string,
    readonly args: Record<string, unknown>,
  ) {
    super(`the AWS mocks have no answer for \`${token}\` ${maskedArguments(args)}`);
    this.name = "UnansweredCallError";
  }
}

/** The arguments as one line of JSON, with secrets masked (by name, or a value that looks like a token). */
export function maskedArguments(args: Record<string, unknown>): string {
  return JSON.stringify(args, (key, value: unknown) =>
    (key !== "" && SECRET_ARGUMENT.test(key) && typeof value !== "object") || looksLikeToken(value)
      ? typeof value === "string" && value.length > 0
        ? "[secret]"
        : value
      : value,
  );
}
