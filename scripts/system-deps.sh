#!/usr/bin/env bash
# Debian packages the tests use: chromium (browser test) and adr-tools (differential tests).
# Installs them when missing and we may (root with apt-get); otherwise says what is missing.
set -u
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/bin/adr ] || missing+=(adr-tools)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} (Debian packages used by the tests)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null \
    || echo "warning: could not install ${missing[*]}; tests that need them will be skipped" >&2
else
  echo "note: ${missing[*]} not installed; tests that need them will be skipped" >&2
fi
exit 0
