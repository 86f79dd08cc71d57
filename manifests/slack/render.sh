#!/usr/bin/env sh
# Renders the Slack app manifest for one base URL, e.g.
#   manifests/slack/render.sh https://salesbot.example.com > manifests/slack/manifest.yaml
# Every URL in the manifest (slash commands, events, interactivity, OAuth redirect) derives from it.
set -eu
base="${1:-}"
if ! printf '%s' "$base" | grep -Eq '^https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~-]+)*/?$'; then
  echo "usage: $0 https://your-bot-host[/path]   (https, no query string)" >&2
  exit 2
fi
base="${base%/}"
dir="$(cd "$(dirname "$0")" && pwd)"
echo "# SalesBot Slack app manifest for $base (rendered by render.sh from manifest.template.yaml; edit that instead)."
echo "# Create the app at https://api.slack.com/apps?new_app=1 -> From an app manifest, and paste this file."
grep -v '^#' "$dir/manifest.template.yaml" | sed "s|\${BASE_URL}|$base|g"
