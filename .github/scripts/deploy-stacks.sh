#!/usr/bin/env bash
# `pulumi up` (through nx, upstream stacks first) of the given <env> stacks: those stacks-to-deploy.sh selected
# for the checked-out commit, so exactly what is committed is deployed.
# Usage: deploy-stacks.sh <env> <project,project,...>
set -euo pipefail
env="$1"
projects="$2"
if [ -z "$projects" ]; then
  echo "No $env stack changed since its last deployment; nothing to deploy."
  exit 0
fi
echo "Deploying $env: $projects"
# Only these stacks: their upstream stacks are already up when unchanged (--excludeTaskDependencies), and nx
# still runs a selected stack only after the selected stacks it reads (the edges between selected tasks stay:
# nx/src/tasks-runner/create-task-graph.js). So the shared stacks go first, then the services at once, each
# `pulumi up` mostly waiting on AWS: DEPLOY_PARALLEL of them (default 20; lower it on a small runner).
npx nx run-many -t up -c "$env" -p "$projects" --excludeTaskDependencies --parallel="${DEPLOY_PARALLEL:-20}" \
  --outputStyle=static
