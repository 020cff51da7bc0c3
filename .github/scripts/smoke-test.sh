#!/usr/bin/env bash
# Verifies <env> after its deploy: every service answers through the networking stack's load balancer, each on its
# own route. A service is a project whose package.json depends on the service component and that has a
# Pulumi.<env>.yaml. Its route is its stack's `routing` output (the listener rule's paths and hosts); the probe is
# its health check path (`<service>:healthCheckPath`, default /actuator/health) when the rule's paths match it (ALB
# patterns: `*` any characters, `?` one), else the first path's fixed start, sent with the rule's first host (a
# wildcard's `*` as `smoke`). The listener answers 404 for what no service claims, and the ALB 502 or 503 for a
# service without a healthy target, so only a 2xx or 3xx counts. The deploy job, and so the deployment that promote
# --from takes as verified, passes only when every service answered.
# Usage: smoke-test.sh <env>   (SMOKE_ATTEMPTS, default 30; SMOKE_INTERVAL seconds, default 10)
set -euo pipefail
env="$1"
stack() { echo "${PULUMI_ORG:+$PULUMI_ORG/$1/}$env"; }
alb="$(cd projects/networking && pulumi stack output albDnsName --stack "$(stack networking)")"
failed=()
for dir in projects/*; do
  service="${dir#projects/}"
  if ! grep -qs '"@platform/service-component"' "$dir/package.json" || [ ! -f "$dir/Pulumi.$env.yaml" ]; then continue; fi
  # A stack deployed before it exported its route has none: it is probed on its health check path alone.
  routing="$(cd "$dir" && pulumi stack output routing --json --stack "$(stack "$service")" 2>/dev/null)" || routing="{}"
  health="$(cd "$dir" && pulumi config get "$service:healthCheckPath" --stack "$(stack "$service")" 2>/dev/null)" ||
    health=""
  health="${health:-/actuator/health}"
  mapfile -t paths < <(jq -r '.paths // [] | .[]' <<<"$routing")
  probe="$health"
  if [ "${#paths[@]}" -gt 0 ]; then
    probe="${paths[0]%%[*?]*}"
    for pattern in "${paths[@]}"; do
      # shellcheck disable=SC2053 # the pattern is matched as a glob, as the ALB matches it
      if [[ "$health" == $pattern ]]; then probe="$health"; fi
    done
  fi
  header=()
  first_host="$(jq -r '.hosts // [] | first // empty' <<<"$routing")"
  if [ -n "$first_host" ]; then header=(-H "Host: ${first_host//\*/smoke}"); fi
  url="http://$alb$probe"
  healthy=false
  for attempt in $(seq 1 "${SMOKE_ATTEMPTS:-30}"); do
    if curl -fsS --max-time 5 -o /dev/null "${header[@]}" "$url"; then
      echo "$service/$env healthy after $attempt attempt(s): $url${first_host:+ (Host: ${first_host//\*/smoke})}"
      healthy=true
      break
    fi
    sleep "${SMOKE_INTERVAL:-10}"
  done
  if [ "$healthy" = false ]; then
    echo "::error title=Smoke test of $service/$env failed::$url${first_host:+ (Host: ${first_host//\*/smoke})} did not answer with a 2xx or 3xx"
    failed+=("$service")
  fi
done
[ "${#failed[@]}" -eq 0 ]
