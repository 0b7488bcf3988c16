#!/usr/bin/env bash
# Makes sure php-cli is installed (Debian/Ubuntu package): the WordPress plugin's tests run PHP.
# Idempotent: does nothing when php is already there. Unlike Chromium, a missing PHP is not skipped:
# wordpress-plugin/tests/plugin.test.ts fails without it.
set -euo pipefail

if command -v php >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-php: php is missing and cannot be installed here (needs root and apt-get): install php-cli" >&2
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends php-cli
