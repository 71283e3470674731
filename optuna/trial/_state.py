import enum


class TrialState(enum.Enum):
    """State of a trial.

    ``RUNNING`` trials are being evaluated, ``WAITING`` trials are queued by
    ``Study.enqueue_trial``; ``COMPLETE``, ``PRUNED`` and ``FAIL`` are final.
    """

    RUNNING = 0
    COMPLETE = 1
    PRUNED = 2
    FAIL = 3
    WAITING = 4

    def __repr__(self) -> str:
        return f"TrialState.{self.name}"

    def __str__(self) -> str:
        return f"TrialState.{self.name}"

    def is_finished(self) -> bool:
        """Return whether the state is final (COMPLETE, PRUNED or FAIL)."""
        return self is not TrialState.RUNNING and self is not TrialState.WAITING
