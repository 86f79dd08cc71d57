#!/usr/bin/env bash
# First-turn benchmark: the baseline commit's Host against this checkout's Host, interleaved in rounds
# on this machine. Writes bench/results/latest.{md,json} and dated copies (--quick: latest-quick.*).
#   bash bench/run.sh            full run (5 rounds, 5 s warm-up + 20 s per Host run; ~10 minutes with builds)
#   bash bench/run.sh --quick    smoke test (1 round, 2 s + 5 s, 2,000 reps)
# Other flags go to the load generator (--rounds, --users, --connections, --warmup, --duration).
# BENCH_BASELINE=<commit> compares against another baseline than 564e05f.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(git -C "$here" rev-parse --show-toplevel)"
baseline="${BENCH_BASELINE:-564e05f}"
work="$(mktemp -d "${TMPDIR:-/tmp}/salesbot-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

before_sha="$(git -C "$repo" rev-parse --short "${baseline}^{commit}")"
after_sha="$(git -C "$repo" rev-parse --short HEAD)"
after_label="$after_sha"
# "After" is the working tree as it is; say so when it differs from HEAD (results excluded).
if [ -n "$(git -C "$repo" status --porcelain -- . ':(exclude)bench/results')" ]; then
  after_label="$after_sha+uncommitted"
fi

build() { # project, output folder
  dotnet build "$1" -c Release -o "$2" -nologo -v:q -clp:NoSummary >"$work/build.log" 2>&1 ||
    { cat "$work/build.log"; echo "build failed: $1" >&2; exit 2; }
}

echo "== after: $after_label (this checkout), building Release"
build "$repo/src/SalesBot.Host/SalesBot.Host.csproj" "$work/after"

# git archive rather than git worktree: nothing is written to the shared .git of other checkouts.
echo "== before: $before_sha (git archive), building Release"
mkdir -p "$work/src-before"
git -C "$repo" archive "$before_sha" | tar -x -C "$work/src-before"
# The Host's build fetches Web Chat from npm; reuse this checkout's copy when the pinned version is the same.
webchat="src/SalesBot.Host/wwwroot/lib"
if [ -f "$repo/$webchat/webchat.js" ] &&
  [ "$(grep -o '<WebChatVersion>[^<]*' "$repo/src/SalesBot.Host/SalesBot.Host.csproj")" = \
    "$(grep -o '<WebChatVersion>[^<]*' "$work/src-before/src/SalesBot.Host/SalesBot.Host.csproj")" ]; then
  mkdir -p "$work/src-before/$webchat" && cp -R "$repo/$webchat/." "$work/src-before/$webchat/"
fi
build "$work/src-before/src/SalesBot.Host/SalesBot.Host.csproj" "$work/before"

echo "== load generator and local peers"
build "$here/SalesBot.Bench/SalesBot.Bench.csproj" "$work/bench"

echo "== running"
set +e
dotnet "$work/bench/SalesBot.Bench.dll" \
  --before-dll "$work/before/SalesBot.Host.dll" --before-label "$before_sha (baseline)" \
  --after-dll "$work/after/SalesBot.Host.dll" --after-label "$after_label" \
  --out "$here/results" --work "$work/runs" "$@"
status=$?
set -e
if [ "$status" -ne 0 ] && [ -d "$work/runs" ]; then
  # Keep the Hosts' logs of a failed run for a look.
  mkdir -p "$here/results/failed-logs"
  find "$work/runs" -name host.log -exec sh -c 'cp "$1" "'"$here"'/results/failed-logs/$(basename "$(dirname "$1")").log"' _ {} \;
  echo "Host logs: $here/results/failed-logs/" >&2
fi
exit "$status"
