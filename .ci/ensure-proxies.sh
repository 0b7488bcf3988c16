#!/usr/bin/env bash
# Makes sure tinyproxy (HTTP CONNECT) and dante-server (SOCKS5) are installed (Debian/Ubuntu packages):
# the proxy-per-profile tests start their own instances on loopback (packages/engine-baileys/test/harness/proxies.ts).
# Idempotent: does nothing when both are there. The tests skip themselves when they are missing.
set -euo pipefail

if [ -x /usr/bin/tinyproxy ] && [ -x /usr/sbin/danted ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-proxies: tinyproxy or danted is missing and cannot be installed here (needs root and apt-get): install tinyproxy dante-server" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends tinyproxy dante-server
# The packages start system services; the tests run their own instances, so stop those where possible.
if command -v service >/dev/null 2>&1; then
  service tinyproxy stop >/dev/null 2>&1 || true
  service danted stop >/dev/null 2>&1 || true
fi
