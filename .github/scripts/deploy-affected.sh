#!/usr/bin/env bash
# `pulumi up` (through nx, upstream stacks first) of the stacks of <env> that the pushed change affects,
# plus the service when the promotion before this step changed its image.
# Usage: deploy-affected.sh <env> <promote --json output>   (NX_BASE/NX_HEAD select the change)
set -euo pipefail
env="$1"
promotion="$2"
projects="$(npx nx show projects --affected --withTarget up --sep ,)"
if [ "$(jq -r .changed "$promotion")" = true ] && [[ ",$projects," != *,service,* ]]; then
  projects="${projects:+$projects,}service"
fi
if [ -z "$projects" ]; then
  echo "No $env stack is affected; nothing to deploy."
  exit 0
fi
echo "Deploying $env: $projects"
# Only these stacks: their upstream stacks are already up when unchanged (--excludeTaskDependencies),
# and nx still orders the selected ones upstream first.
npx nx run-many -t up -c "$env" -p "$projects" --excludeTaskDependencies --parallel=1 --outputStyle=static
