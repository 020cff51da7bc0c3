#!/usr/bin/env bash
# A real `pulumi preview` of one stack with the checked-out files: the stack's own `preview` command line (stack
# name, policy pack and the environment's pack config, as nx gives every preview) with --json, which prints Pulumi's
# PreviewDigest (pulumi/pulumi sdk/go/common/display/json.go): `changeSummary` counts the steps per operation and
# `diagnostics` holds the errors, a mandatory policy violation among them; the exit status is non-zero when the
# preview failed. promote.yml runs it for the stack a promotion changes, on main, with the target's read-only role.
# Usage: preview-stack.sh <project> <env>   Writes `result` (one line of Markdown for the pull request) to
# GITHUB_OUTPUT. Exit 0 when the preview passed, 1 otherwise.
set -euo pipefail
project="$1"
env="$2"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
target="$(npx nx show project "$project" --json | jq -c --arg env "$env" '.targets.preview |
  { cwd: .options.cwd, command: .configurations[$env].command }')"
command="$(jq -r '.command // ""' <<<"$target")"
if [[ "$command" != "pulumi preview "* ]]; then
  echo "::error title=No preview of $project/$env::$project has no preview command for $env"
  exit 1
fi
status=0
(cd "$(jq -r .cwd <<<"$target")" && bash -c "$command --json") >"$out/preview.json" 2>"$out/preview.err" || status=$?
what="\`pulumi preview\` of \`$project/$env\` with the policy pack, on main, with $env's read-only role"
if [ "$status" -eq 0 ] && changes="$(jq -r '[.changeSummary // {} | to_entries[] | select(.value > 0) |
    "\(.key) \(.value)"] | join(", ")' "$out/preview.json" 2>/dev/null)"; then
  echo "The preview of $project/$env passed: ${changes:-no change}."
  echo "result=$what passed: ${changes:-no change}" >>"$GITHUB_OUTPUT"
  exit 0
fi
reason="$(jq -r '[.diagnostics[]? | select(.severity == "error") | .message] | first // empty' \
  "$out/preview.json" 2>/dev/null | head -c 300 | tr '\n' ' ' || true)"
[ -n "$reason" ] || reason="$(tail -c 300 "$out/preview.err" | tr '\n' ' ')"
echo "::error title=Preview of $project/$env failed::exit $status: $reason"
echo "result=$what failed (exit $status): ${reason//|/\\|}" >>"$GITHUB_OUTPUT"
exit 1
