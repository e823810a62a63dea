#!/usr/bin/env bash
# Server benchmark (not a test): uploads per second from parallel clients on loopback, then dashboard page times
# with 1,000 stored scans. SQLite by default; BENCH_DB="Host=...;Database=...;Username=...;Password=..." for PostgreSQL
# (an empty database). Usage: bench/server-load.sh [scans=1000] [clients=8] [projects=10]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scans="${1:-1000}" clients="${2:-8}" projects="${3:-10}" port="${BENCH_PORT:-5099}"
work="$(mktemp -d /tmp/gaplens-bench-server.XXXXXX)"
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/data" GAPLENS_ADMIN_PASSWORD="bench password 123"
[ -n "${BENCH_DB:-}" ] && export GAPLENS_DB="$BENCH_DB"
gaplens="$here/gaplens"

"$gaplens" scan "$here/tests/fixtures/repos/shop" -q --date 2025-01-01 > "$work/shop.json"
"$gaplens" server admin create --user bench > /dev/null
for p in $(seq 0 $((projects - 1))); do "$gaplens" server token create --project "p$p" 2>/dev/null > "$work/token.p$p"; done
python3 - "$work" "$scans" "$projects" <<'PY'
import json, sys, os
work, scans, projects = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
base = json.load(open(os.path.join(work, "shop.json")))
os.makedirs(os.path.join(work, "reports"))
with open(os.path.join(work, "jobs"), "w") as jobs:
    for i in range(scans):
        base["repository"]["commit"] = f"{i:08x}" + "b" * 32
        base["date"] = f"2025-{1 + (i // projects) % 12:02d}-{1 + i % 28:02d}"
        path = os.path.join(work, "reports", f"{i}.json")
        json.dump(base, open(path, "w"))
        jobs.write(f"p{i % projects} {path}\n")
PY
ls -l "$work/reports/0.json" | awk '{print "report size:", $5, "bytes"}'

"$gaplens" serve --urls "http://127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done

upload() {
  local project="$1" file="$2"
  curl -s -o /dev/null -w "%{http_code}\n" -X POST "http://127.0.0.1:$port/api/v1/projects/$project/scans" \
    -H "Authorization: Bearer $(cat "$work/token.$project")" -H "Content-Type: application/json" --data-binary "@$file"
}
export -f upload; export work port
start=$(date +%s.%N)
xargs -P "$clients" -L 1 bash -c 'upload "$0" "$1"' < "$work/jobs" > "$work/codes"
end=$(date +%s.%N)
created=$(grep -c '^201$' "$work/codes" || true)
python3 -c "print(f'uploads: {$created} of {$scans} stored (201) in {$end - $start:.1f} s with $clients clients = {$created / ($end - $start):.1f} uploads/s')"

jar="$work/cookies"
form=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="__RequestVerificationToken" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "__RequestVerificationToken=$form" --data-urlencode "username=bench" \
  --data-urlencode "password=$GAPLENS_ADMIN_PASSWORD" --data-urlencode "returnUrl=/" "http://127.0.0.1:$port/login"
for page in "/" "/projects/p0" "/projects/p0/gaps/data-backup" "/owners" "/projects/p0/diff?from=1&to=$((scans - projects + 1))"; do
  curl -s -b "$jar" -o /dev/null "http://127.0.0.1:$port$page"   # warm-up
  times=$(for _ in $(seq 10); do curl -s -b "$jar" -o /dev/null -w "%{http_code} %{time_total}\n" "http://127.0.0.1:$port$page"; done)
  echo "$times" | sort -k2 -n | awk -v page="$page" '{ if ($1 != 200) bad++; t[NR]=$2; s+=$2 } END { printf "page %-40s median %6.1f ms  mean %6.1f ms  (%d requests%s)\n", page, (t[int((NR+1)/2)]+t[int(NR/2)+1])/2*1000, s/NR*1000, NR, bad ? ", " bad " not 200" : "" }'
done
