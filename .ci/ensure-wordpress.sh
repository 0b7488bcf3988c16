#!/usr/bin/env bash
# A real WordPress for wordpress-plugin/tests/wordpress.test.ts: Debian's `wordpress` package (its files
# in /usr/share/wordpress; the test copies them into a temp site served by `php -S`), php-mysql, and
# MariaDB on 127.0.0.1:3306 (root without password, as the test connects). Idempotent.
set -euo pipefail

missing=()
[ -f /usr/share/wordpress/wp-settings.php ] || missing+=(wordpress)
php -m 2>/dev/null | grep -qx mysqli || missing+=(php-cli php-mysql)
command -v mariadbd >/dev/null 2>&1 || command -v mysqld >/dev/null 2>&1 || missing+=(mariadb-server)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure-wordpress: ${missing[*]} missing and cannot be installed here (needs root and apt-get)" >&2
    exit 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Debian's wordpress depends on a web server; the test uses php -S, so keep apache from starting.
  own_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
  fi
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
  [ -z "$own_policy" ] || rm -f /usr/sbin/policy-rc.d
fi

if ! mysqladmin -h 127.0.0.1 -u root ping >/dev/null 2>&1; then
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  (mysqld_safe --bind-address=127.0.0.1 --port=3306 >/dev/null 2>&1 &)
  for _ in $(seq 1 60); do mysqladmin -h 127.0.0.1 -u root ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
