"""The Edit Comment dialog: a comment's text as Markdown, beside what it will look like.

The same box as a reply (Markdown in, its rendering beside it, Ctrl+Enter to finish), prefilled with the
comment's HTML turned into Markdown. The dialog only asks; `comment_actions` queues the edit.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout, QWidget

from ..core.model import Comment
from .conversation import ReplyBox


class CommentEditDialog(QDialog):
    """Edit `comment`'s text; once accepted, `markdown()` is the new text."""

    def __init__(self, comment: Comment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("commentEdit")
        self.setWindowTitle(self.tr("Edit Comment"))
        self.setAccessibleName(self.tr("Edit comment"))
        self.comment = comment
        self.box = ReplyBox()
        self.box.label.setText(
            self.tr("Comment by {author}").format(author=comment.author_name or self.tr("Anonymous"))
        )
        self.box.text.setPlaceholderText(self.tr("The comment in Markdown — Ctrl+Enter saves"))
        self.box.text.setAccessibleName(self.tr("Comment text (Markdown)"))
        self.box.rendered.setAccessibleName(self.tr("How the comment will look"))
        # The raw HTML the blog sent, not the sanitised copy: that one has its images blocked.
        # Imported here: markdownify and BeautifulSoup cost ~80 ms that the window's start need not pay.
        from ..core.html_markdown import to_markdown

        self.box.text.setPlainText(to_markdown(comment.content or comment.html).strip())
        self.save_button = self.box.send_button
        self.save_button.setText(self.tr("&Save"))
        self.save_button.setAccessibleName(self.tr("Save the edited comment"))
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel editing"))
        self.cancel_button.clicked.connect(self.reject)
        self.box.buttons.addWidget(self.cancel_button)
        self.box.send_requested.connect(lambda _markdown: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        self.resize(720, 360)
        self.box.text.setFocus()

    def markdown(self) -> str:
        """The text as the author left it."""
        return self.box.text.toPlainText()
