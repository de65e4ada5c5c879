"""`longhand drafts …`: list, search, create, show, import, export, delete and revisions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..core import frontmatter, wxr, wxr_import
from ..core.export import ExportError, export_all, export_html
from ..core.importing import import_draft
from ..core.model import Draft, DraftKind, DraftSummary, Revision
from ..core.store import Store
from . import CommandError, command_group, draft_json, show


def _summary_line(s: DraftSummary) -> str:
    return f"{s.id:>5}  {s.updated_at.astimezone():%Y-%m-%d %H:%M}  {s.kind.value:<4}  {s.status.value:<9}  {s.title}"


def _list(store: Store, args: argparse.Namespace) -> None:
    summaries = store.search(args.query) if getattr(args, "query", None) else store.list_drafts()
    if args.json:
        rows = []
        for s in summaries:
            row = draft_json(store.get_draft(s.id), body=False)
            if s.snippet:
                row["snippet"] = s.snippet
            rows.append(row)
        show(args, rows, str)
    else:
        print("\n".join(_summary_line(s) for s in summaries) or "No drafts.")


def read_source(name: str) -> tuple[Draft, Path | None]:
    """A draft from a Markdown file, or from standard input for "-"; with the file it came from."""
    if name == "-":
        try:
            return frontmatter.parse(sys.stdin.read(), source="standard input"), None
        except UnicodeDecodeError:
            raise CommandError("Standard input is not UTF-8 text.") from None
    return frontmatter.read_file(Path(name)), Path(name)


def _new(store: Store, args: argparse.Namespace) -> None:
    draft, source = read_source(args.file) if args.file else (Draft(), None)
    if args.title:
        draft.title = args.title
    if args.kind:
        draft.kind = DraftKind.parse(args.kind)
    created = import_draft(store, draft, source) if args.file else store.create_draft(draft, revision=None)
    show(args, draft_json(created, body=False), lambda: str(created.id))


def _is_export(name: str) -> bool:
    """Whether a file to import is a WordPress export (WXR) rather than Markdown."""
    return name.lower().endswith(".xml")


def _import(store: Store, args: argparse.Namespace) -> None:
    # Read every file first, so one bad file imports nothing rather than half the list.
    try:
        exports = [wxr.read(Path(name)) for name in args.files if _is_export(name)]
    except wxr.WxrError as exc:
        raise CommandError(f"{exc} Nothing was imported.") from None
    drafts = [read_source(name) for name in args.files if not _is_export(name)]
    created = [import_draft(store, draft, source) for draft, source in drafts]
    # WordPress exports: their sentences say what was linked, skipped and left out, and why.
    results = [wxr_import.import_export(store, each) for each in exports]
    created += [store.get_draft(i) for r in results for i in r.created]
    said = [str(d.id) for d in created[: len(drafts)]] + [line for r in results for line in r.lines()]
    show(args, [draft_json(d, body=False) for d in created], lambda: "\n".join(said))


def _export_all(store: Store, args: argparse.Namespace) -> None:
    try:
        written = export_all(store, Path(args.folder))
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    rows = [{"id": w.draft_id, "path": str(w.path)} for w in written]
    show(args, rows, lambda: "\n".join(f"{w.draft_id:>5}  {w.path}" for w in written) or "No drafts.")


def _export_html(store: Store, args: argparse.Namespace) -> None:
    try:
        target = export_html(store, store.get_draft(args.id), Path(args.file))
    except ExportError as exc:
        raise CommandError(str(exc)) from None
    show(args, {"id": args.id, "path": str(target)}, lambda: str(target))


def _show(store: Store, args: argparse.Namespace) -> None:
    draft = store.get_draft(args.id)
    show(args, draft_json(draft), lambda: frontmatter.dump(draft))


def _export(store: Store, args: argparse.Namespace) -> None:
    text = frontmatter.dump(store.get_draft(args.id))
    if args.output in (None, "-"):
        sys.stdout.write(text)
        return
    target = Path(args.output)
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"Could not write {target}: {exc.strerror or exc}.") from None


def _delete(store: Store, args: argparse.Namespace) -> None:
    store.delete_draft(args.id)
    show(args, {"id": args.id, "deleted": True}, lambda: f"Deleted draft {args.id}.")


def _revision_json(r: Revision) -> dict[str, Any]:
    return {"id": r.id, "draft_id": r.draft_id, "reason": r.reason, "created_at": r.created_at, "title": r.title}


def _revisions(store: Store, args: argparse.Namespace) -> None:
    revisions = store.list_revisions(store.get_draft(args.id).stored_id)
    show(
        args,
        [_revision_json(r) for r in revisions],
        lambda: (
            "\n".join(
                f"{r.id:>5}  {r.created_at.astimezone():%Y-%m-%d %H:%M}  {r.reason.value:<8}  {r.title}"
                for r in revisions
            )
            or "No revisions."
        ),
    )


def _diff(store: Store, args: argparse.Namespace) -> None:
    diff = store.diff_revision(args.revision, against=args.against)
    show(args, {"revision": args.revision, "against": args.against, "diff": diff}, lambda: diff.rstrip("\n"))


def _restore(store: Store, args: argparse.Namespace) -> None:
    draft = store.restore_revision(args.revision)
    show(args, draft_json(draft, body=False), lambda: f"Draft {draft.id} restored from revision {args.revision}.")


def add_commands(commands) -> None:
    """`longhand drafts …`."""
    action = command_group(commands, "drafts", "list, create, show, import and export drafts")
    action("list", _list, "list drafts, newest first")
    action("search", _list, "full-text search over titles and bodies").add_argument("query")
    new = action("new", _new, "create a draft, from a Markdown file with front matter if given; prints its id")
    new.add_argument("file", nargs="?", help="Markdown file ('-' reads standard input)")
    new.add_argument("--title", help="the title (overrides the file's)")
    new.add_argument("--kind", choices=[k.value for k in DraftKind], help="post or page (overrides the file's)")
    action(
        "import",
        _import,
        "import Markdown files as drafts (prints their ids), or WordPress exports (FILE.xml, from Tools ▸ Export: "
        "posts and pages become drafts; comments go to the inbox when the blog is one of yours)",
    ).add_argument("files", nargs="+")
    to_folder = action(
        "export-all", _export_all, "write every draft to FOLDER as SLUG.md; a name already taken gets -2, -3, …"
    )
    to_folder.add_argument("folder")
    to_html = action("export-html", _export_html, "write a draft as one standalone HTML page, images inside")
    to_html.add_argument("id", type=int)
    to_html.add_argument("file")
    action("show", _show, "print a draft with its front matter").add_argument("id", type=int)
    export = action("export", _export, "write a draft as Markdown with YAML front matter")
    export.add_argument("id", type=int)
    export.add_argument("-o", "--output", help="file to write (default: standard output)")
    action("delete", _delete, "delete a draft").add_argument("id", type=int)
    action("revisions", _revisions, "list a draft's revisions").add_argument("id", type=int)
    diff = action("diff", _diff, "show what changed since a revision")
    diff.add_argument("revision", type=int)
    diff.add_argument("--against", type=int, help="another revision (default: the draft as it is now)")
    action("restore", _restore, "put a revision back into its draft").add_argument("revision", type=int)
