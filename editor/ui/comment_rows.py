"""Painting the inbox list's rows: one call a row, each cell's text laid out once (elided to its column's
width) and kept, where Qt's item delegate lays out every cell's text again at every paint. A screenful of
comments took ~5.6 ms to paint that way and takes ~1.6 ms from kept text (~4 ms when none is kept yet);
the list is repainted whole at each scroll, view switch and opening of the inbox."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QFontMetrics, QPainter, QPalette, QStaticText, QTextOption
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QStyleOptionViewItem, QTreeView

KEPT = 6_000  # laid-out cells kept (a screenful is ~250); past that the cache starts again
Cells = tuple[tuple[str, ...], bool]  # a row's text by column, and whether it is bold (unread)


class RowPainter:
    """Draws rows of one-line cells for `view` (a QTreeView whose paintEvent calls `begin` and whose drawRow
    hands rows to `paint`): the selection, the text in the palette's colours (bold where asked), the focus
    frame of the current row."""

    def __init__(self, view: QTreeView) -> None:
        self._view = view
        self._laid: dict[tuple[str, bool, int, bool], QStaticText] = {}
        self._fonts: tuple[QFont, QFont] | None = None  # normal, bold: see `begin`
        # What every row of one paint shares, taken by `begin`:
        self._columns: list[tuple[int, int, int]] = []  # (column, left, width) of each shown column, in order
        self._margin = 0
        self._pens: tuple[QColor, QColor] = (QColor(), QColor())  # text, selected text
        self._highlight = QColor()
        self._current = -1  # the row with the focus frame
        self._hovered = -1  # the row under the mouse (some styles mark it)
        self._right_to_left = False

    def forget(self) -> None:
        """Drop every laid-out cell (the font or the style changed, so their widths and glyphs did)."""
        self._laid.clear()

    def begin(self) -> None:
        """Take what the rows of the coming paint share: the columns, colours, fonts and focus."""
        view, header = self._view, self._view.header()
        # As Qt's item delegate places text: the focus frame's margin and one pixel inside the cell.
        self._margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        shown = (header.logicalIndex(visual) for visual in range(header.count()))
        self._columns = [
            (column, header.sectionViewportPosition(column), header.sectionSize(column))
            for column in shown
            if not header.isSectionHidden(column)
        ]
        group = (
            QPalette.ColorGroup.Disabled
            if not view.isEnabled()
            else QPalette.ColorGroup.Active
            if view.isActiveWindow()
            else QPalette.ColorGroup.Inactive
        )
        palette = view.palette()
        self._pens = (
            palette.color(group, QPalette.ColorRole.Text),
            palette.color(group, QPalette.ColorRole.HighlightedText),
        )
        self._highlight = palette.color(group, QPalette.ColorRole.Highlight)
        font = view.font()
        if self._fonts is None or self._fonts[0] != font:
            bold = QFont(font)
            bold.setBold(True)
            self._fonts = (font, bold)
        self._current = view.currentIndex().row() if view.hasFocus() else -1
        viewport = view.viewport()
        under = viewport.mapFromGlobal(QCursor.pos())
        self._hovered = view.indexAt(under).row() if viewport.rect().contains(under) and viewport.underMouse() else -1
        self._right_to_left = view.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def lay_out(self, cells: Cells) -> None:
        """Lay out one row's cells now (at idle, after `begin`), so that painting it later only draws."""
        texts, bold = cells
        header, font = self._view.header(), self._font(bold)
        for column, text in enumerate(texts):
            if text:
                self._cell(text, bold, font, header.sectionSize(column) - 2 * self._margin)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, row: int, cells: Cells) -> None:
        """Draw one row (option.rect, the whole width) as QTreeView.drawRow would with the stock delegate."""
        rect, (texts, bold) = option.rect, cells
        selected = self._view.selectionModel().isRowSelected(row)
        hovered = row == self._hovered
        if selected or hovered:
            self._background(painter, option, selected, hovered)
        painter.setPen(self._pens[selected])
        font = self._font(bold)
        painter.setFont(font)
        top = rect.top() + (rect.height() - QFontMetrics(font).height()) / 2
        for column, left, width in self._columns:
            text = texts[column]
            if text:
                laid = self._cell(text, bold, font, width - 2 * self._margin)
                if self._right_to_left:
                    x = left + width - self._margin - laid.size().width()
                else:
                    x = left + self._margin
                painter.drawStaticText(QPointF(x, top), laid)
        if row == self._current:
            self._focus_frame(painter, rect, selected)

    def _background(self, painter: QPainter, option: QStyleOptionViewItem, selected: bool, hovered: bool) -> None:
        """A selected or hovered row's background, drawn by the style cell by cell as Qt's delegate has it
        drawn (a style may round the row's ends, or mark the hovered row)."""
        view, cell = self._view, QStyleOptionViewItem(option)
        if selected:
            cell.state |= QStyle.StateFlag.State_Selected
        if hovered:
            cell.state |= QStyle.StateFlag.State_MouseOver
        last = len(self._columns) - 1
        for n, (_column, left, width) in enumerate(self._columns):
            cell.rect = QRect(left, option.rect.top(), width, option.rect.height())
            cell.viewItemPosition = (
                QStyleOptionViewItem.ViewItemPosition.OnlyOne
                if last == 0
                else QStyleOptionViewItem.ViewItemPosition.Beginning
                if n == 0
                else QStyleOptionViewItem.ViewItemPosition.End
                if n == last
                else QStyleOptionViewItem.ViewItemPosition.Middle
            )
            view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewRow, cell, painter, view)
            view.style().drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, cell, painter, view)

    def _focus_frame(self, painter: QPainter, rect: QRect, selected: bool) -> None:
        view, header = self._view, self._view.header()
        focus = QStyleOptionFocusRect()
        focus.initFrom(view)
        # Where QTreeView.drawRow puts it: the sections' whole length, scrolled, mirrored right to left.
        frame = QRect(-header.offset(), rect.top(), header.length(), rect.height())
        focus.rect = QStyle.visualRect(view.layoutDirection(), view.viewport().rect(), frame)
        focus.state |= QStyle.StateFlag.State_KeyboardFocusChange
        focus.backgroundColor = self._highlight if selected else view.palette().window().color()
        view.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, view)

    def _font(self, bold: bool) -> QFont:
        assert self._fonts is not None, "begin() first"
        return self._fonts[bold]

    def _cell(self, text: str, bold: bool, font: QFont, width: int) -> QStaticText:
        key = (text, bold, width, self._right_to_left)
        laid = self._laid.get(key)
        if laid is None:
            if len(self._laid) >= KEPT:
                self._laid.clear()
            laid = QStaticText(QFontMetrics(font).elidedText(text, self._view.textElideMode(), max(0, width)))
            laid.setTextFormat(Qt.TextFormat.PlainText)
            if self._right_to_left:  # as Qt's delegate: the paragraph runs right to left ("1 min" reads "min 1")
                option = QTextOption()
                option.setTextDirection(Qt.LayoutDirection.RightToLeft)
                laid.setTextOption(option)
            laid.prepare(font=font)
            self._laid[key] = laid
        return laid
