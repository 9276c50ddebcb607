"""Talking to git safely: no shell, user input never read as an option, paths after `--`, and
one repository for every call.

`open_repo` asks git itself where the repository is (`rev-parse`), so GIT_DIR and GIT_WORK_TREE
mean what they mean to git, relative to the folder `adr` was started in. Every later call runs
from the working tree's top with both pinned to absolute paths: `log`, `ls-tree`, `cat-file`
and `commit` all see that one repository, whatever folder they run from. A repository git
refuses (owned by someone else: "dubious ownership") is a user error that carries git's own
advice, and every failure names what git named (a stale `index.lock`, say).

Refs and paths from the user pass `safe` first: a value starting with `-` would otherwise
become an option (`--output=/tmp/x`), so it is refused.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from adr.errors import AdrError

ZERO = "0" * 40
_PINNED = ("GIT_DIR", "GIT_WORK_TREE")
_RELATIVE_TO_START = ("GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")  # relative to where adr started


class RefusedByGit(AdrError):
    """git will not open the repository for this user (dubious ownership): never a silent fallback."""


@dataclass(frozen=True)
class Repo:
    """One repository: its git folder, its working tree's top, and the environment every git
    call gets (GIT_DIR and GIT_WORK_TREE pinned to those two)."""

    git_dir: Path
    top: Path
    env: tuple[tuple[str, str], ...]


def safe(value: str, what: str = "ref") -> str:
    """`value` unchanged, or a user error when git could mistake it for an option."""
    if not value or value.startswith("-") or any(c in value for c in "\0\n\r"):
        raise AdrError(f"refusing {what} '{value}': it must not be empty, start with '-' or hold control characters")
    return value


def _git() -> str:
    return os.environ.get("GIT_PYTHON_GIT_EXECUTABLE") or "git"  # the variable GitPython honoured, kept


def _spawn(args: list[str], cwd: Path, env: dict, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(
            [_git(), *args], cwd=cwd, env=env, input=stdin, stdin=None if stdin is not None else subprocess.DEVNULL,
            capture_output=True, check=False,
        )
    except OSError as exc:  # no git executable, or one that cannot run
        raise AdrError(f"git is needed for this command but cannot be run: {exc.strerror or exc}") from None


def _base_env(start: str | None) -> dict:
    """The user's environment, with git's messages in English (they are parsed) and the paths
    git reads relative to the current folder made absolute, since calls run elsewhere."""
    env = {**os.environ, "LANGUAGE": "C", "LC_ALL": "C"}
    for name in _RELATIVE_TO_START:
        value = env.get(name)
        if value and start and not os.path.isabs(value):
            env[name] = os.path.join(start, value)
    return env


def open_repo(path: Path) -> Repo:
    """The git repository holding `path`, as git sees it, or a one-line user error."""
    try:
        start = os.getcwd()
    except OSError:
        start = None
    by_user = any(os.environ.get(name) for name in _PINNED)
    # GIT_DIR and GIT_WORK_TREE are the user's, relative to where they started adr; else git finds
    # the repository from the log's folder (which may be in another repository than the shell)
    where = Path(start) if by_user and start else _nearest_folder(path)
    env = _base_env(start)
    proc = _spawn(["rev-parse", "--absolute-git-dir", "--show-toplevel"], where, env)
    if proc.returncode != 0:
        raise _refused(proc.stderr.decode("utf-8", "replace"), path, by_user)
    lines = proc.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) < 2 or not lines[1]:
        raise AdrError("the git repository has no working tree", path)
    git_dir, top = Path(lines[0]), Path(lines[1])
    if by_user:
        inside = Path(os.path.realpath(_nearest_folder(path)))
        real_top = Path(os.path.realpath(top))
        if inside != real_top and real_top not in inside.parents:
            names = [name for name in _PINNED if os.environ.get(name)]
            them = "them" if len(names) > 1 else "it"
            raise AdrError(
                f"{' and '.join(names)} {'name' if len(names) > 1 else 'names'} the repository {top}, which does not hold "
                f"the decision log; unset {them}, or run adr inside that repository", path,
            )
    env.update(GIT_DIR=str(git_dir), GIT_WORK_TREE=str(top))
    return Repo(git_dir, top, tuple(sorted(env.items())))


def _refused(stderr: str, path: Path, by_user: bool) -> AdrError:
    """The user error for a repository git would not open."""
    if "dubious ownership" in stderr:
        owner = re.search(r"dubious ownership in repository at '([^']*)'", stderr)
        advice = next((line.strip() for line in stderr.splitlines() if "safe.directory" in line), "")
        at = owner.group(1) if owner else str(path)
        return RefusedByGit(f"git refuses the repository at {at}: another user owns it (dubious ownership); if you trust it: {advice}")
    if "not a git repository" in stderr:
        if by_user and os.environ.get("GIT_DIR"):
            return AdrError(f"GIT_DIR names no git repository ({os.environ['GIT_DIR']}); unset it, or name one")
        return AdrError("not inside a git repository", path)
    if "must be run in a work tree" in stderr:
        return AdrError("the git repository has no working tree", path)
    return AdrError(f"git rev-parse failed: {_message(stderr, 128)}", path)


def _nearest_folder(path: Path) -> Path:
    """`path`, or its closest existing parent: a folder not created yet is still inside the
    repository that holds its parent, so git must be asked from there."""
    return next((folder for folder in (path, *path.parents) if folder.is_dir()), path)


def root(repo: Repo) -> Path:
    return Path(os.path.realpath(repo.top))


def run(repo: Repo, *args: str, check: bool = True) -> str:
    """Run `git ARGS` in the repository and return stdout; a failure becomes an `AdrError`."""
    proc = _spawn(["--literal-pathspecs", "-c", "core.quotePath=false", "-c", "log.showSignature=false", *args], repo.top, dict(repo.env))
    if proc.returncode != 0:
        if not check:
            return ""
        command = next((a for a in args if not a.startswith("-") and "=" not in a), args[0])
        raise AdrError(f"git {command} failed: {_message(proc.stderr.decode('utf-8', 'replace'), proc.returncode)}")
    return proc.stdout.decode("utf-8", "surrogateescape")


_LOCK = re.compile(r"Unable to create '([^']*\.lock)': File exists")


def _message(stderr: str, status: int) -> str:
    """What went wrong, in one line: a lock file named, else git's fatal or error line, else its last line."""
    lock = _LOCK.search(stderr)
    if lock:
        return f"{lock.group(1)} exists: another git process is running, or one was killed; if none is running, delete that file"
    if "dubious ownership" in stderr:
        advice = next((line.strip() for line in stderr.splitlines() if "safe.directory" in line), "")
        return f"another user owns the repository (dubious ownership); if you trust it: {advice}"
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    chosen = next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[-1] if lines else f"exit {status}")
    return chosen.removeprefix("fatal:").removeprefix("error:").strip()


def commit_of(repo, ref: str) -> str:
    """The commit id `ref` names, or a user error."""
    out = run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{safe(ref)}^{{commit}}", check=False).strip()
    if not out:
        raise AdrError(f"unknown git ref '{ref}'")
    return out


def exists(repo, ref: str) -> bool:
    return bool(run(repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{safe(ref)}^{{commit}}", check=False).strip())


def is_shallow(repo) -> bool:
    return run(repo, "rev-parse", "--is-shallow-repository", check=False).strip() == "true"


def shallow_roots(repo) -> set[str]:
    """The commits where a shallow clone's history is cut off."""
    path = Path(run(repo, "rev-parse", "--git-path", "shallow", check=False).strip() or "-")
    if not path.is_absolute():
        path = root(repo) / path
    try:
        return set(path.read_text().split())
    except OSError:
        return set()


def relative(repo, path: Path) -> str:
    """`path` relative to the repository root, with `/`, as git prints it ('' for the root)."""
    try:
        rel = path.resolve().relative_to(root(repo))
    except ValueError:
        raise AdrError("the decision log is outside the git repository", path) from None
    return "" if str(rel) == "." else rel.as_posix()


def tree_files(repo, commit: str, folder: str) -> list[tuple[str, str]]:
    """(path, blob id) of every file under `folder` in `commit`'s tree, read from git objects."""
    out = run(repo, "ls-tree", "-r", "-z", "--full-tree", safe(commit), "--", folder or ".")
    found = []
    for entry in out.split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            found.append((path, parts[2]))
    return found


def read_blobs(repo: Repo, blob_ids: list[str] | set[str]) -> dict[str, bytes]:
    """Contents of many blobs through ONE `git cat-file --batch` process."""
    wanted = list(dict.fromkeys(b for b in blob_ids if b and b != ZERO))
    if not wanted:
        return {}
    proc = _spawn(["cat-file", "--batch"], repo.top, dict(repo.env), ("\n".join(wanted) + "\n").encode())
    if proc.returncode != 0:
        raise AdrError(f"git cat-file failed: {_message(proc.stderr.decode(errors='replace'), proc.returncode)}")
    data, offset, found = proc.stdout, 0, {}
    for blob in wanted:
        end = data.index(b"\n", offset)
        header = data[offset:end].decode().split()
        offset = end + 1
        if len(header) < 3 or header[1] == "missing":
            continue
        size = int(header[2])
        found[blob] = data[offset : offset + size]
        offset += size + 1
    return found


def decode(data: bytes) -> str:
    return data.decode("utf-8-sig", errors="replace")


def diff_entries(repo, old: str, new: str, folder: str) -> list[tuple[str, str, str | None, str, str]]:
    """Files changed between two commits: (status letter, path, old path, old blob, new blob)."""
    out = run(repo, "diff", "--raw", "-z", "-M", "--no-abbrev", "--no-ext-diff", "--no-textconv", safe(old), safe(new), "--", folder or ".")
    tokens = out.split("\0")
    entries, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if not token.startswith(":"):
            continue
        meta = token[1:].split()
        letter = meta[4][0]
        if letter in "RC":
            entries.append((letter, tokens[index + 1], tokens[index], meta[2], meta[3]))
            index += 2
        else:
            entries.append((letter, tokens[index], None, meta[2], meta[3]))
            index += 1
    return entries


def merge_base(repo, a: str, b: str) -> str:
    out = run(repo, "merge-base", safe(a), safe(b), check=False).strip()
    if not out:
        hint = "; this is a shallow clone: fetch the whole history (fetch-depth: 0)" if is_shallow(repo) else ""
        raise AdrError(f"'{a}' and '{b}' share no history (no merge-base){hint}")
    return out


def current_branch(repo) -> str | None:
    out = run(repo, "symbolic-ref", "--quiet", "--short", "HEAD", check=False).strip()
    return out or None


def upstream(repo) -> str | None:
    """The upstream of the current branch, unless it is just the same branch on a remote."""
    out = run(repo, "rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{upstream}", check=False).strip()
    branch = current_branch(repo)
    if not out or (branch and out.split("/", 1)[-1] == branch and branch not in ("main", "master")):
        return None
    return out


def default_base(repo) -> str | None:
    """What a pull request from here merges into: the upstream, else main, else master."""
    candidates = [upstream(repo), "main", "master", "origin/main", "origin/master"]
    return next((ref for ref in candidates if ref and exists(repo, ref)), None)


def base_candidates(repo) -> list[str]:
    """Every base a new number must stay above: upstream, main/master, and their origin copies."""
    candidates = [upstream(repo), "main", "master", "origin/main", "origin/master"]
    return [ref for ref in dict.fromkeys(c for c in candidates if c) if exists(repo, ref)]


def tracked(paths: list[Path]) -> set[Path]:
    """Which of `paths` git tracks (`adr.store.journal.Tracked`): none outside a repository, or
    when git cannot be asked. A journal or temporary file that git tracks was committed, so no
    interrupted write of this user's left it."""
    if not paths:
        return set()
    try:
        repo = open_repo(paths[0].parent)
        top = root(repo)
        names = {}
        for path in paths:
            try:
                names[(path.parent.resolve() / path.name).relative_to(top).as_posix()] = path
            except ValueError:
                continue
        if not names:
            return set()
        out = run(repo, "ls-files", "-z", "--cached", "--", *names)
    except AdrError:
        return set()
    return {names[name] for name in out.split("\0") if name in names}
