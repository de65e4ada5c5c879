"""The open draft: what the window edits, saved through the store. No widgets, no timers.

The window (or a test) tells the session what changed and when to save; the session decides what
to write and reports its save state through a plain callback. Like Mu's logic layer, it is driven
by a view it never imports.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from .model import Draft, RevisionReason
from .paths import read_resource
from .store import DraftNotFound, Store, StoreError

LAST_DRAFT_KEY = "session/last_draft"
WELCOMED_KEY = "session/welcomed"
EDITABLE_FIELDS = frozenset(
    {"title", "slug", "excerpt", "tags", "categories", "status", "scheduled_at", "kind", "language"}
)


@dataclass(frozen=True)
class PendingSave:
    """A save taken from the session, to be written (possibly on another thread)."""

    draft: Draft
    write_draft: bool
    revision: RevisionReason | None
    cursor: int | None


class SaveState(enum.Enum):
    """What the status bar says about the open draft."""

    SAVED = "Saved"
    PENDING = "Saving…"
    FAILED = "Not saved"


StateListener = Callable[[SaveState, str], None]


class DraftSession:
    """Holds the draft being edited and writes it to the store when asked."""

    def __init__(self, store: Store, on_state: StateListener | None = None) -> None:
        self.store = store
        self._on_state = on_state or (lambda state, message: None)
        # Called after each write of a draft's text, on the thread that wrote it (the saver's, for an
        # autosave), with the text it replaced: how the words written today are counted. Must not raise.
        self.on_written: Callable[[str, Draft], None] | None = None
        self.draft: Draft | None = None
        self._dirty = False
        self._cursor: int | None = None
        self.state = SaveState.SAVED

    # -- opening ----------------------------------------------------------------------------------
    def open_initial(self) -> Draft:
        """The draft the author had open last time; on first run, a welcome draft."""
        last = self.store.get_setting(LAST_DRAFT_KEY)
        if last and last.isdigit():
            try:
                return self.open(int(last))
            except DraftNotFound:
                pass
        drafts = self.store.list_drafts()
        if drafts:
            return self.open(drafts[0].id)
        if self.store.get_setting(WELCOMED_KEY) is None:
            self.store.set_setting(WELCOMED_KEY, "1")
            welcome = read_resource("welcome.md")
            return self.new(title="Welcome to Longhand", body=welcome)
        return self.new()

    def open(self, draft_id: int) -> Draft:
        """Save the current draft, then make `draft_id` the open one."""
        self.save()
        draft = self.store.get_draft(draft_id)
        self._switch_to(draft)
        return draft

    def reload(self) -> Draft:
        """Read the open draft again from the store, dropping what is in memory (something else —
        a publish, a conflict resolution — changed it, after this session saved)."""
        if self.draft is None:
            raise ValueError("No draft is open.")
        draft = self.store.get_draft(self.draft.stored_id)
        self._switch_to(draft)
        return draft

    def new(self, *, title: str = "", body: str = "") -> Draft:
        """Save the current draft, then create and open an empty one."""
        self.save()
        draft = self.store.create_draft(Draft(title=title, body=body))
        self._switch_to(draft)
        return draft

    def _switch_to(self, draft: Draft) -> None:
        self.draft = draft
        self._dirty = False
        self._cursor = None
        self.store.set_setting(LAST_DRAFT_KEY, str(draft.id))
        self._set_state(SaveState.SAVED)

    @property
    def cursor(self) -> int:
        """Where the cursor was left in the open draft."""
        return self.store.get_cursor(self.draft.stored_id) if self.draft else 0

    # -- editing ----------------------------------------------------------------------------------
    def set_body(self, text: str) -> None:
        """The editor's text changed."""
        if self.draft is not None and text != self.draft.body:
            self.draft = replace(self.draft, body=text)
            self._mark_dirty()

    def set_fields(self, **changes: Any) -> None:
        """Post fields changed in the fields panel (title, slug, tags, ...)."""
        unknown = set(changes) - EDITABLE_FIELDS
        if unknown:
            raise TypeError(f"not an editable field: {', '.join(sorted(unknown))}")
        if self.draft is None:
            return
        updated = replace(self.draft, **changes)
        if updated != self.draft:
            self.draft = updated
            self._mark_dirty()

    def set_cursor(self, position: int) -> None:
        """Remember the cursor; written with the next save, so moving it costs no write of its own."""
        self._cursor = position

    def _mark_dirty(self) -> None:
        self._dirty = True
        self._set_state(SaveState.PENDING)

    @property
    def dirty(self) -> bool:
        """True while the open draft has changes the store does not have yet."""
        return self._dirty

    # -- saving -----------------------------------------------------------------------------------
    def save(self, revision: RevisionReason | None = None) -> bool:
        """Write pending changes (and a revision when asked). False, with the state FAILED, on error.

        On failure the text stays in memory and the session stays dirty, so the next save retries
        and nothing typed is lost.
        """
        pending = self.begin_save(revision)
        return True if pending is None else self.end_save(pending, self.write(pending))

    # A save in three steps, so the writing can happen on another thread while the author types:
    # begin_save and end_save on the thread that edits, write anywhere (it touches only the store).
    def begin_save(self, revision: RevisionReason | None = None) -> PendingSave | None:
        """What a save must write now (None if nothing); the session counts as clean meanwhile."""
        if self.draft is None or not (self._dirty or revision is not None or self._cursor is not None):
            return None
        pending = PendingSave(self.draft, self._dirty or revision is not None, revision, self._cursor)
        self._dirty, self._cursor = False, None
        return pending

    def write(self, pending: PendingSave) -> Draft | StoreError:
        """Write a pending save to the store; returns the saved draft, or the error (never raises it)."""
        try:
            saved = pending.draft
            if pending.write_draft:
                # Read back, not remembered: a restored revision, a pull or another process may have changed
                # the stored text since this session saved it, and none of that was typed here.
                replaced = self._stored_body(pending.draft) if self.on_written is not None else None
                saved = self.store.save_draft(pending.draft, revision=pending.revision)
                if replaced is not None and self.on_written is not None:
                    self.on_written(replaced, saved)
            if pending.cursor is not None:
                self.store.set_cursor(pending.draft.stored_id, pending.cursor)
            return saved
        except StoreError as exc:
            return exc

    def _stored_body(self, draft: Draft) -> str | None:
        try:
            return self.store.get_draft(draft.stored_id).body
        except StoreError:  # not stored (any more): nothing it replaces
            return None

    def end_save(self, pending: PendingSave, result: Draft | StoreError) -> bool:
        """Take in how a save went: on failure the session is dirty again, so nothing is lost."""
        if isinstance(result, StoreError):
            if self.draft is not None and self.draft.id == pending.draft.id:
                self._dirty = self._dirty or pending.write_draft
                self._cursor = self._cursor if self._cursor is not None else pending.cursor
            self._set_state(SaveState.FAILED, str(result))
            return False
        if self.draft is not None and self.draft.id == result.id:
            if self.draft is pending.draft:
                self.draft = result  # unchanged meanwhile: take the stored times and blog link
            if not self._dirty:
                self._set_state(SaveState.SAVED)
        return True

    def delete(self) -> int | None:
        """Delete the open draft (it can be brought back with `undelete`); opens the next one."""
        if self.draft is None:
            return None
        gone = self.draft.stored_id
        self.save()
        self.store.delete_draft(gone)
        self.draft = None
        remaining = self.store.list_drafts()
        if remaining:
            self.open(remaining[0].id)
        else:
            self.new()
        return gone

    def undelete(self, draft_id: int) -> Draft:
        """Bring a deleted draft back and open it."""
        self.store.undelete_draft(draft_id)
        return self.open(draft_id)

    def _set_state(self, state: SaveState, message: str = "") -> None:
        self.state = state
        self._on_state(state, message)
