#!/usr/bin/env bash
# The real MCP Inspector CLI (0.15.0, the line that runs on Node 20) for server/test/mcp-inspector.test.ts.
set -euo pipefail
bash "$(dirname "$0")/ensure-tool.sh" mcp-inspector-0.15.0 \
  node_modules/@modelcontextprotocol/inspector/cli/build/cli.js @modelcontextprotocol/inspector@0.15.0
