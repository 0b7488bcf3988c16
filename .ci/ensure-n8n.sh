#!/usr/bin/env bash
# The real n8n 2.8.4 (the newest that runs on Node 20) for packages/n8n-nodes-multiwa/test/n8n-host.test.ts,
# installed outside the repository: it is 2 GB and would bloat the workspace lockfile.
# n8n-nodes-base pins `xlsx` to a tarball on SheetJS's own server, which CI cannot reach: the registry's
# xlsx 0.18.5 stands in (nothing the tests run reads spreadsheets). Scripts are off (no native builds,
# no binary downloads): the test runs n8n on PostgreSQL, so sqlite3's binding is never needed.
set -euo pipefail
entry=node_modules/n8n/bin/n8n
dir="${MULTIWA_CI_TOOLS:-$HOME/.cache/multiwa-ci}/n8n-2.8.4"
if [ -f "$dir/$entry" ]; then
  exit 0
fi
mkdir -p "$dir"
cd "$dir"
echo '{ "private": true, "overrides": { "xlsx": "0.18.5" } }' > package.json
start=$(date +%s)
npm install --ignore-scripts --no-audit --no-fund --save-exact n8n@2.8.4
echo "ensure-n8n: installed n8n 2.8.4 into $dir in $(( $(date +%s) - start )) s"
