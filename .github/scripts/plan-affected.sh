#!/usr/bin/env bash
# The pull-request gate's offline plan: for each environment, one `npm start` run over the stacks that nx
# says the change affects, each with the upstream stacks its own `plan` target plans with it (offline, a
# StackReference resolves only to a program in the same run). Writes one Markdown file for the comment.
# Usage: plan-affected.sh <markdown-out> [env...]   (NX_BASE/NX_HEAD select the change, as for nx affected)
set -euo pipefail
out="$1"
shift
envs=("$@")
# `repository`: the stack of a project set up once per repository (delivery), planned when the change affects it.
[ "${#envs[@]}" -gt 0 ] || envs=(dev staging prod repository)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

affected="$(npx nx show projects --affected --withTarget plan --json)"
echo "Affected projects with a plan: $(jq -r 'sort | join(", ")' <<<"$affected")"
if [ "$(jq length <<<"$affected")" = 0 ]; then
  printf '## Offline plan\n\nNo stack is affected by this change.\n' >"$out"
  exit 0
fi
npx nx graph --file="$scratch/graph.json" >/dev/null
# A stack file or pack config of one environment (Pulumi.<env>.yaml, policies/<pack>/config/<env>.json) touches
# that environment only, as in stacks-to-deploy.sh: an environment whose every changed file is another's is not
# planned.
mapfile -t changed < <(git diff --name-only "${NX_BASE:-main}" "${NX_HEAD:-HEAD}")
concerns() {
  local file="$1" env="$2" other
  other="$(sed -nE 's#(^|.*/)Pulumi\.([^./]+)\.yaml$#\2#p; s#^policies/[^/]+/config/([^/]+)\.json$#\1#p' <<<"$file")"
  [ -z "$other" ] || [ "$other" = "$env" ]
}

status=0
: >"$out"
for env in "${envs[@]}"; do
  touched=false
  for file in "${changed[@]}"; do
    if concerns "$file" "$env"; then touched=true; fi
  done
  if [ "$touched" = false ] && [ "${#changed[@]}" -gt 0 ]; then
    printf '## Offline plan of `%s`\n\nNothing this change touches is in %s.\n\n' "$env" "$env" >>"$out"
    continue
  fi
  # Every affected project with a stack in this environment, and the projects it reads, from the metadata the
  # nx plugin gives each `plan` target (upstream first, deduplicated).
  mapfile -t projects < <(jq -r --argjson names "$affected" --arg env "$env" '
      [.graph.nodes | to_entries[] | select(.key as $k | $names | index($k))
        | .value.data.targets.plan.metadata.pulumi | select(.stacks[$env])
        | (.upstreamRoots + [.projectRoot])[]]
      | reduce .[] as $root ([]; if index($root) then . else . + [$root] end) | .[]' "$scratch/graph.json")
  if [ "${#projects[@]}" = 0 ]; then
    printf '## Offline plan of `%s`\n\nNo stack of %s is affected by this change.\n\n' "$env" "$env" >>"$out"
    continue
  fi
  args=()
  for project in "${projects[@]}"; do args+=(--project "$project"); done
  echo "== offline plan: $env (${projects[*]})"
  # A per-repository stack has no pack config of its own: the pack runs at its rules' levels, as nx's targets run it.
  config=()
  [ ! -f "policies/fargate-guard/config/$env.json" ] || config=(--policy-pack-config "policies/fargate-guard/config/$env.json")
  node tools/offline-plan/bin/plan.js --env "$env" "${args[@]}" \
    --policy-pack policies/fargate-guard "${config[@]}" \
    --markdown "$scratch/$env.md" || status=1
  { cat "$scratch/$env.md"; echo; } >>"$out"
done
exit "$status"
