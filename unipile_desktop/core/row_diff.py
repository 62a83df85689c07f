"""The keyed diff behind the conversation's list model: the smallest set of Qt row changes from one list to another.

Rows are anything with a ``key``; the model keeps the rows its view sees in ``_rows``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject


class KeyedListModel(QAbstractListModel):
    """A list model whose rows (``_rows``) change by ``_apply``: removes, batched inserts and dataChanged."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._lo = 0  # where ``_rows`` starts in the whole list (a window of it)

    def _apply(self, target: list[Any], first: int) -> None:
        """The window's rows become ``target`` (now starting at ``first`` in ``_all``): only the middle that differs
        (rows compared by identity from both ends) goes through the keyed diff."""
        old = self._rows
        bound = min(len(old), len(target))
        p = 0
        while p < bound and old[p] is target[p]:
            p += 1
        s = 0
        while s < bound - p and old[len(old) - 1 - s] is target[len(target) - 1 - s]:
            s += 1
        self._diff(p, len(old) - s, target[p : len(target) - s])
        self._lo = first

    def _diff(self, start: int, stop: int, new_rows: list[Any]) -> None:
        """Window rows [start, stop) become ``new_rows``: keyed removes, batched inserts, dataChanged for edits."""
        new_keys = [r.key for r in new_rows]
        new_pos = {k: i for i, k in enumerate(new_keys)}
        old_mid = self._rows[start:stop]
        old_in_new = [(old_i, new_pos[r.key]) for old_i, r in enumerate(old_mid) if r.key in new_pos]
        kept_old = {old_in_new[i][0] for i in _longest_increasing_run([p for _, p in old_in_new])}

        # Removes, from the bottom up, one call per contiguous range.
        doomed = [start + i for i in range(len(old_mid)) if i not in kept_old]
        for first, last in reversed(_ranges(doomed)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self._rows[first : last + 1]
            self.endRemoveRows()

        # Inserts: walk the new order; runs of rows not yet present go in with one call each.
        position = start
        end = start + len(kept_old)
        j = 0
        while j < len(new_rows):
            if position < end and self._rows[position].key == new_keys[j]:
                position += 1
                j += 1
                continue
            anchor_key = self._rows[position].key if position < end else None
            run_end = j
            while run_end < len(new_rows) and new_keys[run_end] != anchor_key:
                run_end += 1
            self.beginInsertRows(QModelIndex(), position, position + (run_end - j) - 1)
            self._rows[position:position] = new_rows[j:run_end]
            self.endInsertRows()
            position += run_end - j
            end += run_end - j
            j = run_end

        # Kept rows whose content changed. An equal row keeps its old object: the delegate caches each row's layout
        # by identity, so swapping in an equal copy would make the view lay out every row again.
        changed = [
            start + i
            for i, row in enumerate(new_rows)
            if self._rows[start + i] is not row and self._rows[start + i] != row
        ]
        for i in changed:
            self._rows[i] = new_rows[i - start]
        for first, last in _ranges(changed):
            self.dataChanged.emit(self.index(first), self.index(last))


def _ranges(sorted_indices: Sequence[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 7, 8] -> [(1, 3), (7, 8)]."""
    out: list[tuple[int, int]] = []
    for i in sorted_indices:
        if out and out[-1][1] == i - 1:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _longest_increasing_run(values: Sequence[int]) -> list[int]:
    """Positions in ``values`` of one longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []  # tails[k] = value ending the best subsequence of length k + 1
    tail_pos: list[int] = []
    previous: list[int] = [-1] * len(values)
    for i, value in enumerate(values):
        k = bisect.bisect_left(tails, value)
        if k == len(tails):
            tails.append(value)
            tail_pos.append(i)
        else:
            tails[k] = value
            tail_pos[k] = i
        previous[i] = tail_pos[k - 1] if k > 0 else -1
    out: list[int] = []
    i = tail_pos[-1] if tail_pos else -1
    while i != -1:
        out.append(i)
        i = previous[i]
    out.reverse()
    return out
