#!/usr/bin/env bash
# The registry tokens of <env>, from the checked-out commit (the one <env> last deployed: its stack files name the
# secrets in use): `npm run preflight -- --only token-expiry --fail-on-warning`, which reads each secret and asks
# the token's issuer when it expires, and prints no token. A token within the warning threshold, expired or
# unreadable fails the step, and each such line becomes an error annotation, so the run is red with e.g.
# "ghcr.io token for prod expires in 9 days (2026-12-16)". Usage: token-expiry-check.sh <env>
set -euo pipefail
env="$1"
# A commit from before the token-only mode cannot run it: say so rather than fail on an unknown flag.
if ! grep -q -- "--only token-expiry" tools/preflight/src/args.ts 2>/dev/null; then
  echo "::warning title=Registry tokens of $env not checked::the commit $env last deployed has no \`--only token-expiry\` preflight; its next deploy brings it"
  exit 0
fi
status=0
report="$(npm run --silent preflight -- --env "$env" --only token-expiry --fail-on-warning)" || status=$?
printf '%s\n' "$report"
while IFS= read -r line; do
  case "$line" in
    "WARN  "* | "FAIL  "*) echo "::error title=Registry token of $env::${line#*: }" ;;
  esac
done <<<"$report"
{
  echo "### Registry tokens of $env"
  echo
  printf '%s\n' "$report" | sed -n 's/^\(PASS\|WARN\|FAIL\)  [^:]*: \(.*\)$/- \1 \2/p'
} >>"$GITHUB_STEP_SUMMARY"
exit "$status"
