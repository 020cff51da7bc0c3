// One ANSI-stripping helper for everything the plan captures from child processes.
export { withoutAnsi } from "@platform/policy-analyzer/text";
