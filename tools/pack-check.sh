#!/usr/bin/env bash
# Checks the tool package as a user would: install ./artifacts/TraceReplay.*.nupkg (from `make pack`) into an empty
# temp folder and run `tracereplay --version` and `tracereplay gpus` from there. Exit 0 when both work.
set -euo pipefail
cd "$(dirname "$0")/.."
ls artifacts/TraceReplay.*.nupkg >/dev/null 2>&1 || { echo "no artifacts/TraceReplay.*.nupkg: run make pack first" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
dotnet tool install --tool-path "$dir/tools" --add-source ./artifacts TraceReplay
(cd "$dir" && ./tools/tracereplay --version && ./tools/tracereplay gpus --json >/dev/null)
echo "pack-check: installed and ran tracereplay from $dir"
