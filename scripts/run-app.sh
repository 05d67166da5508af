#!/usr/bin/env bash
# Set up what is missing, then start Sohoa on the default workspace (the user
# data folder, or $SOHOA_WORKSPACE). The welcome screen opens a sample dossier.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/bootstrap.sh"
exec "$ROOT/.venv/bin/sohoa" "$@"
