// Where a stack's fake cloud answers from: the region and account its stack file names, as the real provider
// would (aws:region, and the first of aws:allowedAccountIds). Shared by every runner of programs under the mocks.

export interface StackLocation {
  readonly region?: string;
  readonly accountId?: string;
}

/** The region and account of a stack's config values (the form the Pulumi CLI passes: lists as JSON text). */
export function stackLocation(values: Readonly<Record<string, string | undefined>>): StackLocation {
  const region = values["aws:region"];
  const accountId = firstAllowedAccount(values["aws:allowedAccountIds"]);
  return { ...(region ? { region } : {}), ...(accountId ? { accountId } : {}) };
}

function firstAllowedAccount(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  const parsed: unknown = JSON.parse(raw);
  return Array.isArray(parsed) && typeof parsed[0] === "string" ? parsed[0] : undefined;
}
