"""Per-parameter observation arrays derived incrementally from the study history."""

from typing import Callable, Optional

import numpy as np

from optuna.samplers._tpe._space import NumericScale
from optuna.samplers._tpe._split import ABOVE, BELOW
from optuna.study._history import ParamColumn


class SortedColumn:
    """The observations of one numeric parameter on the unit interval, kept sorted.

    New rows of the history are merged in at each :meth:`update`, so keeping the order costs
    O(n) per trial instead of a sort. Ties are ordered by row.

    Attributes:
        unit: Unit-interval values in increasing order.
        rows: The history row of each value.
    """

    def __init__(self, scale: NumericScale) -> None:
        self.scale = scale
        self.cursor = 0
        self.unit = np.empty(0)
        self.rows = np.empty(0, dtype=np.int64)

    def update(self, column: Optional[ParamColumn]) -> bool:
        """Merge the entries of ``column`` added since the last call.

        Returns:
            False when ``column`` is older than what was merged already (nothing is changed).
        """
        size = 0 if column is None else len(column)
        if size < self.cursor:
            return False
        if size == self.cursor:
            return True
        assert column is not None
        if size == self.cursor + 1:
            self._insert_one(float(column.values[self.cursor]), int(column.rows[self.cursor]))
            return True
        new_rows = column.rows[self.cursor : size]
        new_unit = self.scale.to_unit(column.values[self.cursor : size])
        order = np.argsort(new_unit, kind="stable")
        new_unit, new_rows = new_unit[order], new_rows[order]
        positions = np.searchsorted(self.unit, new_unit, side="right")
        self.unit = _merge(self.unit, positions, new_unit)
        self.rows = _merge(self.rows, positions, new_rows)
        self.cursor = size
        return True

    def _insert_one(self, value: float, row: int) -> None:
        unit = self.scale.scalar_to_unit(value)
        position = int(self.unit.searchsorted(unit, side="right"))
        self.unit = np.concatenate((self.unit[:position], (unit,), self.unit[position:]))
        self.rows = np.concatenate((self.rows[:position], (row,), self.rows[position:]))
        self.cursor += 1

    def in_range(self) -> bool:
        """Whether every value lies inside the distribution's range."""
        return len(self.unit) == 0 or (self.unit[0] >= 0.0 and self.unit[-1] <= 1.0)


def _merge(old: np.ndarray, positions: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Insert ``new[i]`` before ``old[positions[i]]`` (``positions`` non-decreasing)."""
    if len(new) == 1:
        p = int(positions[0])
        return np.concatenate((old[:p], new, old[p:]))
    merged = np.empty(len(old) + len(new), dtype=old.dtype)
    new_slots = positions + np.arange(len(new))
    is_old = np.ones(len(merged), dtype=bool)
    is_old[new_slots] = False
    merged[new_slots] = new
    merged[is_old] = old
    return merged


def observation_weights(
    rows: np.ndarray,
    labels: np.ndarray,
    numbers: np.ndarray,
    weights: Callable[[int], np.ndarray],
    numbers_follow_rows: bool = False,
) -> np.ndarray:
    """Weight each of ``rows`` with ``weights(n)`` of its group, oldest trial first.

    Args:
        rows: Rows to weigh.
        labels: Split label of every row.
        numbers: Trial number of every row.
        weights: The sampler's weights function.
        numbers_follow_rows: Promise that ``rows`` are increasing and trial numbers increase
            with the row, so that no sorting is needed.

    Returns:
        An array indexed by row (size ``len(labels)``); rows outside ``rows`` get 0.
    """
    out = np.zeros(len(labels))
    row_labels = labels[rows]
    for label in (BELOW, ABOVE):
        group = rows[row_labels == label]
        if len(group) == 0:
            continue
        if not numbers_follow_rows:
            group = group[np.argsort(numbers[group], kind="stable")]
        group_weights = np.asarray(weights(len(group)), dtype=float)
        if group_weights.shape != (len(group),):
            raise ValueError(
                f"The weights function must return an array of shape ({len(group)},), "
                f"got shape {group_weights.shape}."
            )
        out[group] = group_weights
    return out
