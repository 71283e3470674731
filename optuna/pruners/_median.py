from optuna.pruners._percentile import PercentilePruner


class MedianPruner(PercentilePruner):
    """Prune a trial whose best intermediate value is worse than the median of the values that
    completed trials reported at the same step (the default pruner).

    Args:
        n_startup_trials: No pruning until this many trials have completed.
        n_warmup_steps: No pruning before a trial reaches this step.
        interval_steps: Check only once per this many steps (after the warm-up).
        n_min_trials: Minimum number of completed trials that reported the current step.
    """

    def __init__(
        self,
        n_startup_trials: int = 5,
        n_warmup_steps: int = 0,
        interval_steps: int = 1,
        *,
        n_min_trials: int = 1,
    ) -> None:
        super().__init__(
            50.0, n_startup_trials, n_warmup_steps, interval_steps, n_min_trials=n_min_trials
        )
