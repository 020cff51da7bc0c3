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
# Only these stacks: their upstream stacks are already up when unchanged (--excludeTaskDependencies),
# and nx still orders the selected ones upstream first.
npx nx run-many -t up -c "$env" -p "$projects" --excludeTaskDependencies --parallel=1 --outputStyle=static
