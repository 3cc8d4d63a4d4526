#!/usr/bin/env bash
# The Debian packages the tests drive for real (make test runs this first): Chromium, poppler (pdftoppm,
# pdftotext), nginx, wrk (serving benchmark) and Java (the Nu HTML Checker). As root with apt-get they are
# installed; otherwise this stops at once with one line saying what to run.
set -euo pipefail
need=()
# An executable file (bash's `command -v` also names a file it cannot run).
have() { local p; p=$(command -v "$1" 2>/dev/null) && [ -f "$p" ] && [ -x "$p" ]; }
have chromium || [ -x /usr/bin/chromium ] || need+=(chromium)
have pdftoppm || need+=(poppler-utils)
have nginx || [ -x /usr/sbin/nginx ] || need+=(nginx)
have wrk || need+=(wrk)
have java || need+=(default-jre-headless)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing the system packages the tests need: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  exit 0
fi
echo "make test needs: ${need[*]} — run: sudo apt-get install -y --no-install-recommends ${need[*]}" >&2
exit 1
