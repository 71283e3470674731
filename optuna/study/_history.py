"""Append-only numeric view of a study's finished trials, for samplers and pruners.

A :class:`TrialHistory` pulls only the trials that finished since its previous refresh
(``BaseStorage._read_finished_trials``) and appends them to growing numpy arrays. Finished
trials never change, so rows are never rewritten: a consumer can keep its own row cursor and
update derived structures incrementally instead of re-reading ``FrozenTrial`` lists.
"""

import math
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Tuple

import numpy as np

from optuna.trial import FrozenTrial

if TYPE_CHECKING:
    from optuna.storages import BaseStorage


class _Growable:
    """A 1-d or 2-d numpy array that grows along axis 0 with amortized doubling."""

    __slots__ = ("_data", "n")

    def __init__(self, dtype: Any, width: int = 0, capacity: int = 64) -> None:
        shape = (capacity, width) if width else (capacity,)
        self._data = np.empty(shape, dtype=dtype)
        self.n = 0

    def append(self, row: Any) -> None:
        n = self.n
        data = self._data
        if n == len(data):
            data = np.empty((2 * n,) + data.shape[1:], dtype=data.dtype)
            data[:n] = self._data
            self._data = data
        data[n] = row
        self.n = n + 1

    def view(self) -> np.ndarray:
        return self._data[: self.n]


class ParamColumn:
    """Observations of one parameter: ``rows`` index into the history's trial arrays and
    ``values`` hold the parameter's internal (float) representation in the same order."""

    __slots__ = ("rows", "values")

    def __init__(self, rows: np.ndarray, values: np.ndarray) -> None:
        self.rows = rows
        self.values = values

    def __len__(self) -> int:
        return len(self.rows)


class _ParamColumns(Mapping):
    """The :class:`ParamColumn` of each parameter, as of one snapshot (views made lazily)."""

    __slots__ = ("_frozen", "_made")

    def __init__(self, frozen: Dict[str, Tuple[np.ndarray, np.ndarray, int]]) -> None:
        self._frozen = frozen  # name -> (rows buffer, values buffer, length)
        self._made: Dict[str, ParamColumn] = {}

    def __getitem__(self, name: str) -> ParamColumn:
        column = self._made.get(name)
        if column is None:
            rows, values, n = self._frozen[name]
            column = self._made[name] = ParamColumn(rows[:n], values[:n])
        return column

    def get(self, name: str, default: Any = None) -> Any:
        # Mapping.get goes through __getitem__ and a KeyError; samplers call this per trial.
        if name in self._frozen:
            return self[name]
        return default

    def __contains__(self, name: object) -> bool:
        return name in self._frozen

    def __iter__(self) -> Iterator[str]:
        return iter(self._frozen)

    def __len__(self) -> int:
        return len(self._frozen)


class HistorySnapshot:
    """A consistent, read-only view of a :class:`TrialHistory` at one moment.

    Attributes:
        n: Number of finished trials (rows).
        trials: The finished :class:`FrozenTrial` records; use only the first ``n``.
        numbers: Trial numbers, ``int64[n]``.
        states: ``TrialState.value`` of each row, ``int8[n]``.
        values: Objective values, ``float64[n, n_objectives]``; NaN where a trial has none.
        params: Per parameter name, a :class:`ParamColumn`.
        source: The :class:`TrialHistory` it came from. Incremental consumers compare it (by
            identity) to know whether their row cursor still applies.
    """

    __slots__ = ("n", "trials", "numbers", "states", "values", "params", "source")

    def __init__(
        self,
        n: int,
        trials: List[FrozenTrial],
        numbers: np.ndarray,
        states: np.ndarray,
        values: np.ndarray,
        params: Mapping[str, ParamColumn],
        source: object = None,
    ) -> None:
        self.source = source  # the TrialHistory that made it (identifies the study view)
        self.n = n
        self.trials = trials
        self.numbers = numbers
        self.states = states
        self.values = values
        self.params = params


class TrialHistory:
    """Finished trials of one study as arrays, one row per trial in finishing order.

    :meth:`refresh` reads what finished since the last call and returns a
    :class:`HistorySnapshot`; snapshots stay valid (and unchanged) after later refreshes.
    """

    def __init__(self, storage: "BaseStorage", study_id: int, n_objectives: int) -> None:
        self._storage = storage
        self._study_id = study_id
        self.n_objectives = n_objectives
        self._cursor: Any = None
        self._lock = threading.Lock()
        self.trials: List[FrozenTrial] = []
        self._numbers = _Growable(np.int64)
        self._states = _Growable(np.int8)
        self._values = _Growable(np.float64, width=n_objectives)
        self._params: Dict[str, Any] = {}  # name -> (_Growable rows, _Growable values)
        self._snapshot = self._make_snapshot()

    def refresh(self) -> HistorySnapshot:
        """Append trials that finished since the last refresh and return a snapshot."""
        with self._lock:
            new, self._cursor = self._storage._read_finished_trials(self._study_id, self._cursor)
            if new:
                self._append(new)
                self._snapshot = self._make_snapshot()
            return self._snapshot

    def _make_snapshot(self) -> HistorySnapshot:
        return HistorySnapshot(
            n=len(self.trials),
            trials=self.trials,
            numbers=self._numbers.view(),
            states=self._states.view(),
            values=self._values.view(),
            params=_ParamColumns(
                {
                    name: (rows._data, values._data, rows.n)
                    for name, (rows, values) in self._params.items()
                }
            ),
            source=self,
        )

    def _append(self, new: List[FrozenTrial]) -> None:
        # Usually one trial arrives per refresh, so rows are appended one by one.
        n_obj = self.n_objectives
        nan_row = [math.nan] * n_obj
        columns = self._params
        row = len(self.trials)
        for t in new:
            v = t._values
            self._numbers.append(t.number)
            self._states.append(t.state.value)
            self._values.append(v if v is not None and len(v) == n_obj else nan_row)
            distributions = t.distributions
            for name, value in t.params.items():
                column = columns.get(name)
                if column is None:
                    column = columns[name] = (_Growable(np.int64), _Growable(np.float64))
                column[0].append(row)
                column[1].append(distributions[name].to_internal_repr(value))
            row += 1
        self.trials.extend(new)
