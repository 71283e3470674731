from typing import TYPE_CHECKING, List, Sequence

import numpy as np

from optuna.study._study_direction import StudyDirection
from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study


def _loss_matrix(values: np.ndarray, directions: Sequence[StudyDirection]) -> np.ndarray:
    """Turn objective values into losses (lower is better) for every objective."""
    signs = np.array([-1.0 if d == StudyDirection.MAXIMIZE else 1.0 for d in directions])
    return values * signs


def _is_pareto_front(losses: np.ndarray, assume_unique_lexsorted: bool = False) -> np.ndarray:
    """Boolean mask of the rows of ``losses`` that no other row dominates.

    A row dominates another when it is <= in every column and < in at least one. Duplicated
    rows are all kept on the front.
    """
    n = len(losses)
    if n == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort(losses.T[::-1])
    sorted_losses = losses[order]
    on_front = np.zeros(n, dtype=bool)
    remaining = np.arange(n)
    while len(remaining):
        head = sorted_losses[remaining[0]]
        on_front[remaining[0]] = True
        candidates = sorted_losses[remaining]
        dominated = np.all(head <= candidates, axis=1) & np.any(head < candidates, axis=1)
        dominated[0] = True
        duplicates = np.all(candidates == head, axis=1)
        on_front[remaining[duplicates]] = True
        remaining = remaining[~(dominated | duplicates)]
    mask = np.zeros(n, dtype=bool)
    mask[order] = on_front
    return mask


def _get_pareto_front_trials(study: "Study") -> List[FrozenTrial]:
    trials = study.get_trials(deepcopy=False, states=(TrialState.COMPLETE,))
    if not trials:
        return []
    values = np.array([t.values for t in trials], dtype=float)
    mask = _is_pareto_front(_loss_matrix(values, study.directions))
    return [t for t, keep in zip(trials, mask) if keep]
