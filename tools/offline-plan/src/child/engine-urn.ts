// URNs as the Pulumi engine builds them (sdk/go/common/resource/urn.go `NewURN`): a child's type is
// prefixed with its parent's qualified type, except under the root stack, which is left out.
const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

export function engineUrn(stack: string, project: string, parentUrn: string, type: string, name: string): string {
  const parentType = parentUrn ? qualifiedType(parentUrn) : "";
  const qualified = parentType && parentType !== ROOT_STACK_TYPE ? `${parentType}$${type}` : type;
  return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
}

/** The `parent$child` type chain of a URN: its third `::`-separated part. */
export function qualifiedType(urn: string): string {
  return urn.split("::")[2] ?? "";
}
