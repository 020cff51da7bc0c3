#!/usr/bin/env bash
# Prints the commit of <env>'s last successful deployment, or nothing when none is known. GitHub records a
# deployment for every job that names an environment, with the commit it ran and a status; newest first, the
# first whose latest status is `success` is what the environment runs (a later failure leaves it in place, and
# GitHub marks older successes `inactive`).
# Usage: last-deployed.sh <env>   (GITHUB_API_URL, GITHUB_REPOSITORY, GITHUB_TOKEN with deployments: read)
set -euo pipefail
env="$1"
api() {
  curl -fsS --retry 3 -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" \
    -H "X-GitHub-Api-Version: 2022-11-28" "$GITHUB_API_URL/repos/$GITHUB_REPOSITORY/$1"
}
# One page is enough: deployments older than the newest hundred are treated as unknown, which deploys everything.
deployments="$(api "deployments?environment=$(jq -rn --arg e "$env" '$e|@uri')&per_page=100")"
while read -r id sha; do
  [ -n "$id" ] || continue
  state="$(api "deployments/$id/statuses?per_page=1" | jq -r '.[0].state // ""')"
  if [ "$state" = success ]; then
    echo "$sha"
    exit 0
  fi
done < <(jq -r '.[] | "\(.id) \(.sha)"' <<<"$deployments")
