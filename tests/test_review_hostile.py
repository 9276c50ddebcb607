"""`adr review` and `adr check` on a pull request whose author chose every name and every word.

Issue 24: the comment must say what the change is, whatever the file names and the record text.
Each test builds a real repository whose branch holds attack inputs (new lines, `|`, `<!--`,
backticks, `@team`, `#12`, links, images, emphasis, entities, `::` and `##[` for the CI runner)
and reads the output the way GitHub would: the Markdown parsed by markdown-it-py (CommonMark with
GFM's tables and strikethrough), the annotations line by line as the runner splits them.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from urllib.parse import unquote

from markdown_it import MarkdownIt

from tests.gitrepo import GitRepo, madr


MARKER = "<!-- adr-review -->"
# text_join off: an escaped character stays a token of its own, as cmark-gfm keeps it a node of
# its own, which is why `https\://` and `www\.` make no link on GitHub.
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"]).disable("text_join")
SECTIONS = (
    "Decision records in this change", "❌ Number collisions", "Decisions added", "Status changes", "Supersessions",
    "⚠️ Assumptions that no longer hold", "Renumbered", "⚠️ Accepted decisions rewritten", "⚠️ Decisions deleted",
    "Other records edited", "adr check on the changed files: ",
)
# GitHub's own links, made after the Markdown: bare URLs (at parse time, from one run of text)
# and, from the HTML's text whatever its escapes, @mentions, #references and e-mail addresses.
BARE_URL = re.compile(r"(?i)(?:^|(?<=[\s*_~(]))www\.\w|(?<![a-z])(?:https?|ftp)://\w")
FROM_TEXT = re.compile(r"(?<![\w`])@\w|#\d|[\w.+-]@\w")

# A new line followed by a heading and the review's own marker; a table's `|`; an HTML comment
# left open; code, a mention, a link, emphasis, a reference, an entity, a quote, strikethrough.
NEWLINE_NAME = "0002-a\n## Injected heading\n<!-- adr-review -->.md"
PIPE_NAME = "0003-x|y|z <!-- hide |.md"
MARKUP_NAME = "0004-`tick` @octocat [l](http:evil.example) ![i](x.png) *b* _u_ #9 &amp; >q ~~s~~.md"
TITLES = [
    r"Use \<!-- adr-review --\> \| @octocat #12 www.evil.com https://evil.com/x",
    r"Use \[x\]\(https://evil.com\) \!\[i\]\(https://evil.com/i.png\) \*\*b\*\* \_u\_ &amp; ~~s~~ &lt;b&gt;",
    "Use `a|b` <img src=x onerror=alert(1)> x@evil.com\u202egnp.exe",
]
DECIDERS = '"@octocat", "a|b", "<!-- x", "[l](https://evil.example)", "x@evil.example", "#7"'


def _tokens(markdown: str) -> list:
    """Every token, inline children after their parent."""
    found = []
    for token in GFM.parse(markdown):
        found.append(token)
        found.extend(token.children or [])
    return found


def _inline_text(token, code: bool = False) -> str:
    """What a reader sees of an inline token, or (without `code`) what GitHub's text filters see."""
    kinds = ("text", "text_special", "softbreak") + (("code_inline",) if code else ())
    return "".join(c.content for c in token.children if c.type in kinds)


def assert_github_safe(markdown: str, record_paths: set[str]) -> None:
    """The marker only on line 1, no HTML, images, emphasis or links but the tool's own links to
    `record_paths`, no heading but the tool's, and nothing GitHub would link by itself."""
    assert markdown.startswith(MARKER + "\n")
    tokens = _tokens(markdown)
    html = [t for t in tokens if t.type in ("html_block", "html_inline")]
    assert [(t.type, t.content, t.map) for t in html] == [("html_block", MARKER + "\n", [0, 1])]
    assert not [t for t in tokens if t.type in ("image", "em_open", "s_open", "blockquote_open", "hr")]
    links = [t.attrGet("href") for t in tokens if t.type == "link_open"]
    assert links and all(re.fullmatch(r"[\w/.~%-]+", href) for href in links), links
    assert {unquote(href) for href in links} <= record_paths
    heads = [t for t, inline in zip(tokens, tokens[1:]) if t.type == "heading_open" for t in [inline]]
    assert all(h.content.replace("`", "").startswith(SECTIONS) for h in heads), [h.content for h in heads]
    assert sum(1 for t in tokens if t.type == "heading_open" and t.tag == "h2") == 1
    for token in tokens:
        if token.type == "inline":
            runs = [c.content for c in token.children if c.type == "text"]
            assert not [r for r in runs if BARE_URL.search(r)], runs
            assert not FROM_TEXT.search(_inline_text(token)), _inline_text(token)


def _table(markdown: str) -> list[list[str]]:
    """The first table's rows (head row first), each as its cells' text."""
    rows, row, tokens = [], None, GFM.parse(markdown)
    for token, following in zip(tokens, tokens[1:] + tokens[:1]):
        if token.type == "tr_open":
            row = []
        elif token.type in ("th_open", "td_open"):
            row.append(_inline_text(following, code=True))
        elif token.type == "tr_close":
            rows.append(row)
        elif token.type == "table_close":
            break
    return rows


def _section_items(markdown: str) -> dict[str, list[list]]:
    """Each `###` section's list items, each as its tokens."""
    sections: dict[str, list[list]] = {}
    title, depth, item = None, 0, None
    tokens = GFM.parse(markdown)
    for token, following in zip(tokens, tokens[1:] + tokens[:1]):
        if token.type == "heading_open" and token.tag == "h3":
            title = following.content
            sections[title] = []
        elif token.type == "list_item_open":
            depth += 1
            if depth == 1:
                item = []
                sections[title].append(item)
        elif token.type == "list_item_close":
            depth -= 1
        elif item is not None and depth:
            item.append(token)
    return sections


def _review(adr, repo: GitRepo, *args: str) -> tuple[str, dict]:
    markdown = adr("review", "--base", "main", *args, cwd=repo.path)
    data = adr("review", "--base", "main", "--format", "json", *args, cwd=repo.path)
    assert "Traceback" not in markdown.err + data.err
    return markdown.out, json.loads(data.out)


def _paths(data: dict) -> set[str]:
    """Every record path the JSON review names: the links the comment may hold."""
    found = set()

    def walk(value):
        if isinstance(value, dict):
            found.update(v for k, v in value.items() if k in ("path", "record") and isinstance(v, str))
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(data)
    return found


def _branch(tmp_path) -> GitRepo:
    """main with 1. Use PostgreSQL (accepted, one assumption); `feature` checked out."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted", body="## Assumptions\n\n- A1: Traffic stays low.\n"))
    repo.commit("Start")
    repo.git("checkout", "-q", "-b", "feature")
    return repo


def test_added_records_stay_one_table_row_each_whatever_their_names_and_words(tmp_path, adr):
    repo = _branch(tmp_path)
    for name, title in zip((NEWLINE_NAME, PIPE_NAME, MARKUP_NAME), TITLES):
        repo.write(name, madr(title, deciders=DECIDERS))
    repo.commit("Hostile records", "Mallory")
    markdown, data = _review(adr, repo)
    assert [r["path"] for r in data["added"]] == [f"docs/decisions/{n}" for n in (NEWLINE_NAME, PIPE_NAME, MARKUP_NAME)]
    assert [r["title"] for r in data["added"]] == [  # JSON is data: exactly what the records say
        "Use <!-- adr-review --> | @octocat #12 www.evil.com https://evil.com/x",
        "Use [x](https://evil.com) ![i](https://evil.com/i.png) **b** _u_ & ~~s~~ <b>",
        TITLES[2],
    ]
    assert data["added"][0]["decision_makers"] == ["@octocat", "a|b", "<!-- x", "[l](https://evil.example)", "x@evil.example", "#7"]
    assert_github_safe(markdown, _paths(data))
    rows = _table(markdown)
    assert len(rows) == 4 and all(len(row) == 3 for row in rows), rows
    assert [row[2] for row in rows[1:]] == ["@\u200boctocat, a|b, <!-- x, [l](https://evil.example), x@\u200bevil.example, #\u200b7"] * 3
    assert rows[1][0] == "2. Use <!-- adr-review --> | @\u200boctocat #\u200b12 www.evil.com https://evil.com/x"
    assert rows[3][0] == "4. Use `a|b` <img src=x onerror=alert(1)> x@\u200bevil.com\\u202egnp.exe"  # the override shows, it reorders nothing


def _collision(tmp_path, adr) -> tuple[GitRepo, list[str]]:
    """main took number 2 meanwhile; the branch added two records numbered 2 under odd names."""
    repo = _branch(tmp_path)
    names = ["0002-it's $(touch pwned) `x` \"q\".md", "0002-b\n::error file=forged.md,line=1::x.md"]
    for name in names:
        repo.write(name, madr("Use Redis"))
    repo.commit("Redis", "Mallory")
    repo.git("checkout", "-q", "main")
    repo.write("0002-use-kafka.md", madr("Use Kafka"))
    repo.commit("Kafka")
    repo.git("checkout", "-q", "feature")
    return repo, names


def test_a_suggested_command_is_shell_quoted_and_runs_as_shown(tmp_path, adr):
    repo, names = _collision(tmp_path, adr)
    markdown, data = _review(adr, repo)
    assert data["failed"] is True
    assert [(c["path"], c["suggested_number"]) for c in data["collisions"]] == [
        ("docs/decisions/" + names[1], 3), ("docs/decisions/" + names[0], 4),
    ]
    assert_github_safe(markdown, _paths(data))
    duplicate = next(f["message"] for f in data["findings"] if f["rule"] == "duplicate-number" and f["path"].endswith("q\".md"))
    assert duplicate.startswith('number 2 is also used by "0002-b\\n::error file=forged.md,line=1::x.md";')  # not `0002-b ::error`
    items = _section_items(markdown)["❌ Number collisions"]
    assert len(items) == 2
    commands = []
    for item in items:
        shown = [t.content for t in item if t.type == "fence"] or [
            c.content for t in item if t.type == "inline" for c in t.children if c.type == "code_inline" and c.content.startswith("adr ")
        ]
        assert len(shown) == 1, item
        commands.append(shown[0].rstrip("\n"))
    assert [shlex.split(c) for c in commands] == [["adr", "renumber", c["path"], str(c["suggested_number"])] for c in data["collisions"]]
    adr_command = f"{shlex.quote(sys.executable)} -m adr"
    for command in commands:  # pasted into a shell, each renumbers its record and runs nothing else
        done = subprocess.run(["bash", "-c", adr_command + command.removeprefix("adr")], cwd=repo.path, capture_output=True, text=True,
                              env={**os.environ, "ADR_DATE": "2024-05-06"})
        assert done.returncode == 0, done.stderr
    assert not (repo.path / "pwned").exists()
    assert sorted(p.name for p in repo.log.iterdir()) == [
        "0001-use-postgresql.md", "0003-b\n::error file=forged.md,line=1::x.md", "0004-it's $(touch pwned) `x` \"q\".md",
    ]


def _everything(tmp_path, adr) -> GitRepo:
    """A branch that deletes, renumbers, re-statuses, relinks and invalidates records with hostile
    names and words; one record without a number sits in the chain put at risk."""
    repo = GitRepo(tmp_path / "repo")
    repo.write("0001-use-postgresql.md", madr("Use PostgreSQL", "accepted", body="## Assumptions\n\n- A1: Traffic stays low.\n"))
    shared = "shared-@octocat-*b*-<!--.md"
    repo.write(shared, madr("Shared <!-- @octocat", "accepted", body="## Links\n\n- Amends [1. Use PostgreSQL](0001-use-postgresql.md)\n"))
    repo.write("0003-cache.md", madr("Cache", "accepted", body="## Links\n\n- Depends on [Shared](shared-%40octocat-%2Ab%2A-%3C%21--.md)\n"))
    repo.write("0004-del `x` <!--.md", madr("Delete me", "accepted"))
    repo.write("0005-ren|x @octocat.md", madr("Renumber me | <!--", "proposed"))
    repo.write("0006-status.md", madr("Re-status me", "proposed"))
    repo.commit("Main's records")
    repo.git("checkout", "-q", "-b", "feature")
    (repo.log / "0004-del `x` <!--.md").unlink()
    repo.git("mv", "docs/decisions/0005-ren|x @octocat.md", "docs/decisions/0007-ren|x @octocat.md")
    repo.write("0006-status.md", madr("Re-status me", '"rejected | <!-- @octocat #3 www.evil.com"'))
    label = 'links: [{relation: "Blessed by @octocat #3 <b>x</b> www.evil.com |", target: "../notes|<!--.md"}]\n'
    repo.write("0003-cache.md", (repo.log / "0003-cache.md").read_text().replace("---\n#", label + "---\n#"))
    repo.write("0008-go-big.md", madr("Go big", body="## Assumptions\n\n- [A1 of 1](0001-use-postgresql.md#a1): traffic grew @octocat <!-- #4\n"))
    repo.commit("Everything", "Mallory")
    return repo


def test_every_section_keeps_its_items_whatever_the_names_and_words(tmp_path, adr):
    repo = _everything(tmp_path, adr)
    markdown, data = _review(adr, repo)
    assert [d["path"] for d in data["deleted"]] == ["docs/decisions/0004-del `x` <!--.md"]
    assert [(r["number"], r["old_path"]) for r in data["renumbered"]] == [(7, "docs/decisions/0005-ren|x @octocat.md")]
    assert [(r["number"], r["after"]) for r in data["status_changes"]] == [(6, "rejected -- octocat 3 www")]  # a status is words
    assert_github_safe(markdown, _paths(data))
    items = _section_items(markdown)
    assert {title: len(found) for title, found in items.items() if not title.startswith("`adr check`")} == {
        "Decisions added": 0, "Status changes": 1, "⚠️ Assumptions that no longer hold": 1, "Renumbered": 1,
        "⚠️ Decisions deleted": 1, "Other records edited": 1,
    }
    said = {title: [" ".join(t.content for t in item if t.type == "inline") for item in found] for title, found in items.items()}
    assert said["⚠️ Decisions deleted"] == [
        "``docs/decisions/0004-del `x` <!--.md`` (accepted) was deleted: supersede or deprecate a decision instead, so its history stays readable.",
    ]
    assert said["Renumbered"] == ["[7. Renumber me \\| &lt;!--](docs/decisions/0007-ren%7Cx%20%40octocat.md) was number 5 (`docs/decisions/0005-ren|x @octocat.md`)"]
    risk = next(line for line in markdown.splitlines() if line.startswith("Decisions now at risk: "))
    assert "rests on shared-@\u200boctocat-\\*b\\*-&lt;!--, which rests on ADR 1" in risk
    relinked = next(line for line in said["Other records edited"] if line.startswith("[3. Cache]"))
    assert "now **Blessed by @\u200boctocat \\#\u200b3 &lt;b>x&lt;/b> www\\.evil.com \\|** `../notes|<!--.md`" in relinked


def test_check_findings_stay_one_line_each_in_text_and_annotations(tmp_path, adr):
    repo = GitRepo(tmp_path / "repo")
    names = ["0001-a\n::error file=forged.md,line=1::x.md", "0002-b%0A::warning::y.md", "0003-c\r##[error]z.md", "::error::d.md"]
    for name in names:
        repo.write(name, madr("Dated badly", date='"##[error]e %0A ::warning::f"'))
    repo.commit("Dates")
    findings = json.loads(adr("check", "--format", "json", cwd=repo.log).out)["findings"]
    assert [(f["path"], f["line"], f["rule"]) for f in findings] == [(n, 3, "invalid-date") for n in sorted(names)]
    assert findings[0]["message"] == "date '##[error]e %0A ::warning::f' is not a date (write YYYY-MM-DD)"

    github = adr("check", "--format", "github", cwd=repo.log).out
    lines = re.split(r"\r\n|\r|\n", github.rstrip("\n"))  # the runner splits on CR too
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings):
        found = re.fullmatch(r"::warning file=([^,:]*),line=(\d+),title=invalid-date::(.*)", line)
        assert found, line
        file = found[1].replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
        assert (file, int(found[2])) == ("docs/decisions/" + finding["path"], 3)
        assert found[3] == "date '##[error]e %250A ::warning::f' is not a date (write YYYY-MM-DD)"

    text = adr("check", cwd=repo.log).out  # in the log's folder: a name is the whole path shown
    lines = re.split(r"\r\n|\r|\n", text.rstrip("\n"))
    assert lines == [
        '"0001-a\\n::error file=forged.md,line=1::x.md":3: invalid-date date \'#\\x23[error]e %0A ::warning::f\' is not a date (write YYYY-MM-DD) (warning)',
        "0002-b%0A::warning::y.md:3: invalid-date date '#\\x23[error]e %0A ::warning::f' is not a date (write YYYY-MM-DD) (warning)",
        '"0003-c\\r#\\x23[error]z.md":3: invalid-date date \'#\\x23[error]e %0A ::warning::f\' is not a date (write YYYY-MM-DD) (warning)',
        '"::error::d.md":3: invalid-date date \'#\\x23[error]e %0A ::warning::f\' is not a date (write YYYY-MM-DD) (warning)',
    ]
    assert not [line for line in lines if line.lstrip().startswith("::") or "##[" in line]


REST = madr("Use REST", "accepted", deciders="Ana", body=(
    "## Decision Outcome\n\nWe serve JSON over HTTP: every service exposes resources, each with its own URL,"
    " and clients use the verbs HTTP gives them. Errors are problem+json documents.\n"
))


def _git_says(repo: GitRepo) -> list[str]:
    """What git's rename detection makes of the branch (the premise of each pairing test)."""
    return sorted(line.split("\t")[0][0] for line in repo.git("diff", "-M", "--name-status", "main", "feature").splitlines())


def test_a_deleted_accepted_record_and_a_new_one_written_from_it_are_not_a_rewrite(tmp_path, adr):
    repo = _branch(tmp_path)
    repo.git("checkout", "-q", "main")
    repo.write("0002-use-rest.md", REST)
    repo.commit("REST")
    repo.git("checkout", "-q", "feature")
    repo.git("merge", "-q", "main")
    (repo.log / "0002-use-rest.md").unlink()
    repo.write("0003-use-grpc.md", REST.replace("Use REST", "Use gRPC").replace("accepted", "proposed"))
    repo.commit("Replace REST", "Mallory")
    assert _git_says(repo) == ["R"]  # git calls it a rename of 2 ...
    markdown, data = _review(adr, repo)
    assert [(r["number"], r["title"], r["status"]) for r in data["added"]] == [(3, "Use gRPC", "proposed")]  # ... it is not
    assert data["deleted"] == [{"path": "docs/decisions/0002-use-rest.md", "number": 2, "title": "Use REST", "status": "accepted"}]
    assert data["renumbered"] == data["status_changes"] == data["edited_accepted"] == []
    sections = _section_items(markdown)
    assert "Renumbered" not in sections and "⚠️ Accepted decisions rewritten" not in sections and "Status changes" not in sections
    assert len(sections["⚠️ Decisions deleted"]) == 1 and len(_table(markdown)) == 2


def test_a_record_renamed_while_its_status_and_text_changed_is_still_itself(tmp_path, adr):
    repo = _branch(tmp_path)
    repo.git("checkout", "-q", "main")
    repo.write("0002-use-a-queue.md", madr("Use a queue", body="## Decision Outcome\n\nA queue.\n"))
    repo.commit("Queue")
    repo.git("checkout", "-q", "feature")
    repo.git("merge", "-q", "main")
    (repo.log / "0002-use-a-queue.md").unlink()
    repo.write("0002-queue-the-jobs.md", (
        "---\nstatus: accepted\ndate: 2024-04-02\ndecision-makers: [Mallory, Ana]\nconsulted: [Ops]\n---\n# Use a queue\n\n"
        "## Context and Problem Statement\n\nJobs pile up behind slow requests; we measured waits of minutes at peak.\n\n"
        "## Decision Outcome\n\nEvery job goes through RabbitMQ, with one queue per kind of job and a dead-letter queue.\n"
    ))
    repo.commit("Accept the queue, renamed", "Mallory")
    assert _git_says(repo) == ["A", "D"]  # git sees a deletion and an addition ...
    markdown, data = _review(adr, repo)
    assert [(r["number"], r["title"], r["before"], r["after"]) for r in data["status_changes"]] == [(2, "Use a queue", "proposed", "accepted")]
    assert data["added"] == data["deleted"] == data["collisions"] == []  # ... not one colliding with its own old number
    assert data["failed"] is False
    assert list(_section_items(markdown)) == ["Status changes"]


def test_the_action_prints_the_comment_without_giving_the_runner_commands(tmp_path):
    """`github-review.sh` shows the comment in the job's log: what a record's name or words
    say there must not be read as `::error ...::` or `##[error]`."""
    from tests.test_review_integrations import script, setup

    repo, env = setup(tmp_path)
    repo.write("0003-x ##[error]forged.md", madr("Undated", date="").replace("date: \n", ""))
    repo.write("0002-b\n::error file=forged.md,line=1::x.md", madr("Use Redis too"))
    repo.commit("Hostile names")
    repo.git("checkout", "-q", "main")
    repo.write("0002-use-kafka.md", madr("Use Kafka"))
    repo.commit("Kafka")
    repo.git("checkout", "-q", "feature")
    result = script("github-review.sh", repo, env)
    assert result.returncode == 1 and "Number collisions" in (tmp_path / "body.md").read_text()
    commands, stopped = [], None
    for line in re.split(r"\r\n|\r|\n", result.stdout):  # as the runner reads a step's output
        if stopped:
            stopped = None if line == f"::{stopped}::" else stopped
        elif line.lstrip().startswith("::stop-commands::"):
            stopped = line.lstrip().removeprefix("::stop-commands::")
            assert len(stopped) >= 32, stopped  # not a token the comment could have guessed
        elif line.lstrip().startswith("::") or "##[" in line:
            commands.append(line)
    assert commands == [] and stopped is None
    assert "##[error]forged.md" in result.stdout and "\n  ::error file=forged.md" in result.stdout  # shown as it is
