"""MkDocs lifecycle adapter: load the log, hand `adr.site`'s pages to MkDocs, ship the assets.

Nothing here decides what a page says; that is `adr.site`. Nothing is written into docs_dir:
every page is a generated file.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from adr.errors import AdrError, where
from adr.store.log import DecisionLog
from adr.site import SiteOptions, build_site
from adr.site.escape import html_text
from adr.site.pages import Site
from adr.site.sanitize import DEFAULT, AllowList, allow_list, clean_html
from adr.words import counted
from site_plugins.checks import check_errors
from site_plugins.config import AdrPluginConfig
from site_plugins.folders import decision_folders, within_folders
from site_plugins.git import history_lookup
from site_plugins.nav import with_decisions
from site_plugins.styles import status_css

log = logging.getLogger("mkdocs.plugins.adr")
ASSETS = "assets/adr"
SHIPPED = ("adr-site.css", "adr-site.js", "mermaid.min.js")


class AdrPlugin(BasePlugin[AdrPluginConfig]):
    supports_multiple_instances = False

    def __init__(self):
        self.folders: list[Path] = []
        self.site: Site | None = None
        self.allow: AllowList = DEFAULT
        self.generated: set[str] = set()  # src_uri of every page the plugin made

    def on_config(self, config):
        config_dir = Path(config.config_file_path or ".").resolve().parent
        try:
            self.folders = decision_folders(self.config.decisions_dir, config_dir)
            self.allow = allow_list(self.config.allow_html)
        except AdrError as exc:
            raise PluginError(f"adr: {exc}") from None
        for name in ("adr-site.css", "status-colours.css"):
            if f"{ASSETS}/{name}" not in config.extra_css:
                config.extra_css.append(f"{ASSETS}/{name}")
        if f"{ASSETS}/adr-site.js" not in [str(s) for s in config.extra_javascript]:
            config.extra_javascript.append(f"{ASSETS}/adr-site.js")
        return config

    def _options(self, config, decisions: DecisionLog) -> SiteOptions:
        config_dir = Path(config.config_file_path or ".").resolve().parent
        docs_dir = Path(config.docs_dir).resolve()
        edit_base = None
        if config.repo_url and config.edit_uri:
            repo = config.repo_url if config.repo_url.endswith("/") else config.repo_url + "/"
            edit_base = urljoin(repo, config.edit_uri if config.edit_uri.endswith("/") else config.edit_uri + "/")

        def edit_url(record):
            if not edit_base:
                return None
            return urljoin(edit_base, Path(os.path.relpath(decisions.real(record.path), docs_dir)).as_posix())

        def source_label(record):
            return Path(os.path.relpath(decisions.real(record.path), config_dir)).as_posix()

        plugins = config.plugins
        return SiteOptions(
            title=self.config.title,
            prefix=self.config.prefix.strip("/"),
            graph=self.config.graph,
            use_directory_urls=config.use_directory_urls,
            material_tags="material/tags" in plugins or "tags" in plugins,
            status_colours=self.config.status_colours,
            site_url=config.site_url or "",
            edit_url=edit_url,
            source_label=source_label,
            history=history_lookup(self.folders, log, decisions.real) if self.config.git else None,
        )

    @event_priority(50)  # before search and tags see the files
    def on_files(self, files: Files, config) -> Files:
        try:
            return self._add_pages(files, config)
        except PluginError:
            raise
        except AdrError as exc:
            raise PluginError(f"adr: {exc}") from None
        except Exception as exc:  # a bug: one line for the user, the traceback with ADR_DEBUG=1
            if os.environ.get("ADR_DEBUG"):
                raise
            raise PluginError(f"adr: could not build the decision pages: {type(exc).__name__}: {exc} (ADR_DEBUG=1 shows details)") from None

    def _add_pages(self, files: Files, config) -> Files:
        started = time.perf_counter()
        decisions, left_out = within_folders(DecisionLog.load(self.folders))
        for path in left_out:
            log.warning(f"adr: {path}: not published: a symbolic link to a file outside {', '.join(map(str, self.folders))}")
        self._check(decisions, config)
        self.site = site = build_site(decisions, self._options(config, decisions))
        self.generated = {page.src_uri for page in site.pages}
        for path, why in (site.context.shown_as_text.items() if site.context else ()):
            log.warning(f"adr: {where(decisions.real(path))}shown as written, not rendered: {why}")
        docs_dir = Path(config.docs_dir).resolve()
        generated = []
        for page in site.pages:
            file = File.generated(
                config, page.src_uri, content=page.content,
                inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            if page.record is not None:  # Material's edit button opens the record's source
                file.edit_uri = Path(os.path.relpath(decisions.real(page.record.path), docs_dir)).as_posix() if config.edit_uri else None
            generated.append(file)
        generated += [File.generated(config, src_uri, abs_src_path=str(path)) for src_uri, path in site.files.items()]
        shipped = Path(__file__).resolve().parent / "assets"
        generated += [File.generated(config, f"{ASSETS}/{name}", content=(shipped / name).read_bytes()) for name in SHIPPED]
        colours = site.context.options.colours if site.context else {}
        generated.append(File.generated(config, f"{ASSETS}/status-colours.css", content=status_css(colours)))
        self._merge(files, generated, {decisions.real(r.path) for r in decisions.records})
        log.debug(f"adr: {counted(len(decisions.records), 'decision')}, {counted(len(site.pages), 'page')} in {time.perf_counter() - started:.2f} s")
        return files

    @staticmethod
    def _merge(files: Files, generated: list[File], sources: set[Path]) -> None:
        """Add our files; records inside docs_dir, and any file at the URI of a generated one, give way."""
        ours = {f.src_uri for f in generated}
        for file in list(files):
            replaced = file.src_uri in ours
            if replaced or (file.abs_src_path and Path(file.abs_src_path).resolve() in sources):
                if replaced:
                    log.info(f"adr: the generated {file.src_uri} replaces the file of the same name in docs_dir")
                files.remove(file)
        for file in generated:
            files.append(file)

    def _check(self, decisions: DecisionLog, config) -> None:
        """Unreadable records are warnings; with `strict`, any `adr check` error fails the build."""
        if not self.config.strict:
            for record in decisions.records:
                for diagnostic in record.diagnostics:
                    if diagnostic.severity == "error":
                        log.warning(f"adr: {diagnostic}")
            return
        errors = check_errors(decisions, Path(config.config_file_path or ".").resolve().parent)
        for diagnostic in errors:
            log.error(f"adr: {diagnostic}")
        if errors:
            raise PluginError(f"adr: {counted(len(errors), 'error')} in the decision records (strict is on)")

    @event_priority(100)  # Markdown's output, before other plugins add their own (trusted) markup
    def on_page_content(self, html: str, page, config, files) -> str:
        """The decision pages' HTML keeps only the allow-list (adr.site.sanitize): the records'
        authors control their text. The site owner's own pages are left alone."""
        if page.file.src_uri not in self.generated:
            return html
        return clean_html(html, self.allow)

    def on_nav(self, nav, config, files):
        if self.site is None:
            return nav
        entries = [(p.src_uri, p.title) for p in self.site.pages if p.in_nav]
        return with_decisions(nav, files, config, self.config.title, entries)

    def on_post_page(self, output: str, page, config) -> str:
        """Feed readers find the Atom feed from the log page (autodiscovery)."""
        if self.site is None or page.file.src_uri != self.site.context.layout.section("index"):
            return output
        layout = self.site.context.layout
        href = layout.url(layout.section("index"), layout.feed())
        link = f'<link rel="alternate" type="application/atom+xml" title="{html_text(self.config.title)}" href="{html_text(href)}">'
        return output.replace("</head>", link + "</head>", 1)

    def on_serve(self, server, config, builder):
        docs_dir = Path(config.docs_dir).resolve()
        for folder in self.folders:
            if docs_dir not in folder.resolve().parents and folder.resolve() != docs_dir:
                server.watch(str(folder))
        return server
