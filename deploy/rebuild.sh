#!/usr/bin/env bash
# Rebuild the site for today and publish it atomically on this server (run daily by bhxh-rebuild.timer, or cron).
#
#   deploy/rebuild.sh /srv/bhxh-site /var/www/bhxh
#
# $1: the checkout of this repository (with its data/ for your office); $2: the web folder. nginx's `root` points at
# $2/current, a symbolic link to the newest release; a release is switched in with one rename, so a reader never
# sees half a site, and the previous two releases are kept for a quick roll-back. A failed build changes nothing:
# the build stops with one line saying what to fix, and the current release stays.
set -euo pipefail
repo=${1:?the repository checkout}; web=${2:?the web folder}
cd "$repo"
make site PRODUCTION=1
release="$web/releases/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$web/releases"
cp -r site "$release"
chmod -R a+rX "$release"
ln -sfn "$release" "$web/current.new"
mv -Tf "$web/current.new" "$web/current"
ls -1d "$web"/releases/* | head -n -3 | xargs -r rm -rf
echo "Published $release"
