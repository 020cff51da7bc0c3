#!/usr/bin/env bash
# Prints, comma-separated, the projects whose <env> stack the commit checked out must deploy: those whose code,
# a library they depend on, their own Pulumi.<env>.yaml or <env>'s policy pack config changed since <env>'s last
# successful deployment (another environment's stack file or pack config changes nothing here). When no deployment
# is known, or it is not in this history (a force-push), every stack of <env>. A commit older than the deployed one
# (a run queued behind a newer one, which GitHub may start later, or an old run re-run) deploys nothing: that
# would roll the environment back, and the newer commit is deployed already. Reasons go to stderr.
# Usage: [DEPLOYED=<commit>] stacks-to-deploy.sh <env>   (last-deployed.sh's variables; a checkout with full history)
set -euo pipefail
env="$1"
here="$(dirname "$0")"
head="$(git rev-parse HEAD)"
# DEPLOYED, when set (empty: none known), is what the caller already asked last-deployed.sh.
deployed="${DEPLOYED-$(bash "$here/last-deployed.sh" "$env")}"

all() {
  echo "$env: $1; deploying every stack." >&2
  npx nx show projects --withTarget up --exclude 'tag:stack:per-repository' --sep ,
}
if [ -z "$deployed" ]; then
  all "no successful deployment is known"
  exit 0
fi
if ! git cat-file -e "$deployed^{commit}" 2>/dev/null || ! git merge-base --is-ancestor "$deployed" "$head"; then
  if git merge-base --is-ancestor "$head" "$deployed" 2>/dev/null; then
    echo "::notice title=$env runs a newer commit::$env runs $deployed, a descendant of $head; deploying $head would roll it back, so nothing is deployed." >&2
    exit 0
  fi
  all "the deployed commit $deployed is not in this history"
  exit 0
fi
# Stack files (Pulumi.<name>.yaml, never the project's Pulumi.yaml) and policy pack configs
# (policies/<pack>/config/<name>.json) of other environments do not touch <env>.
per_env='(^|/)Pulumi\.[^./]+\.yaml$|^policies/[^/]+/config/[^/]+\.json$'
own_env="(^|/)Pulumi\.$env\.yaml\$|^policies/[^/]+/config/$env\.json\$"
mapfile -t changed < <(git diff --name-only "$deployed" "$head" | grep -Ev "$per_env" || true)
mapfile -t own < <(git diff --name-only "$deployed" "$head" | grep -E "$own_env" || true)
files=("${changed[@]}" "${own[@]}")
echo "$env: ${#files[@]} file(s) changed since the deployed $deployed." >&2
[ "${#files[@]}" -gt 0 ] || exit 0
# A project with one stack per repository (delivery, tagged so by the nx plugin) has none in <env>: it is set up by hand.
npx nx show projects --affected --files="$(IFS=,; echo "${files[*]}")" --withTarget up --exclude 'tag:stack:per-repository' --sep ,
