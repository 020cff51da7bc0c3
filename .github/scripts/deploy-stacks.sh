#!/usr/bin/env bash
# `pulumi up` (through nx, upstream stacks first) of the given <env> stacks: those stacks-to-deploy.sh selected
# for the checked-out commit, so exactly what is committed is deployed. On an environment's first deploy
# (FIRST_DEPLOY=true: no successful deployment is known), the shared stacks go up first, then the preflight of
# each service (`npm run preflight`: account, registry secret and token, the image's pull, the certificate; it
# needs the registry secret that registry-access creates), and the services only when every preflight passed.
# Usage: deploy-stacks.sh <env> <project,project,...>
set -euo pipefail
env="$1"
projects="$2"
if [ -z "$projects" ]; then
  echo "No $env stack changed since its last deployment; nothing to deploy."
  exit 0
fi
# Only these stacks: their upstream stacks are already up when unchanged (--excludeTaskDependencies), and nx
# still runs a selected stack only after the selected stacks it reads (the edges between selected tasks stay:
# nx/src/tasks-runner/create-task-graph.js). So the shared stacks go first, then the services at once, each
# `pulumi up` mostly waiting on AWS: DEPLOY_PARALLEL of them (default 20; lower it on a small runner).
up() {
  echo "Deploying $env: $1"
  npx nx run-many -t up -c "$env" -p "$1" --excludeTaskDependencies --parallel="${DEPLOY_PARALLEL:-20}" \
    --outputStyle=static
}
if [ "${FIRST_DEPLOY:-false}" != true ]; then
  up "$projects"
  exit 0
fi
# A service is a project whose package.json depends on the service component (libs/config-files, service-projects.ts).
services=()
shared=()
IFS=, read -ra all <<<"$projects"
for project in "${all[@]}"; do
  if grep -qs '"@platform/service-component"' "projects/$project/package.json"; then
    services+=("$project")
  else
    shared+=("$project")
  fi
done
if [ "${#shared[@]}" -gt 0 ]; then up "$(IFS=,; echo "${shared[*]}")"; fi
[ "${#services[@]}" -gt 0 ] || exit 0
echo "First deploy of $env: the preflight of ${services[*]} before any service."
for service in "${services[@]}"; do
  if ! npm run --silent preflight -- --env "$env" --service "$service"; then
    echo "::error title=Preflight of $service/$env failed::no service of $env is deployed; the lines above say what to fix (README, Deploying to a real AWS account, step 6)"
    exit 1
  fi
done
up "$(IFS=,; echo "${services[*]}")"
