#!/usr/bin/env bash
# Install what PDF output and the tests need from Debian packages: LibreOffice Writer
# (headless), python3-uno (for the warm converter), the fonts of tools/font-packages.txt
# (a Times New Roman stand-in with every Vietnamese letter: Liberation 2.x and Tinos),
# fontconfig (fc-match, for the font check) and poppler.
# Idempotent: asks dpkg what is installed and installs only what is missing.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
installed python3-uno || need+=(python3-uno)
while read -r package _rest; do
  case $package in '' | '#'*) continue ;; esac
  installed "$package" || need+=("$package")
done <"$here/font-packages.txt"
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
