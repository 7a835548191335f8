#!/usr/bin/env bash
# Installs the Debian packages the tests use, when they are missing and we may install:
# chromium (real-browser tests; Playwright cannot download its own browser here),
# fonts-noto-cjk (Traditional Chinese in PDF reports), poppler-utils (reading PDFs back in
# tests) and haproxy (the proxy in front of `exercise serve --workers N`, and its tests).
# Without them those tests skip and say why.
set -u
# axe-core (npm, pinned) for the accessibility audits in tests/browser/test_accessibility.py,
# into .cache/axe (gitignored); the tests read it from disk and inject it offline.
AXE_VERSION=4.14.1
AXE_DIR="$(cd "$(dirname "$0")/.." && pwd)/.cache/axe"
if [ ! -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ] \
   || ! grep -q "\"version\": \"$AXE_VERSION\"" "$AXE_DIR/node_modules/axe-core/package.json" 2>/dev/null; then
  if command -v npm >/dev/null 2>&1; then
    npm install --prefix "$AXE_DIR" --no-audit --no-fund --silent "axe-core@$AXE_VERSION" >/dev/null 2>&1 \
      || echo "note: could not install axe-core; the accessibility tests will skip" >&2
  else
    echo "note: npm missing; the accessibility tests will skip" >&2
  fi
fi
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium)
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || want+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || want+=(poppler-utils)
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || want+=(haproxy)
[ ${#want[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: ${want[*]} missing and cannot be installed here; the tests that need them will skip" >&2
  exit 0
fi
echo "installing ${want[*]} from Debian's packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null 2>&1 \
  || echo "note: could not install ${want[*]}; the tests that need them will skip" >&2
exit 0
