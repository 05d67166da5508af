#!/usr/bin/env bash
# Installs what Sohoa needs on Debian/Ubuntu and is missing: system packages
# (Tesseract with Vietnamese data, fonts, Qt's libraries, SANE tools), a
# virtual environment in .venv and the project in it. Safe to run again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SYSTEM_PACKAGES=(
  tesseract-ocr tesseract-ocr-vie tesseract-ocr-eng tesseract-ocr-osd
  libtesseract-dev libleptonica-dev pkg-config g++
  fonts-liberation2 fonts-dejavu-core fonts-noto-core
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3
  sane-utils poppler-utils xvfb xdotool
  softhsm2 opensc
  python3-venv nodejs npm
  age
)

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# A machine may carry its own Node.js outside Debian's packages; keep it.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do
    [[ "$pkg" == nodejs || "$pkg" == npm ]] || filtered+=("$pkg")
  done
  missing=("${filtered[@]}")
fi
# Likewise python3-venv when the Python in use already has venv.
if python3 -c "import venv, ensurepip" 2>/dev/null; then
  filtered=()
  for pkg in "${missing[@]}"; do [[ "$pkg" == python3-venv ]] || filtered+=("$pkg"); done
  missing=("${filtered[@]}")
fi

if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  SUDO=""
  [[ $(id -u) -eq 0 ]] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if [[ ! -x .venv/bin/python ]]; then
  python3 -m venv .venv
fi
stamp=".venv/.sohoa-installed"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" ]]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[dev]"
  touch "$stamp"
fi
# tesserocr's wheel carries its own (newer) Tesseract, which reads a page a little
# differently from the system's `tesseract`: build it against the system library so a
# page the OCR stage leaves as it came reads exactly as plain `tesseract -l vie` reads it.
engine_version() {
  .venv/bin/python -c "import tesserocr; print(tesserocr.tesseract_version().split()[1])" 2>/dev/null || true
}
system_version="$(tesseract --version 2>&1 | head -n1 | awk '{print $2}')"
if [[ "$(engine_version)" != "$system_version" ]]; then
  echo "Building tesserocr against the system Tesseract $system_version"
  .venv/bin/python -m pip install -q --force-reinstall --no-deps --no-binary tesserocr tesserocr
fi
