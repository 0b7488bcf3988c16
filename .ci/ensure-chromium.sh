#!/usr/bin/env bash
# Makes sure the system Chromium the wwebjs engine drives is installed (Debian/Ubuntu package).
# Idempotent: does nothing when it is already there; installs only when running as root.
set -euo pipefail

CHROMIUM="${MULTIWA_CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: $CHROMIUM is missing and we are not root; the Chromium smoke test will be skipped" >&2
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is unavailable; the Chromium smoke test will be skipped" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
