#!/usr/bin/env bash
# Remake FOGRA39L-argyll.icc (a developer tool, not part of the build: the profile is committed).
# Needs Debian's icc-profiles-free (the FOGRA39L characterization data, zlib licence) and argyll (colprof).
#   apt-get install -y icc-profiles-free argyll && scripts/printing/icc/make-profile.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp /usr/share/color/icc/FOGRA39L.ti3 "$work/"
# -ql: small tables (about 28 KB; the profile is embedded in every print-shop PDF); -nc: no measurement data inside;
# -l330: the total ink limit of ISO 12647-2 coated paper.
colprof -ql -nc -l330 -A "Fogra" \
  -D "Coated FOGRA39 (FOGRA39L data, ArgyllCMS colprof)" \
  -C "Made from the FOGRA39L characterization data (Fogra; icc-profiles-free, zlib licence) with ArgyllCMS colprof" \
  "$work/FOGRA39L"
cp "$work/FOGRA39L.icc" "$here/FOGRA39L-argyll.icc"
echo "wrote $here/FOGRA39L-argyll.icc"
