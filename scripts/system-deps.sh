#!/bin/sh
# Installs the Debian packages docgen needs, when they are missing and we
# can (root with apt-get); otherwise says what to install and carries on.
#   sh scripts/system-deps.sh run    what documents need (make build)
#   sh scripts/system-deps.sh test   that, and what the tests use (make test)
#
#   libpango, libpangoft2, libharfbuzz-subset0   text layout and font subsetting for WeasyPrint
#   fonts-noto-color-emoji   colour emoji: framework titles start with one
#   fonts-dejavu-core        a fallback text face with wide coverage
#   fonts-crosextra-carlito  metric twin of Calibri, the Word packets' face, for LibreOffice
#   poppler-utils            pdftoppm, to look at PDF pages as pictures (tests)
#   libreoffice-writer-nogui opens the Word packets as a user would (tests)
#   chromium, chromium-driver   a real browser for the docgen serve test (selenium)
set -u
run="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-color-emoji fonts-dejavu-core fonts-crosextra-carlito"
test="poppler-utils libreoffice-writer-nogui chromium chromium-driver"
case "${1:-run}" in
  test) packages="$run $test" ;;
  *) packages="$run" ;;
esac

command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing we can do here
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-deps: installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
    exit 0
  fi
  echo "system-deps: warning: apt-get could not install$missing" >&2
else
  echo "system-deps: warning: missing Debian packages:$missing" >&2
  echo "system-deps: install them with: sudo apt-get install$missing" >&2
fi
exit 0
