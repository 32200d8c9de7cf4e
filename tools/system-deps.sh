#!/usr/bin/env bash
# Install what the tests need from Debian packages: LibreOffice Writer (headless),
# python3-uno (for the warm converter), metric-compatible Times New Roman fonts, fontconfig
# (fc-match, for the font check) and poppler.
# Idempotent: does nothing when everything is already there.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
dpkg -s python3-uno >/dev/null 2>&1 || need+=(python3-uno)
dpkg -s fonts-liberation >/dev/null 2>&1 || need+=(fonts-liberation)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-match >/dev/null 2>&1 || need+=(fontconfig)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${need[*]}; run: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
