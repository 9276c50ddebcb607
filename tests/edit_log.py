"""A small log written by a test, and the commands that change records run on it in-process.

The functions here call the core the `adr` commands call (`adr new`, `link`, `unlink`,
`status`, `renumber`, `upgrade-repository`): what they return is what the command prints, an
`AdrError` is its one-line error (`adr: ` and the text), and the files are what it writes. In
the test process they are fast, and under mutmut the mutant is what runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from adr.config import discover
from adr.errors import AdrError


@pytest.fixture
def log(tmp_path, monkeypatch):
    """An empty `doc/adr` in `tmp_path`, which is the current folder; today is 2024-05-06."""
    for name in ("ADR_DIR", "ADR_FORMAT", "ADR_TEMPLATE", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ADR_DATE", "2024-05-06")
    monkeypatch.setenv("ADR_CACHE_DIR", str(tmp_path / ".cache"))
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "doc/adr"
    folder.mkdir(parents=True)
    return Log(tmp_path, folder)


class Log:
    def __init__(self, root: Path, folder: Path):
        self.root, self.folder = root, folder

    def write(self, **files: str) -> None:
        """`write(_0001_a="...")`: each name, less its leading `_`, with `_` read as `-`, then `.md`."""
        for key, text in files.items():
            (self.folder / f"{key.lstrip('_').replace('_', '-')}.md").write_text(text, encoding="utf-8")

    def put(self, name: str, text: str) -> Path:
        path = self.folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def text(self, name: str) -> str:
        return (self.folder / name).read_text(encoding="utf-8")

    def files(self) -> dict[str, str]:
        """Every file of the log folder (below it too), by its path from the folder, and its text
        (bytes that are not UTF-8 kept as surrogates, so a binary file compares too)."""
        return {p.relative_to(self.folder).as_posix(): p.read_bytes().decode("utf-8", "surrogateescape") for p in sorted(self.folder.rglob("*")) if p.is_file()}

    def settings(self):
        return discover()

    def shown(self, paths) -> list[str]:
        """Paths as the command prints them: from the current folder."""
        return [Path(p).relative_to(self.root).as_posix() for p in paths]

    # the commands

    def new(self, title: str, *, supersedes=(), links=(), status=None, tags=(), deciders=(), consulted=(), informed=(),
            assumptions=(), invalidates=(), first=False) -> str:
        from adr.edit.operations import LinkRequest, NewRequest, new_record

        requests = []
        for spec in links:  # `adr new -l TARGET:LINK[:REVERSE]`
            parts = spec.split(":")
            requests.append(LinkRequest(parts[0], parts[1], parts[2] if len(parts) == 3 and parts[2] else None))
        request = NewRequest(title, list(supersedes), requests, status, list(tags), list(deciders), list(consulted),
                             list(informed), list(assumptions), list(invalidates), first)
        return self.shown([new_record(self.settings(), request)])[0]

    def link(self, source: str, label: str, target: str, reverse: str | None = None) -> list[str]:
        from adr.edit.operations import link

        return self.shown(link(self.settings(), source, label, target, reverse))

    def status(self, ref: str, status: str, force: bool = False) -> list[str]:
        from adr.edit.operations import set_status

        return self.shown(set_status(self.settings(), ref, status, force).paths)

    def unlink(self, source: str, target: str):
        from adr.edit.unlink import unlink

        return unlink(self.settings(), source, target)

    def renumber(self, ref: str, number: int):
        from adr.edit.renumber import renumber

        return renumber(self.settings(), ref, number)

    def upgrade(self) -> list[str]:
        from adr.edit.upgrade import upgrade_repository

        return self.shown(upgrade_repository(self.settings()))

    def refused(self, command: str, *args, **kwargs) -> str:
        """The one-line error the command prints (less `adr: `); and that it wrote nothing."""
        before = self.files()
        with pytest.raises(AdrError) as raised:
            getattr(self, command)(*args, **kwargs)
        assert self.files() == before, "a refused command changed the log"
        return str(raised.value)
