"""The inbox's fixed words and tables: its views, its keys, what each status change is called and needs.

The sentences are marked for the catalogue here (QT_TRANSLATE_NOOP, context "InboxList") and translated
where the inbox shows them."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from ..backends.base import Capability

VIEWS = ("all", "unread", "pending", "approved", "spam", "trash")
UNDO_SECONDS = 20
KEY_ACTIONS = {"a": "approved", "s": "spam", "#": "trash"}
# The hub's words for giving a comment a status.
ACTIONS = {"approved": "approve", "hold": "unapprove", "spam": "spam", "trash": "trash"}
# Said when a blog cannot have a comment given a status (translated where shown).
CANNOT = {
    "approved": QT_TRANSLATE_NOOP("InboxList", "Some of these comments are on a blog that cannot have them approved."),
    "hold": QT_TRANSLATE_NOOP("InboxList", "Some of these comments are on a blog that cannot have them held."),
    "spam": QT_TRANSLATE_NOOP(
        "InboxList", "Some of these comments are on a blog that cannot have them marked as spam."
    ),
    "trash": QT_TRANSLATE_NOOP(
        "InboxList", "Some of these comments are on a blog that cannot have them moved to the trash."
    ),
}
# Said with Undo once comments were given a status: {what} is "Comment" or "N comments".
DONE = {
    "approved": QT_TRANSLATE_NOOP("InboxList", "{what} approved."),
    "hold": QT_TRANSLATE_NOOP("InboxList", "{what} held."),
    "spam": QT_TRANSLATE_NOOP("InboxList", "{what} marked as spam."),
    "trash": QT_TRANSLATE_NOOP("InboxList", "{what} moved to the trash."),
}
# The filter buttons' labels.
VIEW_LABELS = (
    QT_TRANSLATE_NOOP("InboxList", "All"),
    QT_TRANSLATE_NOOP("InboxList", "Unread"),
    QT_TRANSLATE_NOOP("InboxList", "Pending"),
    QT_TRANSLATE_NOOP("InboxList", "Approved"),
    QT_TRANSLATE_NOOP("InboxList", "Spam"),
    QT_TRANSLATE_NOOP("InboxList", "Trash"),
)
# What a blog's backend must declare for each (Isso, say, approves and deletes, but has no spam or trash).
NEEDS = {
    "approved": Capability.MODERATION,
    "hold": Capability.UNAPPROVE,
    "spam": Capability.SPAM,
    "trash": Capability.TRASH,
}
