#!/usr/bin/env bash
# Where a SalesBot check-in turn's CPU goes (issue 12: "show exactly what stands in the way"): the same
# smoke load as CI's guard, run three times on a scratch copy of this checkout with bench/breakdown/stages.patch
# applied, each time stopping check-in turns after one stage, beside the minimal turn of the same run:
#   adapter  HTTP, auth, the activity's checks and parsing, the engine's scope, the reply to the connector
#   member   + finding the member (one read) and the team (cached)
#   full     the whole turn: the event claim, the flow, its reads and its commit
# Writes bench/results/breakdown-latest.md. The patch never reaches the product: it is applied to a copy.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/salesbot-breakdown.XXXXXX")"
trap 'rm -rf "$work"' EXIT
label="$(git -C "$repo" rev-parse --short HEAD)"

echo "== a copy of $label with the stage switch"
mkdir -p "$work/src"
git -C "$repo" archive HEAD | tar -x -C "$work/src"
(cd "$work/src" && git apply "$here/breakdown/stages.patch") || { echo "stages.patch no longer applies to ConversationEngine.cs: refresh it" >&2; exit 2; }
for project in src/SalesBot.Host/SalesBot.Host.csproj bench/SalesBot.Bench/SalesBot.Bench.csproj; do
  out="$work/$(basename "$project" .csproj)"
  dotnet build "$work/src/$project" -c Release -o "$out" -nologo -v:q -clp:NoSummary >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 2; }
done

rows=()
for stage in adapter member full; do
  echo "== stage: $stage"
  rm -rf "$work/runs" "$work/out"
  env $([ "$stage" = full ] || echo "SALESBOT_BENCH_STAGE=$stage") dotnet "$work/SalesBot.Bench/SalesBot.Bench.dll" \
    --host-dll "$work/SalesBot.Host/SalesBot.Host.dll" --host-label "$label ($stage)" --out "$work/out" --work "$work/runs" \
    --smoke --duration "${BREAKDOWN_SECONDS:-10}" --warmup 3 --min-ratio 0 | grep -E "^round" || true
  rows+=("$(python3 - "$work/out/latest-smoke.json" "$stage" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
turn = next(r for r in runs if r["target"] == "minimal-turn")
bot = next(r for r in runs if r["target"] == "salesbot")
print(f'| {sys.argv[2]} | {bot["cpuMsPerTurn"]:.3f} | {bot.get("allocatedKbPerTurn") or 0:.1f} | {bot["checkIn"]["turnsPerSecond"]:.0f} | {bot["checkIn"]["p99Ms"]:.1f} | {turn["cpuMsPerTurn"]:.3f} | {bot["cpuMsPerTurn"] / turn["cpuMsPerTurn"]:.1f}x |')
PY
)")
done

report="$here/results/breakdown-latest.md"
{
  echo "# Where a check-in turn's CPU goes, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "SalesBot \`$label\` on SQLite, CI's smoke load (2,000 reps, 32 connections, ${BREAKDOWN_SECONDS:-10} s), check-in turns stopped after"
  echo "each stage by \`bench/breakdown/stages.patch\` on a scratch copy (\`bash bench/breakdown.sh\`). The minimal turn ran in"
  echo "the same run as each row. 1-minute load average at the end: $(cut -d' ' -f1 /proc/loadavg)."
  echo
  echo "| stage | SalesBot CPU-ms/turn | alloc KB/turn | turns/s | p99 ms | minimal turn CPU-ms/turn | SalesBot / minimal |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf '%s\n' "${rows[@]}"
  echo
  echo "- *adapter*: Kestrel and the Host's middleware, the Bot Framework token, the activity's checks and parsing, the"
  echo "  engine and its flows resolved for the turn, and the reply POSTed to the connector (rate limiter, retries, token)."
  echo "- *member*: the adapter plus finding who spoke (one SQLite read of the member; the team from its cache)."
  echo "- *full*: the whole check-in: the event claim (a write), the conversation reference, the day's check-in and recent"
  echo "  history, the month rollup, the detected wins and nudges, one commit, and the card reply."
} >"$report"
cat "$report"
