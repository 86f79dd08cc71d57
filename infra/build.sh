#!/usr/bin/env bash
# Compiles infra/main.bicep and infra/main.bicepparam with the Bicep CLI from NuGet and fails on any
# warning or error, so CI catches a typo'd property or an unknown API version before a deployment does.
set -euo pipefail
cd "$(dirname "$0")/.."

tool=infra/tools/restore-bicep.csproj
dotnet restore "$tool" --nologo -v quiet
bicep=$(dotnet msbuild "$tool" -nologo -getProperty:BicepCliPath)
if [ ! -x "$bicep" ]; then
  echo "infra/build.sh: Bicep CLI not found at '$bicep' after restoring $tool" >&2
  exit 1
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
failed=0
run() {
  local log="$out/log"
  if ! "$bicep" "$@" >"$log" 2>&1; then failed=1; fi
  # Bicep prints diagnostics as "file(line,col) : Warning|Error BCPnnn: ..."; any of them fails.
  if grep -Eiq '(warning|error)' "$log"; then failed=1; fi
  cat "$log"
}
run build infra/main.bicep --outfile "$out/main.json"
run build-params infra/main.bicepparam --outfile "$out/main.parameters.json"

if [ "$failed" -ne 0 ]; then
  echo "infra/build.sh: Bicep reported warnings or errors (see above)" >&2
  exit 1
fi
echo "infra/build.sh: main.bicep and main.bicepparam compile with no warnings ($("$bicep" --version))"
