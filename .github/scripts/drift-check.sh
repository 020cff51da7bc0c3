#!/usr/bin/env bash
# One stack's drift check: its nx `preview` target (the stack name and pack config as every preview has
# them) with --refresh --expect-no-changes, which exits non-zero when the cloud differs from the state.
# Usage: drift-check.sh <project> <env>
set -euo pipefail
project="$1"
env="$2"
if ! npx nx run "$project:preview:$env" --outputStyle=static -- --refresh --expect-no-changes; then
  echo "::error title=Drift in $project/$env::stack $project/$env differs from its deployment (or its preview failed)"
  exit 1
fi
echo "No drift in $project/$env."
