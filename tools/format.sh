#!/bin/bash
# Formats every C file and header with .clang-format (clang-format-16) and every Bazel file with
# buildifier (from npm, @bazel/buildifier).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
git ls-files '*.c' '*.h' | xargs clang-format-16 -i
npx --yes @bazel/buildifier -r .
