"""The CI scripts behind action.yml, run locally against a real repository and a stand-in `gh`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tests.gitrepo import GitRepo, dated, madr

ROOT = Path(__file__).resolve().parent.parent
FAKE_GH = """#!/bin/sh
# records each call; answers `api user` with $FAKE_LOGIN (else fails, as GITHUB_TOKEN does) and
# the comment listing with $FAKE_EXISTING (lines of "id author-login")
echo "$*" >> "$FAKE_LOG"
for arg in "$@"; do
  case "$arg" in body=@*) cp "${arg#body=@}" "$FAKE_BODY";; esac
done
case "$*" in "api user --jq .login")
  if [ -n "$FAKE_LOGIN" ]; then echo "$FAKE_LOGIN"; exit 0; fi
  echo '{"message":"Resource not accessible by integration"}' >&2; exit 1;;
esac
case "$*" in *--paginate*) [ -n "$FAKE_EXISTING" ] && printf '%s\\n' "$FAKE_EXISTING";; esac
exit 0
"""
LISTING = 'api repos/acme/shop/issues/7/comments --paginate --jq .[] | select(.body | startswith("<!-- adr-review -->")) | "\\(.id) \\(.user.login)"'


def setup(tmp_path):
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    repo.write("0002-use-redis.md", madr("Use Redis", "proposed"))
    repo.commit("Redis")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH)
    (bin_dir / "gh").chmod(0o755)
    (bin_dir / "adr").write_text(f"#!/bin/sh\nexec {sys.executable} -m adr \"$@\"\n")
    (bin_dir / "adr").chmod(0o755)
    env = {
        **os.environ, **dated(), "PATH": f"{bin_dir}:{os.environ['PATH']}", "RUNNER_TEMP": str(tmp_path),
        "GITHUB_REPOSITORY": "acme/shop", "PR_NUMBER": "7", "ADR_BASE": "main", "ADR_DATE": "2024-05-06",
        "FAKE_LOG": str(tmp_path / "gh.log"), "FAKE_BODY": str(tmp_path / "body.md"), "FAKE_EXISTING": "", "FAKE_LOGIN": "",
    }
    env.pop("ADR_DIR", None)
    return repo, env


def script(name: str, repo: GitRepo, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(ROOT / "integrations" / name)], cwd=repo.path, env=env, capture_output=True, text=True, timeout=120)


def test_review_script_posts_one_comment(tmp_path):
    repo, env = setup(tmp_path)
    result = script("github-review.sh", repo, env)
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert calls[:2] == ["api user --jq .login", LISTING]
    assert calls[2].startswith("api --method POST repos/acme/shop/issues/7/comments -F body=@")
    body = (tmp_path / "body.md").read_text()
    assert body.startswith("<!-- adr-review -->") and "[2. Use Redis](docs/decisions/0002-use-redis.md)" in body


def test_review_script_updates_its_earlier_comment(tmp_path):
    repo, env = setup(tmp_path)
    result = script("github-review.sh", repo, {**env, "FAKE_EXISTING": "4242 github-actions[bot]"})
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "gh.log").read_text().splitlines()
    assert calls[2].startswith("api --method PATCH repos/acme/shop/issues/comments/4242 -F body=@")


def test_review_script_fails_on_a_collision_and_still_comments(tmp_path):
    repo, env = setup(tmp_path)
    repo.git("checkout", "-q", "main")
    repo.write("0002-use-kafka.md", madr("Use Kafka"))
    repo.commit("Kafka")
    repo.git("checkout", "-q", "feature")
    result = script("github-review.sh", repo, env)
    assert result.returncode == 1
    assert "Number collisions" in (tmp_path / "body.md").read_text()


def test_check_script_prints_annotations_and_honours_strict(tmp_path):
    repo, env = setup(tmp_path)
    repo.write("0003-undated.md", madr("Undated", date="").replace("date: \n", ""))
    result = script("github-check.sh", repo, env)
    assert result.returncode == 0, result.stderr
    assert "::warning file=docs/decisions/0003-undated.md,line=4,title=missing-date::no date" in result.stdout
    assert script("github-check.sh", repo, {**env, "ADR_STRICT": "true"}).returncode == 1


def test_action_and_hooks_point_at_real_commands():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    runs = "\n".join(step.get("run", "") for step in action["runs"]["steps"])
    assert "integrations/github-check.sh" in runs and "integrations/github-review.sh" in runs
    assert "${{" not in runs  # inputs reach scripts through env, never spliced into shell text
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert {h["id"]: h["entry"] for h in hooks} == {"adr-check": "adr check", "adr-check-strict": "adr check --strict"}
    gitlab = yaml.safe_load((ROOT / "integrations" / "gitlab-ci.yml").read_text())
    assert "adr check" in gitlab["adr-check"]["script"]


def test_links_in_the_comment_are_absolute_when_a_link_base_is_given(tmp_path):
    repo, env = setup(tmp_path)
    result = script("github-review.sh", repo, {**env, "ADR_LINK_BASE": "https://github.com/acme/shop/blob/abc123/"})
    assert result.returncode == 0, result.stderr
    body = (tmp_path / "body.md").read_text()
    assert "[2. Use Redis](https://github.com/acme/shop/blob/abc123/docs/decisions/0002-use-redis.md)" in body
    bad = subprocess.run([sys.executable, "-m", "adr", "review", "--link-base", "javascript:alert(1)//"], cwd=repo.path, env=env, capture_output=True, text=True)
    assert bad.returncode == 2 and "must start with https://" in bad.stderr


def test_annotations_name_paths_from_the_repository_root(tmp_path):
    repo, env = setup(tmp_path)
    repo.write("0003-undated.md", madr("Undated", date="").replace("date: \n", ""))
    result = subprocess.run(
        [sys.executable, "-m", "adr", "check", "--format", "github"], cwd=repo.log, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("::warning file=docs/decisions/0003-undated.md,line=4,title=missing-date::")
