#!/usr/bin/env bash
# Waits until the environment's service answers healthy behind the networking stack's load balancer.
# Usage: smoke-test.sh <env>   (HEALTH_PATH, default /actuator/health; SMOKE_ATTEMPTS; SMOKE_INTERVAL seconds)
set -euo pipefail
env="$1"
stack="${PULUMI_ORG:+$PULUMI_ORG/networking/}$env"
host="$(cd projects/networking && pulumi stack output albDnsName --stack "$stack")"
url="http://$host${HEALTH_PATH:-/actuator/health}"
for attempt in $(seq 1 "${SMOKE_ATTEMPTS:-30}"); do
  if curl -fsS --max-time 5 "$url"; then
    echo
    echo "healthy after $attempt attempt(s): $url"
    exit 0
  fi
  sleep "${SMOKE_INTERVAL:-10}"
done
echo "::error::$url did not answer healthy for stack $stack"
exit 1
