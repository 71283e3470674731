"""Per-parameter observation arrays derived incrementally from the study history."""

from typing import Callable, List, Optional, Sequence, Tuple, Union

import numpy as np

from optuna.samplers._tpe._space import NumericScale
from optuna.samplers._tpe._split import ABOVE, BELOW
from optuna.study._history import ParamColumn
from optuna.trial import TrialState

_COMPLETE = TrialState.COMPLETE.value
_PRUNED = TrialState.PRUNED.value


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
    if numbers_follow_rows and len(rows) == len(labels):
        # Every row, in order: a mask of the labels selects each group in row order.
        for label in (BELOW, ABOVE):
            group = labels == label
            size = int(np.count_nonzero(group))
            if size:
                out[group] = checked_weights(weights, size)
        return out
    row_labels = labels[rows]
    for label in (BELOW, ABOVE):
        group = rows[row_labels == label]
        if len(group) == 0:
            continue
        if not numbers_follow_rows:
            group = group[np.argsort(numbers[group], kind="stable")]
        out[group] = checked_weights(weights, len(group))
    return out


def checked_weights(weights: Callable[[int], np.ndarray], n: int) -> np.ndarray:
    """Return ``weights(n)`` as a float array, checking its shape."""
    if getattr(weights, "checked", False):  # the memoized default weights
        return weights(n)
    values = np.asarray(weights(n), dtype=float)
    if values.shape != (n,):
        raise ValueError(
            f"The weights function must return an array of shape ({n},), "
            f"got shape {values.shape}."
        )
    if n and not (np.isfinite(values).all() and values.min() >= 0.0):
        raise ValueError(
            f"The weights function must return finite non-negative weights, got {values!r} "
            f"for n={n}."
        )
    return values


class SortedMatrix:
    """:class:`SortedColumn` for several numeric parameters observed in exactly the same trials.

    Only observations (rows of COMPLETE or PRUNED trials) are merged: a failed trial that set
    only some of the parameters does not matter. Row ``p`` of :attr:`unit` holds parameter
    ``p``'s unit values in increasing order (ties by row) and :attr:`rows` their history
    rows, so that one vectorized insertion per trial keeps all of them sorted.

    Args:
        scales: The unit-interval view of each parameter.
    """

    def __init__(self, scales: List[NumericScale]) -> None:
        self.scales = scales
        self.cursors = [0] * len(scales)
        self.unit = np.empty((len(scales), 0))
        self.rows = np.empty((len(scales), 0), dtype=np.int64)
        # The rows merged, increasing: a view of a buffer that grows by doubling (a view
        # handed out stays valid, as later rows go past its end).
        self._observed = np.empty(64, dtype=np.int64)
        self._n_observed = 0
        self._in_range: Optional[bool] = None
        self._log = np.array([scale.log for scale in scales])
        self._any_log = bool(self._log.any())
        self._origin_flat = np.array([scale.origin for scale in scales])
        self._width_flat = np.array([scale.width for scale in scales])
        self._origin = self._origin_flat[:, None]
        self._width = self._width_flat[:, None]

    @property
    def observed_rows(self) -> np.ndarray:
        """The history rows merged (the same in every parameter), increasing."""
        return self._observed[: self._n_observed]

    def _append_observed(self, rows: Union[np.ndarray, Sequence[int]]) -> None:
        n = self._n_observed
        if n + len(rows) > len(self._observed):
            grown = np.empty(max(n + len(rows), 2 * len(self._observed)), dtype=np.int64)
            grown[:n] = self._observed[:n]
            self._observed = grown
        self._observed[n : n + len(rows)] = rows
        self._n_observed = n + len(rows)

    def update(self, columns: List[Optional[ParamColumn]], states: np.ndarray) -> str:
        """Merge the new entries of ``columns`` (one per parameter).

        Args:
            columns: The history column of each parameter.
            states: ``TrialState.value`` of every history row.

        Returns:
            ``"ok"``; ``"stale"`` when the columns are older than what was merged already;
            ``"diverged"`` when the parameters were not observed in the same trials (they
            never will be again: the history only grows).
        """
        if None in columns:
            return "diverged"
        sizes = [len(column.rows) for column in columns]  # type: ignore[union-attr]
        if sizes == self.cursors:
            return "ok"
        one_each = True  # exactly one new entry per column
        for size, cursor in zip(sizes, self.cursors):
            if size < cursor:
                return "stale"
            one_each = one_each and size == cursor + 1
        if one_each:
            status = self._append_one(columns, states)  # type: ignore[arg-type]
            if status is not None:
                return status
        new = [
            _observed_entries(column, cursor, size, states)  # type: ignore[arg-type]
            for column, cursor, size in zip(columns, self.cursors, sizes)
        ]
        new_rows = new[0][0]
        if any(len(rows) != len(new_rows) for rows, _ in new) or any(
            not np.array_equal(rows, new_rows) for rows, _ in new[1:]
        ):
            return "diverged"
        self.cursors = sizes
        if len(new_rows) == 0:
            return "ok"
        values = np.stack([values for _, values in new])
        if self._any_log:
            with np.errstate(divide="ignore", invalid="ignore"):
                values[self._log] = np.log(values[self._log])
        unit = (values - self._origin) / self._width
        if len(new_rows) == 1 and self.unit.shape[1] > 0:
            self._insert_one(unit[:, 0], int(new_rows[0]))
        else:
            self._rebuild(unit, new_rows)
        self._append_observed(new_rows)
        return "ok"

    def _append_one(self, columns: List[ParamColumn], states: np.ndarray) -> Optional[str]:
        """:meth:`update` for one new entry per column (the common case), with scalar checks.

        Returns None when the entries are not all of the same row (the general path decides).
        """
        cursor = self.cursors[0]
        if self.unit.shape[1] == 0 or self.cursors != [cursor] * len(columns):
            return None
        row = columns[0].rows.item(cursor)
        for column in columns:
            if column.rows.item(cursor) != row:
                return None
        self.cursors = [cursor + 1] * len(columns)
        if states.item(row) not in (_COMPLETE, _PRUNED):
            return "ok"
        values = np.array([column.values.item(cursor) for column in columns])
        if self._any_log:
            with np.errstate(divide="ignore", invalid="ignore"):
                values[self._log] = np.log(values[self._log])
        values -= self._origin_flat
        values /= self._width_flat
        self._insert_one(values, row)
        self._append_observed((row,))
        return "ok"

    def _insert_one(self, unit: np.ndarray, row: int) -> None:
        if self._in_range:
            # Python comparisons on a few scalars (NaN compares False, as in unit.min()).
            self._in_range = all(0.0 <= value <= 1.0 for value in unit.tolist())
        n_params, n = self.unit.shape
        positions = np.add.reduce(self.unit <= unit[:, None], axis=1)
        flat = positions + np.arange(0, n_params * (n + 1), n + 1)
        keep = np.ones(n_params * (n + 1), dtype=bool)
        keep[flat] = False
        new_unit = np.empty(n_params * (n + 1))
        new_unit[keep] = self.unit.ravel()
        new_unit[flat] = unit
        new_rows = np.empty(n_params * (n + 1), dtype=np.int64)
        new_rows[keep] = self.rows.ravel()
        new_rows[flat] = row
        self.unit = new_unit.reshape(n_params, n + 1)
        self.rows = new_rows.reshape(n_params, n + 1)

    def _rebuild(self, new_unit: np.ndarray, new_rows: np.ndarray) -> None:
        self._in_range = None
        unit = np.concatenate([self.unit, new_unit], axis=1)
        rows = np.concatenate(
            [self.rows, np.broadcast_to(new_rows, (len(new_unit), len(new_rows)))], axis=1
        )
        # Sort by value, ties by row (rows are already increasing within each block).
        order = _sort_order(unit, rows)
        self.unit = np.take_along_axis(unit, order, axis=1)
        self.rows = np.take_along_axis(rows, order, axis=1)

    def in_range(self) -> bool:
        """Whether every value lies inside its distribution's range (cached per insertion:
        :attr:`unit` only changes in :meth:`_insert_one` and :meth:`_rebuild`)."""
        if self._in_range is None:
            self._in_range = self.unit.shape[1] == 0 or bool(
                self.unit[:, 0].min() >= 0.0 and self.unit[:, -1].max() <= 1.0
            )
        return self._in_range


def _observed_entries(
    column: ParamColumn, start: int, stop: int, states: np.ndarray
) -> Tuple[np.ndarray, np.ndarray]:
    """Rows and values of ``column[start:stop]`` that belong to COMPLETE or PRUNED trials."""
    rows = column.rows[start:stop]
    values = column.values[start:stop]
    row_states = states[rows]
    observed = (row_states == _COMPLETE) | (row_states == _PRUNED)
    if observed.all():
        return rows, values
    return rows[observed], values[observed]


def _sort_order(unit: np.ndarray, rows: np.ndarray) -> np.ndarray:
    order = np.argsort(rows, axis=1, kind="stable")
    by_value = np.argsort(np.take_along_axis(unit, order, axis=1), axis=1, kind="stable")
    return np.take_along_axis(order, by_value, axis=1)


class ObservationTable:
    """Values of several parameters by history row (NaN where absent), grown incrementally.

    Numeric parameters are stored on the unit interval, categorical ones as choice indices. A
    row is valid when each of its values lies in its range (NaN does not).

    Args:
        scales: For each parameter, its unit-interval view, or None for a categorical one.
        highs: For each parameter, the largest valid stored value (1 for numeric parameters).
    """

    def __init__(self, scales: Sequence[Optional[NumericScale]], highs: Sequence[float]) -> None:
        self.scales = list(scales)
        self.cursors = [0] * len(scales)
        self.n_rows = 0
        self.n_invalid = 0
        self._log = np.array([scale is not None and scale.log for scale in scales], dtype=bool)
        self._any_log = bool(self._log.any())
        self._origin = np.array([0.0 if scale is None else scale.origin for scale in scales])
        self._width = np.array([1.0 if scale is None else scale.width for scale in scales])
        self.highs = list(highs)
        self._high = np.asarray(highs, dtype=float)
        self._data = np.full((64, len(scales)), np.nan)
        self._valid = np.zeros(64, dtype=bool)

    def transform(self, j: int, values: np.ndarray) -> np.ndarray:
        """Map internal values of parameter ``j`` to stored values."""
        scale = self.scales[j]
        return np.asarray(values, dtype=float) if scale is None else scale.to_unit(values)

    def valid_rows(self, values: np.ndarray) -> np.ndarray:
        """Whether each row of stored ``values`` (shape ``(r, d)``) is valid."""
        return np.logical_and.reduce((values >= 0.0) & (values <= self._high), axis=1)

    def update(
        self, columns: List[Optional[ParamColumn]], n_rows: int
    ) -> Optional[Tuple[np.ndarray, np.ndarray]]:
        """Merge new entries; return the ``(n_rows, d)`` table and the validity of its rows
        (None if ``columns`` are older than what was merged)."""
        old = self.n_rows
        if n_rows < old:
            return None
        if n_rows > old:
            self._reserve(n_rows)
            if n_rows != old + 1 or not self._append_row(columns, old):
                self._merge(columns)
            valid = self.valid_rows(self._data[old:n_rows])
            self._valid[old:n_rows] = valid
            self.n_invalid += len(valid) - int(np.count_nonzero(valid))
            self.n_rows = n_rows
        return self._data[:n_rows], self._valid[:n_rows]

    def _reserve(self, n_rows: int) -> None:
        if n_rows > len(self._data):
            capacity = max(n_rows, 2 * len(self._data))
            grown = np.full((capacity, len(self.scales)), np.nan)
            grown[: self.n_rows] = self._data[: self.n_rows]
            self._data = grown
            self._valid = np.resize(self._valid, capacity)

    def _append_row(self, columns: List[Optional[ParamColumn]], row: int) -> bool:
        """Store row ``row`` when every column's only new entry is for it (the common case)."""
        cursors = self.cursors
        row_values = []
        for column, cursor in zip(columns, cursors):
            if column is None or len(column) != cursor + 1 or column.rows.item(cursor) != row:
                return False
            row_values.append(column.values.item(cursor))
        values = np.array(row_values)
        if self._any_log:
            with np.errstate(divide="ignore", invalid="ignore"):
                values[self._log] = np.log(values[self._log])
        values -= self._origin
        np.divide(values, self._width, out=self._data[row])
        self.cursors = [cursor + 1 for cursor in cursors]
        return True

    def _merge(self, columns: List[Optional[ParamColumn]]) -> None:
        for j, column in enumerate(columns):
            if column is None or len(column) == self.cursors[j]:
                continue
            start = self.cursors[j]
            self._data[column.rows[start:], j] = self.transform(j, column.values[start:])
            self.cursors[j] = len(column)
