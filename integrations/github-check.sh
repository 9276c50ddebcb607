#!/usr/bin/env bash
# Step 1 of the GitHub Action: annotate the pull request with `adr check` findings.
# Inputs come from the environment only (never interpolated into the script): ADR_STRICT.
set -euo pipefail
args=(check --format github)
if [ "${ADR_STRICT:-false}" = "true" ]; then
  args+=(--strict)
fi
exec adr "${args[@]}"
