"""The journal of a group of writes, sealed so that `recover` replays only its own.

A journal tells the next command to rename temporary files over records and to delete
records. A pull request can commit one (with temporary files beside it), and another user can
leave one in a shared folder; replaying either would let them rename or delete files in the
log of whoever runs `adr` next. So a journal, and every file it names, counts only when:

- it is a regular file (no symbolic link) owned by this user, and git does not track it;
- the journal carries an HMAC-SHA256 under this user's key (`state.journal_key`) over what it
  says and the real path of its folder: no one else can make one, nor copy one from elsewhere;
- for a committed group, each temporary file holds exactly the bytes whose SHA-256 it recorded.

Anything else is `Refused`: one line naming the file, and nothing renamed or deleted.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Callable, Iterable

from adr.errors import AdrError

JOURNAL = ".adr-journal.json"
TEMP = re.compile(r"^\..*\.[0-9a-f]{8}\.tmp$", re.S)  # `atomic._temp_name`: .NAME.8-hex.tmp
VERSION = 2  # 1: unsealed (before issue 24)
Tracked = Callable[[list[Path]], set[Path]]  # which of these paths git tracks (none, outside git)


class Refused(AdrError):
    """A journal or temporary file `adr` will not act on; `adr check` reports it as a finding."""


def is_leftover(name: str) -> bool:
    """Whether a file name is one a write leaves while it runs: the journal or a temporary file."""
    return name == JOURNAL or (name.endswith(".tmp") and TEMP.match(name) is not None)


def digest(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _mac(folder: Path, state: str, entries: list[dict]) -> str:
    import hashlib
    import hmac
    import json

    from adr.store.state import journal_key

    said = json.dumps([VERSION, os.path.realpath(folder), state, entries], ensure_ascii=False, sort_keys=True)
    return hmac.new(journal_key(folder), said.encode("utf-8"), hashlib.sha256).hexdigest()


def seal(folder: Path, state: str, entries: list[dict]) -> str:
    """The journal's text for `entries` in `state`, sealed for `folder`."""
    import json

    mac = _mac(folder, state, entries)
    return json.dumps({"version": VERSION, "state": state, "files": entries, "mac": mac}, ensure_ascii=False)


def read(journal: Path) -> dict:
    """What a journal says, or `Refused` when it cannot be read as one."""
    import json

    try:
        data = json.loads(journal.read_bytes().decode("utf-8"))
        if not isinstance(data, dict) or not isinstance(data["files"], list) or not all(isinstance(e, dict) for e in data["files"]):
            raise TypeError
        data["state"]  # noqa: B018 - must be there
    except (OSError, ValueError, KeyError, TypeError):
        raise Refused("journal of an interrupted write is damaged; check the files it names, then delete it", journal) from None
    return data


def is_sealed(folder: Path, data: dict) -> bool:
    """Whether this user's adr wrote `data` for `folder`."""
    import hmac

    mac = data.get("mac")
    if data.get("version") != VERSION or not isinstance(mac, str):
        return False
    return hmac.compare_digest(mac, _mac(folder, str(data["state"]), data["files"]))


def unsealed(journal: Path) -> Refused:
    return Refused(
        "journal of an interrupted write that this user's adr did not seal (committed, copied in, another user's, "
        "or from an older adr): not acting on it; check the files it names, then delete it", journal,
    )


def check_owned(paths: Iterable[Path], tracked: set[Path]) -> None:
    """`Refused` for the first path that is not a regular file of this user's that git does not track."""
    for path in paths:
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise Refused(f"cannot inspect a file of an interrupted write: {exc.strerror}; not acting on it", path) from None
        if path in tracked:
            raise Refused("is committed to git, so no interrupted write of yours left it: not acting on it; remove it from the repository", path)
        if not stat.S_ISREG(info.st_mode):
            raise Refused("is not a regular file (a symbolic link?), so no interrupted write of yours left it: not acting on it; delete it", path)
        if info.st_uid != os.geteuid():
            raise Refused(f"belongs to another user (uid {info.st_uid}), so no interrupted write of yours left it: not acting on it; delete it", path)


def holds(path: Path, sha256: object) -> bool:
    """Whether the temporary file `path` holds exactly the bytes the journal recorded."""
    import hashlib

    try:
        return isinstance(sha256, str) and hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    except OSError:
        return False


def no_git(paths: list[Path]) -> set[Path]:
    """`Tracked` outside git, or when the caller cannot ask it: nothing is tracked."""
    return set()
