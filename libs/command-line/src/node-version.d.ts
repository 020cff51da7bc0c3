/** An error message when `version` is outside the workspace's `engines.node`, else undefined. */
export function nodeVersionProblem(version: string, workspaceRoot?: string): string | undefined;
/** Ends the process with the message (exit code 2) when this Node.js is outside `engines.node`. */
export function exitOnUnsupportedNode(): void;
