import bisect
import math
import threading
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from optuna.pruners._base import BasePruner
from optuna.study._study_direction import StudyDirection
from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study
    from optuna.study._history import HistorySnapshot

_COMPLETE = TrialState.COMPLETE.value


def _check_non_negative_int(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{name} must be a non-negative integer but got {value!r}.")


class _CompletedIntermediates:
    """Intermediate values of COMPLETE trials, grouped by step, updated incrementally.

    Per step it keeps the number of reported values and the non-NaN ones in sorted order, so
    a percentile is a constant-time interpolation between two neighbours.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.source: Optional[object] = None
        self.cursor = 0
        self.n_complete = 0
        self.n_by_step: Dict[int, int] = {}
        self.sorted_by_step: Dict[int, List[float]] = {}

    def __getstate__(self) -> dict:
        # A lock cannot be pickled (studies are saved with pickle/joblib); the cache is
        # rebuilt from the study's history after loading.
        return {}

    def __setstate__(self, state: dict) -> None:
        self.__init__()  # type: ignore[misc]

    def update(self, study: "Study") -> None:
        snapshot = study._get_history()
        with self.lock:
            if snapshot.source is not self.source:
                self.source, self.cursor, self.n_complete = snapshot.source, 0, 0
                self.n_by_step, self.sorted_by_step = {}, {}
            self._append(snapshot)

    def _append(self, snapshot: "HistorySnapshot") -> None:
        states = snapshot.states
        for row in range(self.cursor, snapshot.n):
            if states[row] != _COMPLETE:
                continue
            self.n_complete += 1
            for step, value in snapshot.trials[row].intermediate_values.items():
                self.n_by_step[step] = self.n_by_step.get(step, 0) + 1
                if not math.isnan(value):
                    bisect.insort(self.sorted_by_step.setdefault(step, []), value)
        self.cursor = snapshot.n

    def percentile(self, step: int, q: float) -> Tuple[int, float]:
        """Return (number of values, nan-percentile) of the values reported at ``step``.

        The percentile interpolates linearly between the two nearest ranks, like
        ``numpy.nanpercentile``; it is NaN when every value is NaN.
        """
        with self.lock:
            n_values = self.n_by_step.get(step, 0)
            ordered = self.sorted_by_step.get(step)
            if not ordered:
                return n_values, math.nan
            position = q / 100.0 * (len(ordered) - 1)
            lower = int(position)
            if lower + 1 >= len(ordered):
                return n_values, ordered[-1]
            fraction = position - lower
            low_value, high_value = ordered[lower], ordered[lower + 1]
            return n_values, low_value + (high_value - low_value) * fraction


class PercentilePruner(BasePruner):
    """Prune a trial whose best intermediate value is worse than a percentile of the values
    that completed trials reported at the same step.

    Args:
        percentile: Percentile in ``[0, 100]``; e.g. 25.0 keeps the best quarter.
        n_startup_trials: No pruning until this many trials have completed.
        n_warmup_steps: No pruning before a trial reaches this step.
        interval_steps: Check only once per this many steps (after the warm-up).
        n_min_trials: Minimum number of completed trials that reported the current step.
    """

    def __init__(
        self,
        percentile: float,
        n_startup_trials: int = 5,
        n_warmup_steps: int = 0,
        interval_steps: int = 1,
        *,
        n_min_trials: int = 1,
    ) -> None:
        if isinstance(percentile, bool) or not isinstance(percentile, (int, float)):
            raise TypeError(f"percentile must be a number in [0, 100], got {percentile!r}.")
        if not (0.0 <= percentile <= 100.0):
            raise ValueError(
                f"Percentile must be between 0 and 100 inclusive but got {percentile}."
            )
        _check_non_negative_int("n_startup_trials", n_startup_trials)
        _check_non_negative_int("n_warmup_steps", n_warmup_steps)
        if isinstance(interval_steps, bool) or not isinstance(interval_steps, int):
            raise ValueError(f"interval_steps must be an integer but got {interval_steps!r}.")
        if interval_steps < 1:
            raise ValueError(f"interval_steps must be at least 1 but got {interval_steps}.")
        if isinstance(n_min_trials, bool) or not isinstance(n_min_trials, int):
            raise ValueError(f"n_min_trials must be an integer but got {n_min_trials!r}.")
        if n_min_trials < 1:
            raise ValueError(f"n_min_trials must be at least 1 but got {n_min_trials}.")
        self._percentile = percentile
        self._n_startup_trials = n_startup_trials
        self._n_warmup_steps = n_warmup_steps
        self._interval_steps = interval_steps
        self._n_min_trials = n_min_trials
        self._completed = _CompletedIntermediates()

    def prune(self, study: "Study", trial: FrozenTrial) -> bool:
        intermediate = trial.intermediate_values
        if not intermediate:
            return False
        step = max(intermediate)
        if step < self._n_warmup_steps or not self._is_first_in_interval(step, intermediate):
            return False
        completed = self._completed
        completed.update(study)
        if completed.n_complete == 0 or completed.n_complete < self._n_startup_trials:
            # Nothing to compare with (even for n_startup_trials=0).
            return False

        maximize = study.direction == StudyDirection.MAXIMIZE
        reported = [v for v in intermediate.values() if not math.isnan(v)]
        if not reported:
            return True
        best = max(reported) if maximize else min(reported)

        q = 100.0 - self._percentile if maximize else self._percentile
        n_values, threshold = completed.percentile(step, q)
        if n_values < self._n_min_trials or math.isnan(threshold):
            return False
        return best < threshold if maximize else best > threshold

    def _is_first_in_interval(self, step: int, intermediate: Dict[int, float]) -> bool:
        if self._interval_steps == 1:
            return True
        bucket = (step - self._n_warmup_steps) // self._interval_steps
        earlier = [s for s in intermediate if self._n_warmup_steps <= s < step]
        if not earlier:
            return True
        return (max(earlier) - self._n_warmup_steps) // self._interval_steps != bucket
