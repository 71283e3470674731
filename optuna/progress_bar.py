"""The tqdm progress bar shown by ``optimize(show_progress_bar=True)``."""

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from optuna.study import Study


class _ProgressBar:
    """Counts trials (or seconds, when only a timeout is given) and shows the best value."""

    def __init__(self, n_trials: Optional[int], timeout: Optional[float]) -> None:
        from tqdm.auto import tqdm

        self._by_time = n_trials is None and timeout is not None
        total: Any = n_trials if not self._by_time else timeout
        # With a timeout only, the bar counts seconds: show them rounded, not as raw floats.
        bar_format = (
            "{desc}{percentage:3.0f}%|{bar}| {n:.1f}/{total:.1f} s [{elapsed}<{remaining}]"
            if self._by_time
            else None
        )
        self._bar = tqdm(total=total, leave=True, bar_format=bar_format)
        self._elapsed_shown = 0.0

    def update(self, elapsed_seconds: float, study: "Study") -> None:
        if self._by_time:
            step = min(elapsed_seconds, self._bar.total) - self._elapsed_shown
            self._elapsed_shown += step
            self._bar.update(step)
        else:
            self._bar.update(1)
        if not study._is_multi_objective():
            try:
                best = study._storage.get_best_trial(study._study_id)
                self._bar.set_description(
                    f"Best trial: {best.number}. Best value: {best.value:.6g}"
                )
            except ValueError:
                pass

    def close(self, timed_out: bool = False) -> None:
        """Close the bar; a run that reached its timeout is shown as 100 %."""
        if self._by_time and timed_out:
            self._bar.update(self._bar.total - self._elapsed_shown)
        self._bar.close()
