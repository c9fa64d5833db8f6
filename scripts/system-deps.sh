#!/usr/bin/env bash
# Install the Debian/Ubuntu packages reception needs, or print the command when we cannot.
# Usage: scripts/system-deps.sh run|test
# Quick when everything is present: one dpkg-query, no network.
set -euo pipefail

# Run time: QR decoding, PC/SC, Qt's xcb and offscreen platforms, Python venv and headers
# (pyscard is built from source: swig, gcc, libpcsclite-dev); SoftHSM2 for the simulated
# signing token, OpenSC's PKCS#11 module for real USB tokens and smart cards.
RUN_PACKAGES=(
  python3-venv python3-dev gcc swig
  libzbar0 pcscd libpcsclite1 libpcsclite-dev
  libegl1 libgl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng sane-utils libsane1 libsane-dev
  softhsm2 opensc
)
# Tests also drive a virtual card reader (vpcd), a virtual screen and PDF text tools, and
# try the sqlite3 shell on the encrypted database.
TEST_PACKAGES=(vsmartcard-vpcd xvfb xauth poppler-utils graphviz sqlite3)

case "${1:-run}" in
  run) wanted=("${RUN_PACKAGES[@]}") ;;
  test) wanted=("${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}") ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; install the equivalents of: ${wanted[*]}" >&2
  exit 0
fi

missing=()
for package in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
  [[ "$status" == ii* ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

command_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "system-deps: missing system packages. Run as root, then try again:" >&2
  echo "  apt-get update && $command_line" >&2
  exit 1
fi
echo "system-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo $command_line
