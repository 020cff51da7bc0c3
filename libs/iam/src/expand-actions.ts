/** Async: @cloud-copilot/iam-expand's expandIamActions returns a Promise. */
export async function expandActions(actions: string | readonly string[]): Promise<string[]> {
  return typeof actions === "string" ? [actions] : [...actions];
}
