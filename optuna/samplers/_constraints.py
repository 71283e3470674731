"""Constraint values of finished trials, shared by the samplers that take ``constraints_func``."""

import copy
import math
from typing import TYPE_CHECKING, Callable, List, Optional, Sequence

from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study

# The system attribute holding a trial's constraint values.
CONSTRAINTS_KEY = "constraints"


def store_constraints(
    study: "Study",
    trial: FrozenTrial,
    state: TrialState,
    values: Optional[Sequence[float]],
    constraints_func: Callable[[FrozenTrial], Sequence[float]],
) -> Optional[List[float]]:
    """Evaluate ``constraints_func`` on a trial that just finished and store the values with it.

    Called from a sampler's ``after_trial``: ``trial`` is still RUNNING in the storage, so the
    function receives a copy showing the final ``state`` and ``values``. Only COMPLETE and
    PRUNED trials are evaluated (a FAIL trial has nothing to constrain).

    Returns:
        The stored values, or None when the trial was not evaluated.

    Raises:
        ValueError: when the function does not return a sequence of numbers, or returns NaN.
    """
    if state not in (TrialState.COMPLETE, TrialState.PRUNED):
        return None
    finished = copy.copy(trial)
    finished.state = state
    finished._values = None if values is None else list(values)
    returned = constraints_func(finished)
    try:
        constraints = [float(c) for c in returned]
    except (TypeError, ValueError):
        raise ValueError(
            f"constraints_func must return a sequence of floats, got {returned!r}."
        ) from None
    if any(math.isnan(c) for c in constraints):
        raise ValueError(f"constraints_func returned NaN: {constraints!r}.")
    study._storage.set_trial_system_attr(trial._trial_id, CONSTRAINTS_KEY, constraints)
    trial.system_attrs[CONSTRAINTS_KEY] = constraints
    return constraints
