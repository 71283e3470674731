"""Constraint values of finished trials, shared by the samplers that take ``constraints_func``."""

import math
from typing import TYPE_CHECKING, Callable, List, Sequence

from optuna.trial import FrozenTrial

if TYPE_CHECKING:
    from optuna.study import Study

# The system attribute holding a trial's constraint values.
CONSTRAINTS_KEY = "constraints"


def store_constraints(
    study: "Study", trial: FrozenTrial, constraints_func: Callable[[FrozenTrial], Sequence[float]]
) -> List[float]:
    """Evaluate ``constraints_func`` on ``trial`` and store the values with the trial.

    Raises:
        ValueError: when the function does not return a sequence of numbers, or returns NaN.
    """
    returned = constraints_func(trial)
    try:
        constraints = [float(c) for c in returned]
    except (TypeError, ValueError):
        raise ValueError(
            f"constraints_func must return a sequence of floats, got {returned!r}."
        ) from None
    if any(math.isnan(c) for c in constraints):
        raise ValueError(f"constraints_func returned NaN: {constraints!r}.")
    study._storage.set_trial_system_attr(trial._trial_id, CONSTRAINTS_KEY, constraints)
    return constraints
