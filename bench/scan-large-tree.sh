#!/usr/bin/env bash
# Whole-process benchmark: scan a synthetic 20,000-file monorepo, compared with ripgrep over the same tree when present.
# Usage: bench/scan-large-tree.sh [FILES]   (prints wall time and peak memory of each run)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
files="${1:-20000}"
tree="${TMPDIR:-/tmp}/gaplens-bench-$files"
[ -d "$tree" ] || python3 "$here/generate-tree.py" "$tree" "$files"
"$here/../gaplens" --help >/dev/null 2>&1 || true   # build once, outside the measurement
for run in 1 2 3; do
  /usr/bin/time -f "gaplens scan: %e s wall, %M KB peak" "$here/../gaplens" scan "$tree" --quiet >/dev/null
done
if command -v rg >/dev/null; then
  /usr/bin/time -f "ripgrep (same tree, 20 literals): %e s wall, %M KB peak" rg -c -e AddRateLimiter -e MapHealthChecks -e express -e fastapi -e gin. -e Serilog -e structlog -e helmet -e livenessProbe -e USER -e pytest -e jest -e opentelemetry -e prometheus -e sentry -e Polly -e tenacity -e redis -e kafka -e rabbitmq "$tree" >/dev/null || true
fi
