"""What TPE derives from a study's history: kept per study, and gathered per sampling call."""

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

import numpy as np

from optuna.distributions import BaseDistribution
from optuna.samplers._tpe._observations import SortedColumn
from optuna.samplers._tpe._split import RowFeatures, split_labels, split_labels_among
from optuna.study._history import HistorySnapshot
from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study

_COMPLETE = TrialState.COMPLETE.value
_PRUNED = TrialState.PRUNED.value


class StudyCache:
    """What the sampler derives from one study's history, kept between calls."""

    def __init__(self, key: Tuple[Any, int]) -> None:
        self.key = key
        self.features = RowFeatures()
        self.columns: Dict[str, Tuple[BaseDistribution, SortedColumn]] = {}
        self.matrices: Dict[Tuple[str, ...], Any] = {}
        self.tables: Dict[Tuple[str, ...], Any] = {}
        # (rows counted, COMPLETE or PRUNED among them, COMPLETE among them)
        self.observed_count: Tuple[int, int, int] = (0, 0, 0)
        self.numbers_checked: Tuple[int, bool] = (0, True)
        self.split_key: Optional[Tuple] = None
        self.labels = np.empty(0, dtype=np.int8)
        self.n_labelled = 0  # the number of nonzero labels

    def numbers_increase(self, snapshot: HistorySnapshot) -> bool:
        """Whether trial numbers increase with the row (trials finished in order)."""
        checked, increasing = self.numbers_checked
        if checked < snapshot.n:
            # Usually one new row: Python comparisons beat numpy calls.
            numbers = snapshot.numbers[max(checked - 1, 0) : snapshot.n].tolist()
            increasing = increasing and all(a < b for a, b in zip(numbers, numbers[1:]))
            self.numbers_checked = (snapshot.n, increasing)
        return increasing

    def n_observed(self, snapshot: HistorySnapshot) -> int:
        """Number of COMPLETE and PRUNED trials in ``snapshot``."""
        return self._count_states(snapshot)[1]

    def all_complete(self, snapshot: HistorySnapshot) -> bool:
        """Whether every row of ``snapshot`` is a COMPLETE trial."""
        return self._count_states(snapshot)[2] == snapshot.n

    def _count_states(self, snapshot: HistorySnapshot) -> Tuple[int, int, int]:
        n, observed, complete = self.observed_count
        if n != snapshot.n:
            if snapshot.n < n:  # an older snapshot: count afresh
                n, observed, complete = 0, 0, 0
            states = snapshot.states[n:].tolist()  # usually one new row
            new_complete = states.count(_COMPLETE)
            observed += new_complete + states.count(_PRUNED)
            complete += new_complete
            self.observed_count = (snapshot.n, observed, complete)
        return self.observed_count


class SamplingContext:
    """The observations available to one sampling call."""

    def __init__(
        self,
        study: "Study",
        cache: StudyCache,
        snapshot: HistorySnapshot,
        running: List[FrozenTrial],
        gamma: Callable[[int], int],
        use_constraints: bool,
    ) -> None:
        self.study = study
        self.cache = cache
        self.snapshot = snapshot
        self.running = running
        self.n_observed = cache.n_observed(snapshot)
        self._gamma = gamma
        self._use_constraints = use_constraints
        self._labels: Optional[np.ndarray] = None
        self._numbers: Optional[np.ndarray] = None
        self._n_labelled = -1
        self._labels_among: Dict[bytes, np.ndarray] = {}

    @property
    def labels(self) -> np.ndarray:
        """Split label of every row (history rows, then one per RUNNING trial)."""
        if self._labels is None:
            self._labels = self._split()
            self._n_labelled = self.cache.n_labelled
        return self._labels

    def labels_among(self, rows: np.ndarray) -> np.ndarray:
        """Split labels for a parameter observed (active) only in ``rows``.

        A conditional parameter is judged among the trials where it is active: under the
        global split its few active trials are often all "bad" (when its branch was tried
        with poor values), which leaves ``l`` with the prior alone and samples it at random
        however often the branch is chosen. Splitting its own observations by ``gamma``
        models which values are good given the branch, as the tree-structured model of TPE
        conditions each parameter on its parent.

        Args:
            rows: Increasing rows of observations (labelled rows).
        """
        labels = self.labels
        if len(rows) == self._n_labelled:
            return labels
        key = rows.tobytes()
        found = self._labels_among.get(key)
        if found is None:
            self.cache.features.update(self.snapshot)
            found = self._labels_among[key] = split_labels_among(
                self.snapshot,
                self.cache.features,
                self.study._directions,
                self._gamma,
                rows,
                len(labels),
                self._use_constraints,
            )
        return found

    @property
    def numbers(self) -> np.ndarray:
        """Trial number of every row."""
        if self._numbers is None:
            numbers = self.snapshot.numbers
            if self.running:
                extra = np.array([t.number for t in self.running], dtype=np.int64)
                numbers = np.concatenate([numbers, extra])
            self._numbers = numbers
        return self._numbers

    @property
    def every_row_observed(self) -> bool:
        """Whether every row is an observation (no FAIL trial in the history)."""
        return self.n_observed == self.snapshot.n and not self.running

    def _split(self) -> np.ndarray:
        cache, snapshot = self.cache, self.snapshot
        key = (snapshot.n, tuple(t.number for t in self.running))
        if cache.split_key != key:
            cache.features.update(snapshot)
            cache.labels = split_labels(
                snapshot,
                cache.features,
                self.study._directions,
                self._gamma,
                len(self.running),
                self._use_constraints,
                cache.all_complete(snapshot),
            )
            cache.n_labelled = int(np.count_nonzero(cache.labels))
            cache.split_key = key
        return cache.labels

    def running_values(
        self, name: str, transform: Callable[[np.ndarray], np.ndarray]
    ) -> Tuple[np.ndarray, np.ndarray]:
        """Values (transformed) and pseudo-rows of ``name`` in the RUNNING trials."""
        values, rows = [], []
        for offset, trial in enumerate(self.running):
            if name in trial.params:
                distribution = trial.distributions[name]
                values.append(distribution.to_internal_repr(trial.params[name]))
                rows.append(self.snapshot.n + offset)
        return (
            transform(np.asarray(values, dtype=float)),
            np.asarray(rows, dtype=np.int64),
        )
