#!/usr/bin/env bash
# Usage: ensure-tool.sh <folder> <entry file relative to folder> <npm package@version>...
# Installs npm packages too large for the workspace lockfile (real hosts the integration tests drive)
# into one cache folder outside the repository, where server/test/helpers/ci-tools.ts finds them.
# Idempotent: does nothing when the entry file exists. Install scripts are off: nothing downloads a binary.
set -euo pipefail
folder="$1" entry="$2"
shift 2
dir="${MULTIWA_CI_TOOLS:-$HOME/.cache/multiwa-ci}/$folder"
if [ -f "$dir/$entry" ]; then
  exit 0
fi
mkdir -p "$dir"
cd "$dir"
echo '{ "private": true }' > package.json
start=$(date +%s)
npm install --ignore-scripts --no-audit --no-fund --save-exact "$@"
echo "ensure-tool: installed $* into $dir in $(( $(date +%s) - start )) s"
