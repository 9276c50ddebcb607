"""The questions a decision log asks the file system beyond reading its records.

Resolving links needs a folder's real path, its symbolic links, and now and then whether a
path exists. They go through one object so that a remembered result (adr.store.result_cache) can note each
question with its answer, and trust the result later only while every answer is the same.
"""

from __future__ import annotations

import os


class Lookups:
    """The file system as it is now."""

    def realpath(self, path: str) -> str:
        return os.path.realpath(path)  # never raises, even on a link loop

    def links_in(self, folder: str) -> frozenset[str] | None:
        """The names of the symbolic links in `folder`; None when it cannot be listed."""
        try:
            with os.scandir(folder) as entries:
                return frozenset(entry.name for entry in entries if entry.is_symlink())
        except OSError:
            return None

    def is_link(self, path: str) -> bool:
        return os.path.islink(path)

    def exists(self, path: str) -> bool:
        return os.path.exists(path)

    def leftovers_in(self, folder: str) -> frozenset[str]:
        """The names of the journals and temporary files of writes in `folder` (adr.store.journal)."""
        from adr.store.journal import is_leftover

        try:
            with os.scandir(folder) as entries:
                return frozenset(entry.name for entry in entries if entry.name[:1] == "." and is_leftover(entry.name))
        except OSError:
            return frozenset()


PLAIN = Lookups()
QUESTIONS = ("realpath", "links_in", "is_link", "exists", "leftovers_in")

Answers = dict[tuple[str, str], object]  # (question, path) -> answer


class RecordedLookups(Lookups):
    """`Lookups` that note every question and its answer."""

    def __init__(self) -> None:
        self.answers: Answers = {}

    def _noted(self, question: str, path: str):
        answer = self.answers[(question, path)] = getattr(PLAIN, question)(path)
        return answer

    def realpath(self, path: str) -> str:
        return self._noted("realpath", path)

    def links_in(self, folder: str) -> frozenset[str] | None:
        return self._noted("links_in", folder)

    def is_link(self, path: str) -> bool:
        return self._noted("is_link", path)

    def exists(self, path: str) -> bool:
        return self._noted("exists", path)

    def leftovers_in(self, folder: str) -> frozenset[str]:
        return self._noted("leftovers_in", folder)


def still_answered(answers: Answers) -> bool:
    """Whether the file system gives every noted question the same answer now."""
    return all(question in QUESTIONS and getattr(PLAIN, question)(path) == answer for (question, path), answer in answers.items())
