#!/usr/bin/env bash
# Prints the commit of <env>'s last successful deployment, or nothing when none is known. GitHub records a
# deployment for every job that names an environment, with the commit it ran and its statuses; a later success
# marks the ones before `inactive`, and a later failure leaves them as they are. GitHub does not start queued runs
# in order, so a run of an older commit may finish last; it deploys nothing (stacks-to-deploy.sh) but its job
# still records a success. So of the deployments that succeeded, newest first, the environment runs the commit
# furthest ahead in history: an older commit that succeeded later never hides the newer one it found deployed.
# Usage: last-deployed.sh [--with-time] <env>   (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN with
# deployments: read; a checkout with history, to compare commits). --with-time prints <commit>@<time>, the time
# its deployment succeeded (its job, the smoke test included, passed): what `npm run promote --deployed` takes.
set -euo pipefail
with_time=false
if [ "$1" = --with-time ]; then
  with_time=true
  shift
fi
env="$1"
api() {
  curl -fsS --retry 3 -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" \
    -H "X-GitHub-Api-Version: 2022-11-28" "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/$1"
}
ahead() { [ "$1" != "$2" ] && git merge-base --is-ancestor "$1" "$2" 2>/dev/null; }
# One page is enough: deployments older than the newest hundred are treated as unknown, which deploys everything.
deployments="$(api "deployments?environment=$(jq -rn --arg e "$env" '$e|@uri')&per_page=100")"
best=""
best_at=""
while read -r id sha; do
  [ -n "$id" ] || continue
  succeeded="$(api "deployments/$id/statuses?per_page=100" | jq -r '[.[] | select(.state == "success")][0].created_at // ""')"
  [ -n "$succeeded" ] || continue
  if [ -z "$best" ] || ahead "$best" "$sha"; then
    best="$sha"
    best_at="$succeeded"
  elif ahead "$sha" "$best"; then
    break # an older commit deployed before: the runs before it are older still
  fi
done < <(jq -r '.[] | "\(.id) \(.sha)"' <<<"$deployments")
if [ "$with_time" = true ] && [ -n "$best" ]; then echo "$best@$best_at"; else echo "$best"; fi
