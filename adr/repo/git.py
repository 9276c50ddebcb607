"""Talking to git safely: no shell, user input never read as an option, paths after `--`.

GitPython finds the repository and runs git; every call goes through `run`, which takes an
argument list. Refs and paths from the user pass `safe` first: a value starting with `-` would
otherwise become an option (`--output=/tmp/x`), so it is refused.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from adr.errors import AdrError

ZERO = "0" * 40


def safe(value: str, what: str = "ref") -> str:
    """`value` unchanged, or a user error when git could mistake it for an option."""
    if not value or value.startswith("-") or any(c in value for c in "\0\n\r"):
        raise AdrError(f"refusing {what} '{value}': it must not be empty, start with '-' or hold control characters")
    return value


def open_repo(path: Path):
    """The git repository holding `path`, or a one-line user error."""
    try:
        import git
    except ImportError as exc:  # GitPython refuses to import when no git executable is found
        raise AdrError(f"git is needed for this command but cannot be run: {str(exc).splitlines()[0]}") from None

    try:
        repo = git.Repo(_nearest_folder(path), search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise AdrError("not inside a git repository", path) from None
    if repo.bare or repo.working_tree_dir is None:
        raise AdrError("the git repository has no working tree", path)
    return repo


def _nearest_folder(path: Path) -> Path:
    """`path`, or its closest existing parent: a folder not created yet is still inside the
    repository that holds its parent, so git must be asked from there."""
    return next((folder for folder in (path, *path.parents) if folder.is_dir()), path)


def root(repo) -> Path:
    return Path(repo.working_tree_dir).resolve()


def run(repo, *args: str, check: bool = True) -> str:
    """Run `git ARGS` in the repository and return stdout; a failure becomes an `AdrError`."""
    import git

    try:
        return repo.git.execute(
            ["git", "--literal-pathspecs", "-c", "core.quotePath=false", "-c", "log.showSignature=false", *args],
            strip_newline_in_stdout=False, with_extended_output=False,
        )
    except git.GitCommandError as exc:
        if not check:
            return ""
        detail = (exc.stderr or "").strip().splitlines()
        message = detail[-1].strip() if detail else f"exit {exc.status}"
        message = message.removeprefix("stderr: ").strip("'").strip()
        command = next((a for a in args if not a.startswith("-") and "=" not in a), args[0])
        raise AdrError(f"git {command} failed: {message}") from None


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


def read_blobs(repo, blob_ids: list[str] | set[str]) -> dict[str, bytes]:
    """Contents of many blobs through ONE `git cat-file --batch` process."""
    wanted = list(dict.fromkeys(b for b in blob_ids if b and b != ZERO))
    if not wanted:
        return {}
    proc = subprocess.run(
        [_git(), "cat-file", "--batch"], cwd=root(repo), input=("\n".join(wanted) + "\n").encode(),
        capture_output=True, check=False,
    )
    if proc.returncode != 0:
        raise AdrError(f"git cat-file failed: {proc.stderr.decode(errors='replace').strip()}")
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


def _git() -> str:
    import git

    return git.Git.GIT_PYTHON_GIT_EXECUTABLE or "git"


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
