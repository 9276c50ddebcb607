#!/usr/bin/env bash
# Step 2 of the GitHub Action: post `adr review` as one pull request comment, updated on each push.
# Environment: ADR_BASE and ADR_LINK_BASE (optional), GITHUB_BASE_REF, GITHUB_REPOSITORY, PR_NUMBER, GH_TOKEN,
# RUNNER_TEMP. Needs the whole history (actions/checkout with fetch-depth: 0) for the merge-base.
set -euo pipefail
marker='<!-- adr-review -->'
base="${ADR_BASE:-}"
if [ -z "$base" ] && [ -n "${GITHUB_BASE_REF:-}" ]; then
  git fetch --no-tags --quiet origin -- "+refs/heads/${GITHUB_BASE_REF}:refs/remotes/origin/${GITHUB_BASE_REF}" || true
  base="origin/${GITHUB_BASE_REF}"
fi
out="${RUNNER_TEMP:-/tmp}/adr-review.md"
args=(review --format markdown)
if [ -n "$base" ]; then
  args+=(--base "$base")
fi
if [ -n "${ADR_LINK_BASE:-}" ]; then
  args+=(--link-base "$ADR_LINK_BASE")
fi
set +e
adr "${args[@]}" > "$out"
status=$?
set -e
if [ ! -s "$out" ]; then
  exit "$status"  # adr printed its one-line error on stderr
fi
# The log shows the comment as written: a runner reads `::command::` and `##[command]` in what a
# step prints, and file names and record text are the pull request author's. Stop commands
# around it with a token the comment cannot know (made after it was written).
token="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
echo "::stop-commands::${token}"
cat "$out"
[ -z "$(tail -c 1 "$out")" ] || echo  # the resuming line must be a line of its own
echo "::${token}::"
if [ -z "${PR_NUMBER:-}" ]; then
  echo "adr review: not a pull request; no comment posted" >&2
  exit "$status"
fi
# Only a comment this token wrote is ours to edit: anyone can post one that starts with the
# marker (the pull request's author first of all), and editing theirs would put our review under
# their name, or fail and post none. GITHUB_TOKEN cannot read /user; its comments are the bot's.
me="$(gh api user --jq .login 2>/dev/null)" || me=""
me="${me:-${ADR_COMMENT_AUTHOR:-github-actions[bot]}}"
existing="$(gh api "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" --paginate \
  --jq ".[] | select(.body | startswith(\"${marker}\")) | \"\(.id) \(.user.login)\"" \
  | awk -v me="$me" '$2 == me { print $1; exit }')"
if [ -n "$existing" ]; then
  gh api --method PATCH "repos/${GITHUB_REPOSITORY}/issues/comments/${existing}" -F "body=@${out}" > /dev/null
elif ! grep -q '^No decision records changed\.$' "$out"; then
  gh api --method POST "repos/${GITHUB_REPOSITORY}/issues/${PR_NUMBER}/comments" -F "body=@${out}" > /dev/null
fi
exit "$status"
