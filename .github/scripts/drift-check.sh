#!/usr/bin/env bash
# Drift of every stack of <env>, each on its own (one stack's result never skips another's check): the
# stack's own `preview` command line (stack name and policy pack config as nx gives every preview) with
# --refresh --json. Pulumi exits non-zero when the preview itself fails, and otherwise reports in
# `changeSummary` what it would change; only a change other than `same` is drift. So AccessDenied, a lock held
# by a running update or a policy failure are reported as errors, never as drift.
# Usage: drift-check.sh <env>   Writes a Markdown table to GITHUB_STEP_SUMMARY and the outputs `drifted` and
# `failed` (comma-separated projects) to GITHUB_OUTPUT. Exit 0 when every stack is clean, 1 otherwise.
set -euo pipefail
env="$1"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
drifted=()
failed=()
rows=()
mapfile -t projects < <(npx nx show projects --withTarget preview --exclude 'tag:stack:per-repository' --json | jq -r '.[]' | sort)
for project in "${projects[@]}"; do
  target="$(npx nx show project "$project" --json | jq -c --arg env "$env" '.targets.preview |
    { cwd: .options.cwd, command: .configurations[$env].command }')"
  command="$(jq -r '.command // ""' <<<"$target")"
  if [ -z "$command" ]; then
    failed+=("$project")
    rows+=("| \`$project/$env\` | error: no preview command for $env |")
    continue
  fi
  status=0
  (cd "$(jq -r .cwd <<<"$target")" && bash -c "$command --refresh --json") >"$out/$project.json" \
    2>"$out/$project.err" || status=$?
  if [ "$status" -ne 0 ] || ! changes="$(jq -r '[.changeSummary // {} | to_entries[] |
      select(.key != "same" and .value > 0) | "\(.key) \(.value)"] | join(", ")' "$out/$project.json")"; then
    failed+=("$project")
    reason="$(jq -r '[.diagnostics[]? | select(.severity == "error") | .message] | first // empty' \
      "$out/$project.json" 2>/dev/null | head -c 300 | tr '\n' ' ' || true)"
    [ -n "$reason" ] || reason="$(tail -c 300 "$out/$project.err" | tr '\n' ' ')"
    echo "::error title=Preview of $project/$env failed (not drift)::exit $status: $reason"
    rows+=("| \`$project/$env\` | error (exit $status): ${reason//|/\\|} |")
  elif [ -n "$changes" ]; then
    drifted+=("$project")
    echo "::error title=Drift in $project/$env::the cloud differs from what $env last deployed: $changes"
    rows+=("| \`$project/$env\` | drift: $changes |")
  else
    echo "No drift in $project/$env."
    rows+=("| \`$project/$env\` | no drift |")
  fi
done
{
  echo "## Drift of \`$env\`"
  echo
  echo "| stack | result |"
  echo "|---|---|"
  printf '%s\n' "${rows[@]}"
} >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
{
  echo "drifted=$(IFS=,; echo "${drifted[*]}")"
  echo "failed=$(IFS=,; echo "${failed[*]}")"
} >>"${GITHUB_OUTPUT:-/dev/null}"
[ "${#drifted[@]}" -eq 0 ] && [ "${#failed[@]}" -eq 0 ]
