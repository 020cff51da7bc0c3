// How to fix a config problem, as data: what to change, where. The error message renders it as a line a person
// can follow (`pulumi config set …`), and tests apply the same data to a stack's config directly, so a Fix a
// test can apply is exactly the Fix a user is shown, with no text parsed back.

export type Fix =
  /** `pulumi config set <key> <value> --stack <stack>`: a plain value. */
  | { readonly kind: "set"; readonly key: string; readonly value: string; readonly stack: string }
  /** A list or object, written as YAML in the stack file. */
  | { readonly kind: "edit"; readonly key: string; readonly yaml: string; readonly stackFile: string }
  /** A misspelt key: the value stays, the key changes. */
  | { readonly kind: "rename"; readonly key: string; readonly to: string; readonly stackFile: string }
  | { readonly kind: "remove"; readonly key: string; readonly stackFile: string }
  /** Steps outside the stack's config (a secret, a stack name, another file): said in words, applied by hand. */
  | { readonly kind: "steps"; readonly text: string };

/** The Fix as the error message prints it. */
export function renderFix(fix: Fix): string {
  switch (fix.kind) {
    case "set":
      return `pulumi config set ${fix.key} ${fix.value} --stack ${fix.stack}`;
    case "edit":
      return `set \`${fix.key}\` in ${fix.stackFile}, e.g. ${fix.yaml}`;
    case "rename":
      return `rename \`${fix.key}\` to \`${fix.to}\` in ${fix.stackFile}`;
    case "remove":
      return `remove \`${fix.key}\` from ${fix.stackFile}`;
    case "steps":
      return fix.text;
  }
}
