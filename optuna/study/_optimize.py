import gc
import math
import os
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, List, Optional, Sequence, Tuple, Type, Union

from optuna import logging as _logging
from optuna.exceptions import TrialPruned
from optuna.study._tell import _tell_with_warning
from optuna.trial import FrozenTrial, Trial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study

_logger = _logging.get_logger(__name__)
_COMPLETE = TrialState.COMPLETE
_PRUNED = TrialState.PRUNED

ObjectiveFuncType = Callable[[Trial], Union[float, Sequence[float]]]
CallbackType = Callable[["Study", FrozenTrial], None]


def _optimize(
    study: "Study",
    func: ObjectiveFuncType,
    n_trials: Optional[int],
    timeout: Optional[float],
    n_jobs: int,
    catch: Tuple[Type[Exception], ...],
    callbacks: Optional[List[CallbackType]],
    gc_after_trial: bool,
    show_progress_bar: bool,
) -> None:
    _validate_optimize_args(func, n_trials, timeout, n_jobs, catch, callbacks)
    if n_jobs == -1:
        n_jobs = os.cpu_count() or 1
    if not study._optimize_lock.acquire(False):
        raise RuntimeError("Nested optimization detected: optimize() is already running.")
    progress = None
    started = time.monotonic()
    try:
        study._stop_flag = False
        if show_progress_bar:
            from optuna.progress_bar import _ProgressBar

            progress = _ProgressBar(n_trials, timeout)
        loop = _OptimizeLoop(
            study, func, n_trials, timeout, catch, callbacks or [], gc_after_trial, progress
        )
        if n_jobs == 1:
            loop.run_worker(reseed=False)
        else:
            loop.run_threads(n_jobs)
    finally:
        study._stop_flag = False
        study._optimize_lock.release()
        if progress is not None:
            progress.close(timed_out=timeout is not None and time.monotonic() - started >= timeout)


def _validate_optimize_args(
    func: Any,
    n_trials: Optional[int],
    timeout: Optional[float],
    n_jobs: int,
    catch: Any,
    callbacks: Any,
) -> None:
    if not callable(func):
        raise TypeError(f"The objective must be callable, got {type(func).__name__}.")
    if n_trials is not None and (
        isinstance(n_trials, bool) or not isinstance(n_trials, int) or n_trials < 0
    ):
        raise ValueError(f"n_trials must be a non-negative integer or None, got {n_trials!r}.")
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise ValueError(f"timeout must be a number of seconds or None, got {timeout!r}.")
        if math.isnan(timeout) or timeout < 0:
            raise ValueError(f"timeout must be a non-negative number, got {timeout!r}.")
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, int) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive integer or -1, got {n_jobs!r}.")
    if not isinstance(catch, tuple) or not all(
        isinstance(c, type) and issubclass(c, BaseException) for c in catch
    ):
        raise TypeError(
            "catch must be a tuple of exception classes, e.g. (ValueError,), " f"got {catch!r}."
        )
    if callbacks is not None:
        if callable(callbacks) or not isinstance(callbacks, (list, tuple)):
            raise TypeError(
                f"callbacks must be a list of callables, got {callbacks!r}; wrap a single "
                "callback in a list."
            )
        if not all(callable(c) for c in callbacks):
            raise TypeError("Every callback must be callable with (study, frozen_trial).")


class _OptimizeLoop:
    """Runs trials until n_trials, timeout, ``study.stop()`` or an uncaught error."""

    def __init__(
        self,
        study: "Study",
        func: ObjectiveFuncType,
        n_trials: Optional[int],
        timeout: Optional[float],
        catch: Tuple[Type[Exception], ...],
        callbacks: List[CallbackType],
        gc_after_trial: bool,
        progress: Any,
    ) -> None:
        self.study = study
        self.func = func
        self.n_trials = n_trials
        self.timeout = timeout
        self.catch = catch
        self.callbacks = callbacks
        self.gc_after_trial = gc_after_trial
        self.progress = progress
        self.started = time.monotonic()
        self.n_claimed = 0
        self.lock = threading.Lock()
        self.error: Optional[BaseException] = None

    def _claim_trial(self) -> bool:
        lock = self.lock
        lock.acquire()  # once per trial: acquire/release is half the cost of `with`
        try:
            if self.error is not None or self.study._stop_flag:
                return False
            if self.n_trials is not None and self.n_claimed >= self.n_trials:
                return False
            if self.timeout is not None and time.monotonic() - self.started >= self.timeout:
                return False
            self.n_claimed += 1
            return True
        finally:
            lock.release()

    def run_worker(self, reseed: bool) -> None:
        if reseed:
            self.study.sampler.reseed_rng()
        try:
            while self._claim_trial():
                frozen = _run_trial(self.study, self.func, self.catch)
                if self.callbacks:
                    frozen = self.study._storage.get_trial(frozen._trial_id)
                for callback in self.callbacks:
                    callback(self.study, frozen)
                if self.progress is not None:
                    self.progress.update(time.monotonic() - self.started, self.study)
                if self.gc_after_trial:
                    gc.collect()
        except BaseException as e:
            with self.lock:
                if self.error is None:
                    self.error = e
            if not reseed:
                raise
        finally:
            self.study._storage.remove_session()

    def run_threads(self, n_jobs: int) -> None:
        # Completion is awaited on per-worker events rather than Thread.join: a join that a
        # Ctrl-C interrupts can leave the thread marked as finished while it still runs.
        done = [threading.Event() for _ in range(n_jobs)]

        def work(event: threading.Event) -> None:
            try:
                self.run_worker(reseed=True)
            finally:
                event.set()

        for event in done:
            threading.Thread(target=work, args=(event,), daemon=True).start()
        try:
            for event in done:
                event.wait()
        except KeyboardInterrupt:
            with self.lock:
                self.study._stop_flag = True
            for event in done:
                while not event.wait(0.1):
                    pass
            raise
        if self.error is not None:
            raise self.error


def _run_trial(
    study: "Study", func: ObjectiveFuncType, catch: Tuple[Type[Exception], ...]
) -> FrozenTrial:
    """Run one trial and return its internal record (copy it before handing it out)."""
    trial = study.ask()
    state: Optional[TrialState] = None
    value_or_values: Any = None
    func_err: Optional[BaseException] = None
    try:
        value_or_values = func(trial)
    except TrialPruned as e:
        state = TrialState.PRUNED
        func_err = e
    except BaseException as e:  # incl. KeyboardInterrupt and SystemExit: the trial must end
        state = TrialState.FAIL
        func_err = e

    frozen = _tell_with_warning(
        study,
        trial,
        None if state is not None else value_or_values,
        state,
        suppress_warning=True,
        copy_result=False,
    )
    if frozen.state is _COMPLETE:
        study._log_completed_trial(frozen)
    elif frozen.state is _PRUNED:
        _logger.info(f"Trial {frozen.number} pruned. {func_err or ''}".rstrip())
    elif func_err is not None:
        _logger.warning(
            f"Trial {frozen.number} failed with parameters: {frozen.params} because of the "
            f"following error: {func_err!r}.",
            exc_info=func_err if isinstance(func_err, Exception) else None,
        )
    if func_err is not None and state == TrialState.FAIL and not isinstance(func_err, catch):
        raise func_err
    return frozen
