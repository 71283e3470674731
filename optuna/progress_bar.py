"""The tqdm progress bar shown by ``optimize(show_progress_bar=True)``."""

import logging
from typing import TYPE_CHECKING, Any, Optional

from optuna import logging as optuna_logging

if TYPE_CHECKING:
    from optuna.study import Study


class _TqdmLoggingHandler(logging.StreamHandler):
    """Writes records through ``tqdm.write``, so that they print above an open bar instead
    of being glued onto its line."""

    def emit(self, record: logging.LogRecord) -> None:
        from tqdm.auto import tqdm

        try:
            tqdm.write(self.format(record), file=self.stream)
            self.flush()
        except Exception:
            self.handleError(record)


def _route_default_handler_through_tqdm() -> Optional[_TqdmLoggingHandler]:
    """Replace the default handler, if attached, by a tqdm-aware one writing to the same
    stream; return the replacement (None when the default handler is detached)."""
    default = optuna_logging._default_handler
    root = optuna_logging._root_logger()
    if default is None or default not in root.handlers:
        return None
    replacement = _TqdmLoggingHandler(default.stream)
    replacement.setFormatter(default.formatter)
    replacement.setLevel(default.level)
    root.addHandler(replacement)
    root.removeHandler(default)
    return replacement


def _restore_default_handler(replacement: Optional[_TqdmLoggingHandler]) -> None:
    if replacement is None:
        return
    root = optuna_logging._root_logger()
    if replacement in root.handlers:  # unless the user changed the handlers meanwhile
        root.removeHandler(replacement)
        assert optuna_logging._default_handler is not None
        root.addHandler(optuna_logging._default_handler)


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
        self._log_handler = _route_default_handler_through_tqdm()

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
        _restore_default_handler(self._log_handler)
