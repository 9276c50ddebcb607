"""A real temporary git repository with fixed authors and dates, for history, review and renumber tests."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

BASE_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1", "GIT_TERMINAL_PROMPT": "0"}


def dated(author: str = "Ana", date: str = "2024-03-03T10:00:00+00:00") -> dict:
    """Environment that makes a commit's author, committer and dates fixed."""
    return {
        **BASE_ENV,
        "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": f"{author.lower()}@example.org", "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": f"{author.lower()}@example.org", "GIT_COMMITTER_DATE": date,
    }


class GitRepo:
    def __init__(self, path: Path, log: str = "docs/decisions"):
        self.path = path
        self.log = path / log
        self.log.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")
        self.git("config", "user.name", "Test")
        self.git("config", "user.email", "test@example.org")
        self.git("config", "commit.gpgsign", "false")

    def git(self, *args: str, author: str = "Ana", date: str = "2024-03-03T10:00:00+00:00") -> str:
        env = {**os.environ, **dated(author, date)}
        proc = subprocess.run(["git", *args], cwd=self.path, env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout

    def write(self, name: str, text: str) -> Path:
        path = self.log / name
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str, author: str = "Ana", date: str = "2024-03-03T10:00:00+00:00") -> str:
        self.git("add", "-A", author=author, date=date)
        self.git("commit", "-q", "-m", message, author=author, date=date)
        return self.git("rev-parse", "HEAD").strip()


def madr(title: str, status: str = "proposed", date: str = "2024-03-03", body: str = "", deciders: str = "") -> str:
    who = f"decision-makers: [{deciders}]\n" if deciders else ""
    return f"---\nstatus: {status}\ndate: {date}\n{who}---\n# {title}\n\n## Context and Problem Statement\n\nWhy we decide.\n\n{body}"


def log4brains_repo(tmp_path: Path) -> GitRepo:
    """A log4brains monorepo: the project's folder and a package's, each with a record."""
    repo = GitRepo(tmp_path / "repo", log="docs/adr")
    (repo.path / ".log4brains.yml").write_text(
        "project:\n  adrFolder: ./docs/adr\n  packages:\n    - name: core\n      adrFolder: ./packages/core/docs/adr\n"
    )
    package = repo.path / "packages/core/docs/adr"
    package.mkdir(parents=True)
    repo.write("20240301-use-a-monorepo.md", madr("Use a monorepo", "accepted"))
    (package / "20240302-keep-the-domain-pure.md").write_text(madr("Keep the domain pure"))
    repo.commit("Record both", "Ana", "2024-03-02T10:00:00+00:00")
    (package / "20240302-keep-the-domain-pure.md").write_text(madr("Keep the domain pure", "accepted"))
    repo.commit("Accept the pure domain", "Bob", "2024-03-09T10:00:00+00:00")
    return repo
