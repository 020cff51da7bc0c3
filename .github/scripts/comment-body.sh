#!/usr/bin/env bash
# The pull request comment of a plan: the plan itself when it fits, or its start, cut at a line and with any
# open code block closed, then a link to the whole plan (the run's artifact). GitHub refuses a comment body over
# 65,536 characters; the sticky comment action adds its own marker line, so this keeps well below.
# Usage: comment-body.sh <plan.md> <artifact-url>   Prints the body.
set -euo pipefail
export LC_ALL=C.UTF-8 # ${#text} and ${text:0:n} count characters, as GitHub does, not bytes
plan="$(cat "$1")"
url="$2"
limit=65000
if [ "${#plan}" -le "$limit" ]; then
  printf '%s\n' "$plan"
  exit 0
fi
footer="**The plan is cut here: it has ${#plan} characters, and a comment holds at most 65,536.** The whole plan is the run's artifact [offline-plan]($url)."
cut="${plan:0:$((limit - ${#footer} - 16))}"
cut="${cut%$'\n'*}" # at the last whole line
printf '%s\n' "$cut"
# An odd number of fence lines leaves a code block open, which would swallow the footer.
if [ $(($(grep -c '^\s*```' <<<"$cut" || true) % 2)) -eq 1 ]; then printf '```\n'; fi
printf '\n%s\n' "$footer"
