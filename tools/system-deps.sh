#!/usr/bin/env bash
# Install what chibo_docs needs from Debian packages.
#
#   tools/system-deps.sh               what PDF output and the tests need: LibreOffice Writer
#                                      (headless), python3-uno (for the warm converter), the
#                                      fonts of tools/font-packages.txt (a Times New Roman
#                                      stand-in with every Vietnamese letter: Liberation 2.x
#                                      and Tinos), fontconfig (fc-match, for the font check)
#                                      and poppler.
#   tools/system-deps.sh venv PYTHON   what `PYTHON -m venv` needs: Debian's python3 has no
#                                      ensurepip until python3.X-venv is installed.
#
# Idempotent: asks dpkg (or the interpreter) what is there and installs only what is missing,
# with apt-get as root; otherwise prints the `sudo apt-get install` line to run and fails.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
need=()
why=""
if [ "${1:-}" = venv ]; then
  python=${2:-python3}
  if ! command -v "$python" >/dev/null 2>&1; then
    echo "error: no Python interpreter \`$python\`; install Python 3.11 or newer" \
      "(sudo apt-get install python3) or run make with PYTHON=/path/to/python3" >&2
    exit 1
  fi
  if "$python" -c 'import ensurepip, venv' 2>/dev/null; then
    exit 0
  fi
  interpreter=$(readlink -f "$(command -v "$python")")
  if ! dpkg-query -S "$interpreter" >/dev/null 2>&1; then
    echo "error: $python ($interpreter) cannot make a virtual environment: it has no" \
      "ensurepip module; install pip/venv support for that Python, or run make with" \
      "PYTHON=/usr/bin/python3 (Debian's, with python3-venv)" >&2
    exit 1
  fi
  need+=("$("$python" -c 'import sys; print("python3.%d-venv" % sys.version_info[1])')")
  why="$python cannot make a virtual environment (no ensurepip)"
else
  command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
  installed python3-uno || need+=(python3-uno)
  while read -r package _rest; do
    case $package in '' | '#'*) continue ;; esac
    installed "$package" || need+=("$package")
  done <"$here/font-packages.txt"
  command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
  command -v fc-match >/dev/null 2>&1 || need+=(fontconfig)
  why="PDF output and the tests need them"
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "missing Debian packages: ${need[*]} ($why); run: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "installing Debian packages: ${need[*]} ($why)"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
