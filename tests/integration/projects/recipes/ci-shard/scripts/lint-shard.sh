#!/usr/bin/env bash
# Lints one shard of the repository's TypeScript files: lint-shard.sh <index> <total>
# (index counts from 0). Every shard exits non-zero on any finding.
set -euo pipefail
git ls-files -z -- '*.ts' '*.tsx' '*.mts' '*.cts' \
  | awk -v RS='\0' -v ORS='\0' -v index_="$1" -v total="$2" '(NR - 1) % total == index_' \
  | xargs -0 --no-run-if-empty npx eslint --max-warnings 0 --no-warn-ignored
