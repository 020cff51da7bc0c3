#!/usr/bin/env bash
# The policy pack run on the deployed state of every stack of <env>, each on its own: `pulumi policy analyze`
# (pulumi/pulumi pkg/cmd/pulumi/policy/policy_analyze.go) with the stack name, pack and pack config of the stack's
# own `preview` command line, so a rule made stricter, or a level raised in the environment's config, shows which
# deployed resources it now refuses before the next deploy does. It reads the stored state, runs no program and
# calls no provider; drift-check.sh tells what changed in the cloud since.
# Usage: policy-check.sh <env>   Writes a Markdown table to GITHUB_STEP_SUMMARY and the outputs `violating` and
# `failed` (comma-separated projects) to GITHUB_OUTPUT. Exit 0 when no deployed stack has a mandatory violation
# and every check ran; a stack not deployed yet is named, not failed.
set -euo pipefail
env="$1"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
violating=()
failed=()
rows=()
mapfile -t projects < <(npx nx show projects --withTarget preview --exclude 'tag:stack:per-repository' --json | jq -r '.[]' | sort)
for project in "${projects[@]}"; do
  target="$(npx nx show project "$project" --json | jq -c --arg env "$env" '.targets.preview |
    { cwd: .options.cwd, command: .configurations[$env].command }')"
  command="$(jq -r '.command // ""' <<<"$target")"
  if [[ "$command" != "pulumi preview "* ]]; then
    failed+=("$project")
    rows+=("| \`$project/$env\` | error: no preview command for $env to take the stack and pack config from |")
    continue
  fi
  status=0
  (cd "$(jq -r .cwd <<<"$target")" && bash -c "pulumi policy analyze ${command#pulumi preview } --json") \
    >"$out/$project.jsonl" 2>"$out/$project.err" || status=$?
  # One engine event per line; a policyEvent per finding (apitype.PolicyEvent), then a summaryEvent.
  if ! findings="$(jq -sc '[.[] | .policyEvent // empty]' "$out/$project.jsonl" 2>/dev/null)"; then findings="[]"; fi
  mandatory="$(jq '[.[] | select(.enforcementLevel == "mandatory")] | length' <<<"$findings")"
  advisory="$(jq '[.[] | select(.enforcementLevel != "mandatory")] | length' <<<"$findings")"
  if [ "$mandatory" -gt 0 ]; then
    violating+=("$project")
    first="$(jq -r '[.[] | select(.enforcementLevel == "mandatory") | "\(.policyName): \(.message)"] | first' \
      <<<"$findings" | head -c 300 | tr '\n' ' ')"
    first="${first% }"
    echo "::error title=Policy violation in the deployed state of $project/$env::$mandatory mandatory: $first"
    rows+=("| \`$project/$env\` | $mandatory mandatory violation(s), $advisory advisory: ${first//|/\\|} |")
  elif [ "$status" -ne 0 ] && grep -q "no stack named" "$out/$project.err"; then
    echo "::warning title=$project/$env is not deployed::no stack to judge"
    rows+=("| \`$project/$env\` | not deployed |")
  elif [ "$status" -ne 0 ]; then
    failed+=("$project")
    reason="$(tail -c 300 "$out/$project.err" | tr '\n' ' ')"
    echo "::error title=Policy check of $project/$env failed::exit $status: $reason"
    rows+=("| \`$project/$env\` | error (exit $status): ${reason//|/\\|} |")
  else
    echo "The deployed state of $project/$env passes the pack."
    rows+=("| \`$project/$env\` | passes ($advisory advisory) |")
  fi
done
{
  echo "## Policies on the deployed state of \`$env\`"
  echo
  echo "| stack | result |"
  echo "|---|---|"
  printf '%s\n' "${rows[@]}"
} >>"${GITHUB_STEP_SUMMARY:-/dev/null}"
{
  echo "violating=$(IFS=,; echo "${violating[*]}")"
  echo "failed=$(IFS=,; echo "${failed[*]}")"
} >>"${GITHUB_OUTPUT:-/dev/null}"
[ "${#violating[@]}" -eq 0 ] && [ "${#failed[@]}" -eq 0 ]
