#!/usr/bin/env bash
# `pulumi up` (through nx, upstream stacks first) of the <env> stacks that stacks-to-deploy.sh selects for the
# checked-out commit: exactly what is committed, nothing computed at run time.
# Usage: deploy-affected.sh <env>
set -euo pipefail
env="$1"
projects="$(bash "$(dirname "$0")/stacks-to-deploy.sh" "$env")"
if [ -z "$projects" ]; then
  echo "No $env stack changed since its last deployment; nothing to deploy."
  exit 0
fi
echo "Deploying $env: $projects"
# Only these stacks: their upstream stacks are already up when unchanged (--excludeTaskDependencies),
# and nx still orders the selected ones upstream first.
npx nx run-many -t up -c "$env" -p "$projects" --excludeTaskDependencies --parallel=1 --outputStyle=static
