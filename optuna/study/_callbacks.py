from typing import TYPE_CHECKING, Container, Optional

from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study


class MaxTrialsCallback:
    """Stop the study once it holds ``n_trials`` trials in ``states``.

    The count is read from the storage, so with a shared storage it stops every worker that
    uses the callback once the study as a whole reached the limit.

    Args:
        n_trials: The number of trials at which to stop.
        states: States to count; ``None`` counts every state. Defaults to COMPLETE only.
    """

    def __init__(
        self, n_trials: int, states: Optional[Container[TrialState]] = (TrialState.COMPLETE,)
    ) -> None:
        if isinstance(n_trials, bool) or not isinstance(n_trials, int) or n_trials < 0:
            raise ValueError(f"n_trials must be a non-negative integer, got {n_trials!r}.")
        self._n_trials = n_trials
        self._states = states

    def __call__(self, study: "Study", trial: FrozenTrial) -> None:
        trials = study.get_trials(deepcopy=False, states=self._states)
        if len(trials) >= self._n_trials:
            study.stop()
