#!/bin/bash
# Formats every C file and header of the repository with .clang-format (clang-format-16).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
git ls-files '*.c' '*.h' | xargs clang-format-16 -i
