"""Splitting TPE's observations into the "below" (good) and "above" (bad) groups.

Observations are the COMPLETE and PRUNED trials of the history (FAIL trials are ignored) plus,
with ``constant_liar``, the RUNNING trials, which always count as bad. They are ranked as
follows and the best ``gamma(n)`` form the below group:

1. with constraints, feasible trials (every constraint <= 0) first, then infeasible ones by
   increasing total violation (trials lacking constraint values last);
2. COMPLETE trials before PRUNED ones: by objective value in a single-objective study, by
   non-dominated sorting in a multi-objective one (:mod:`._multi_objective`);
3. PRUNED trials by the step they reached (later is better), then by their last intermediate
   value; those that reported nothing come last.

A conditional parameter (missing from some observations) gets its own split of the trials
where it is active (:func:`split_labels_among`), so that its ``l`` models the good values
given its branch.
"""

import math
import numbers
from typing import Any, Callable, Optional, Sequence

import numpy as np

from optuna.samplers._constraints import CONSTRAINTS_KEY
from optuna.samplers._tpe._multi_objective import select_best
from optuna.study._history import HistorySnapshot
from optuna.study._study_direction import StudyDirection
from optuna.trial import TrialState

BELOW = 1
ABOVE = 2
_COMPLETE = TrialState.COMPLETE.value
_PRUNED = TrialState.PRUNED.value


class RowFeatures:
    """Per-row facts that the history arrays lack, extended incrementally as rows arrive.

    Attributes:
        last_step: The last reported step of each row (NaN when none).
        violation: Total constraint violation of each row (0 when feasible, inf when
            unknown).
    """

    def __init__(self) -> None:
        self._cursor = 0
        self._last_step = np.empty(64)
        self._violation = np.empty(64)

    def update(self, snapshot: HistorySnapshot) -> None:
        """Read the rows of ``snapshot`` that arrived since the previous call."""
        if snapshot.n <= self._cursor:
            return
        if snapshot.n > len(self._last_step):
            capacity = max(snapshot.n, 2 * len(self._last_step))
            self._last_step = np.resize(self._last_step, capacity)
            self._violation = np.resize(self._violation, capacity)
        for row in range(self._cursor, snapshot.n):
            trial = snapshot.trials[row]
            steps = trial.intermediate_values
            self._last_step[row] = float(max(steps)) if steps else math.nan
            self._violation[row] = _total_violation(trial.system_attrs.get(CONSTRAINTS_KEY))
        self._cursor = snapshot.n

    @property
    def last_step(self) -> np.ndarray:
        return self._last_step[: self._cursor]

    @property
    def violation(self) -> np.ndarray:
        return self._violation[: self._cursor]


def _total_violation(constraints: Any) -> float:
    if constraints is None:
        return math.inf
    return float(sum(max(0.0, float(c)) for c in constraints))


def n_good(gamma: Callable[[int], int], n: int) -> int:
    """``gamma(n)``, checked: a non-negative integer (larger than ``n`` means all of them).

    Raises:
        ValueError: when ``gamma`` returns anything else.
    """
    value = gamma(n)
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        count = int(value)
    elif isinstance(value, (float, np.floating)) and float(value).is_integer():
        count = int(value)
    else:
        raise ValueError(
            f"The gamma function must return a non-negative integer, got {value!r} for " f"n={n}."
        )
    if count < 0:
        raise ValueError(
            f"The gamma function must return a non-negative integer, got {value!r} for n={n}."
        )
    return count


def split_labels(
    snapshot: HistorySnapshot,
    features: RowFeatures,
    directions: Sequence[StudyDirection],
    gamma: Callable[[int], int],
    n_running: int,
    use_constraints: bool,
    all_complete: Optional[bool] = None,
) -> np.ndarray:
    """Label every row (and ``n_running`` extra RUNNING rows after them).

    ``all_complete`` tells whether every row is a COMPLETE trial, if the caller knows.

    Returns:
        ``int8`` labels: :data:`BELOW`, :data:`ABOVE`, or 0 for rows that are no observation.
    """
    n = snapshot.n
    states = snapshot.states
    if all_complete is None:
        all_complete = bool((states == _COMPLETE).all())
    if len(directions) == 1 and not use_constraints and all_complete:
        return _split_complete_single_objective(snapshot, directions[0], gamma, n_running)
    rows = np.flatnonzero((states == _COMPLETE) | (states == _PRUNED))
    labels = np.zeros(n + n_running, dtype=np.int8)
    labels[rows] = ABOVE
    labels[n:] = ABOVE
    n_below = min(n_good(gamma, len(rows) + n_running), len(rows))
    if n_below > 0:
        labels[_best_rows(snapshot, features, directions, rows, n_below, use_constraints)] = BELOW
    return labels


def split_labels_among(
    snapshot: HistorySnapshot,
    features: RowFeatures,
    directions: Sequence[StudyDirection],
    gamma: Callable[[int], int],
    rows: np.ndarray,
    n_labels: int,
    use_constraints: bool,
) -> np.ndarray:
    """Split only ``rows`` (observations, increasing; RUNNING pseudo-rows ``>= snapshot.n``
    count as bad), ranked as :func:`split_labels` ranks them.

    Returns:
        ``int8`` labels of size ``n_labels``, 0 outside ``rows``.
    """
    labels = np.zeros(n_labels, dtype=np.int8)
    labels[rows] = ABOVE
    history = rows[rows < snapshot.n]
    n_below = min(n_good(gamma, len(rows)), len(history))
    if n_below > 0:
        labels[_best_rows(snapshot, features, directions, history, n_below, use_constraints)] = (
            BELOW
        )
    return labels


def _split_complete_single_objective(
    snapshot: HistorySnapshot,
    direction: StudyDirection,
    gamma: Callable[[int], int],
    n_running: int,
) -> np.ndarray:
    """:func:`split_labels` when every row is a COMPLETE trial of a single-objective study
    without constraints (the common case): the best values form the below group."""
    n = snapshot.n
    labels = np.full(n + n_running, ABOVE, dtype=np.int8)
    n_below = min(n_good(gamma, n + n_running), n)
    if n_below > 0:
        values = snapshot.values[:, 0]
        if direction == StudyDirection.MAXIMIZE:
            values = -values
        labels[values.argpartition(n_below - 1)[:n_below]] = BELOW
    return labels


def _best_rows(
    snapshot: HistorySnapshot,
    features: RowFeatures,
    directions: Sequence[StudyDirection],
    rows: np.ndarray,
    n_best: int,
    use_constraints: bool,
) -> np.ndarray:
    signs = np.array([-1.0 if d == StudyDirection.MAXIMIZE else 1.0 for d in directions])
    losses = snapshot.values[rows] * signs
    complete = snapshot.states[rows] == _COMPLETE
    violation = features.violation[rows] if use_constraints else np.zeros(len(rows))
    if len(directions) == 1:
        if not use_constraints and complete.all():
            return rows[np.argpartition(losses[:, 0], n_best - 1)[:n_best]]
        order = _single_objective_order(losses[:, 0], complete, features.last_step[rows])
        if use_constraints:
            order = order[np.argsort(violation[order], kind="stable")]
        return rows[order[:n_best]]
    first_block = np.flatnonzero(complete & (violation == 0.0))
    if len(first_block) >= n_best:
        return rows[first_block[select_best(losses[first_block], n_best)]]
    others = np.flatnonzero(~(complete & (violation == 0.0)))
    others = others[np.lexsort((~complete[others], violation[others]))]
    return rows[np.concatenate([first_block, others[: n_best - len(first_block)]])]


def _single_objective_order(
    loss: np.ndarray, complete: np.ndarray, last_step: np.ndarray
) -> np.ndarray:
    no_report = ~complete & (np.isnan(last_step) | np.isnan(loss))
    state_class = np.where(complete, 0, np.where(no_report, 2, 1))
    primary = np.where(complete, loss, -np.nan_to_num(last_step, nan=0.0))
    secondary = np.where(complete, 0.0, np.nan_to_num(loss, nan=np.inf))
    return np.lexsort((secondary, primary, state_class))
