"""Study.optimize: stopping conditions, parallelism, objective results and errors."""

import contextlib
import gc
import io
import logging
import math
import os
import threading
import time
from typing import Iterator, List

import numpy as np
import pytest

import optuna
from optuna.study import StudyDirection
from optuna.trial import TrialState


def _study(**kwargs: object) -> optuna.Study:
    kwargs.setdefault("sampler", optuna.samplers.RandomSampler(seed=0))
    return optuna.create_study(**kwargs)  # type: ignore[arg-type]


def _quadratic(trial: optuna.trial.Trial) -> float:
    x = trial.suggest_float("x", -10, 10)
    return x**2


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: List[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture
def optuna_log() -> Iterator[List[logging.LogRecord]]:
    """Records emitted to the ``optuna`` logger during the test."""
    optuna.logging.get_logger("optuna")
    logger = logging.getLogger("optuna")
    old_level = logger.level
    logger.setLevel(logging.INFO)
    handler = _ListHandler()
    logger.addHandler(handler)
    yield handler.records
    logger.removeHandler(handler)
    logger.setLevel(old_level)


# --------------------------------------------------------------------------- n_trials / timeout


def test_optimize_runs_n_trials() -> None:
    study = _study()
    study.optimize(_quadratic, n_trials=7)
    trials = study.trials
    assert [t.number for t in trials] == list(range(7))
    assert all(t.state == TrialState.COMPLETE for t in trials)
    for t in trials:
        assert t.value == pytest.approx(t.params["x"] ** 2)
        assert t.datetime_start is not None and t.datetime_complete is not None
        assert t.datetime_start <= t.datetime_complete


def test_optimize_twice_accumulates_trials() -> None:
    study = _study()
    study.optimize(_quadratic, n_trials=2)
    study.optimize(_quadratic, n_trials=3)
    assert [t.number for t in study.trials] == [0, 1, 2, 3, 4]


def test_optimize_zero_trials_runs_nothing() -> None:
    study = _study()
    calls = []
    study.optimize(lambda t: calls.append(1) or 0.0, n_trials=0)
    assert calls == []
    assert study.trials == []


def test_optimize_timeout_stops_the_study() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        time.sleep(0.05)
        return _quadratic(trial)

    start = time.monotonic()
    study.optimize(objective, timeout=0.3)
    elapsed = time.monotonic() - start

    # No new trial starts after the timeout; the running one is allowed to finish.
    assert 0.3 <= elapsed < 0.3 + 1.0
    n = len(study.trials)
    assert 2 <= n <= 8
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


def test_optimize_n_trials_reached_before_timeout() -> None:
    study = _study()
    start = time.monotonic()
    study.optimize(_quadratic, n_trials=3, timeout=30)
    assert time.monotonic() - start < 5
    assert len(study.trials) == 3


def test_optimize_timeout_reached_before_n_trials() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        time.sleep(0.05)
        return 0.0

    study.optimize(objective, n_trials=1000, timeout=0.2)
    assert 1 <= len(study.trials) < 20


# --------------------------------------------------------------------------- n_jobs


def test_optimize_n_jobs_2_runs_trials_in_parallel() -> None:
    study = _study()
    barrier = threading.Barrier(2, timeout=10)
    threads = set()

    def objective(trial: optuna.trial.Trial) -> float:
        threads.add(threading.get_ident())
        # Passes only when two trials are running at the same time.
        barrier.wait()
        return _quadratic(trial)

    study.optimize(objective, n_trials=4, n_jobs=2)
    trials = study.trials
    assert len(trials) == 4
    assert sorted(t.number for t in trials) == [0, 1, 2, 3]
    assert all(t.state == TrialState.COMPLETE for t in trials)
    assert len(threads) == 2


def test_optimize_n_jobs_runs_exactly_n_trials() -> None:
    study = _study()
    study.optimize(_quadratic, n_trials=25, n_jobs=3)
    trials = study.trials
    assert len(trials) == 25
    assert sorted(t.number for t in trials) == list(range(25))
    assert all(t.state == TrialState.COMPLETE for t in trials)


def test_optimize_n_jobs_minus_one_uses_one_worker_per_cpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(os, "cpu_count", lambda: 3)
    study = _study()
    barrier = threading.Barrier(3, timeout=10)
    threads = set()

    def objective(trial: optuna.trial.Trial) -> float:
        threads.add(threading.get_ident())
        barrier.wait()  # needs three trials running at once
        return 0.0

    study.optimize(objective, n_trials=3, n_jobs=-1)
    assert len(study.trials) == 3
    assert len(threads) == 3
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


def test_optimize_n_jobs_error_propagates_and_trial_is_failed() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        if trial.number == 3:
            raise RuntimeError("worker failure")
        time.sleep(0.01)  # the other worker must not finish all trials while the error is logged
        return 0.0

    with pytest.raises(RuntimeError, match="worker failure"):
        study.optimize(objective, n_trials=50, n_jobs=2)
    failed = study.get_trials(states=(TrialState.FAIL,))
    assert [t.number for t in failed] == [3]
    # The study stopped early and no trial is left RUNNING.
    assert len(study.trials) < 50
    assert study.get_trials(states=(TrialState.RUNNING,)) == []


# --------------------------------------------------------------------------- stop()


def test_stop_from_objective_finishes_the_running_trial() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        x = _quadratic(trial)
        if trial.number == 2:
            study.stop()
        return x

    study.optimize(objective, n_trials=10)
    trials = study.trials
    assert len(trials) == 3
    assert all(t.state == TrialState.COMPLETE for t in trials)


def test_stop_from_callback() -> None:
    study = _study()
    seen = []

    def callback(s: optuna.Study, t: optuna.trial.FrozenTrial) -> None:
        seen.append(t.number)
        if t.number == 1:
            s.stop()

    study.optimize(_quadratic, n_trials=10, callbacks=[callback])
    assert len(study.trials) == 2
    assert seen == [0, 1]


def test_stop_with_timeout_only() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        if trial.number == 4:
            study.stop()
        return 0.0

    start = time.monotonic()
    study.optimize(objective, timeout=60)
    assert time.monotonic() - start < 10
    assert len(study.trials) == 5


def test_stop_with_n_jobs() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        if trial.number == 3:
            study.stop()
        time.sleep(0.01)
        return 0.0

    study.optimize(objective, n_trials=100, n_jobs=2)
    # Trials that were already running when stop() was called may finish; nothing new starts.
    assert 4 <= len(study.trials) <= 6
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


def test_study_can_be_optimized_again_after_stop() -> None:
    study = _study()

    def stopping(trial: optuna.trial.Trial) -> float:
        study.stop()
        return 0.0

    study.optimize(stopping, n_trials=5)
    assert len(study.trials) == 1
    study.optimize(_quadratic, n_trials=3)
    assert len(study.trials) == 4


def test_stop_outside_optimize_is_runtime_error() -> None:
    study = _study()
    with pytest.raises(RuntimeError, match="stop"):
        study.stop()
    study.optimize(_quadratic, n_trials=1)
    with pytest.raises(RuntimeError, match="stop"):
        study.stop()
    assert len(study.trials) == 1


def test_stop_from_ask_tell_is_runtime_error() -> None:
    study = _study()
    trial = study.ask()
    with pytest.raises(RuntimeError, match="stop"):
        study.stop()
    study.tell(trial, 1.0)
    assert study.trials[0].state == TrialState.COMPLETE


def test_nested_optimize_is_runtime_error() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        study.optimize(_quadratic, n_trials=1)
        return 0.0

    with pytest.raises(RuntimeError, match="[Nn]ested"):
        study.optimize(objective, n_trials=3)
    # The outer trial failed, the inner optimization never ran a trial.
    assert [t.state for t in study.trials] == [TrialState.FAIL]
    # The study remains usable afterwards.
    study.optimize(_quadratic, n_trials=1)
    assert study.trials[-1].state == TrialState.COMPLETE


# --------------------------------------------------------------------------- callbacks & gc


def test_callbacks_receive_study_and_frozen_trial_after_every_trial() -> None:
    study = _study()
    received = []

    def objective(trial: optuna.trial.Trial) -> float:
        x = _quadratic(trial)
        if trial.number == 1:
            raise optuna.TrialPruned()
        if trial.number == 2:
            raise ValueError("caught")
        return x

    def first(s: optuna.Study, t: optuna.trial.FrozenTrial) -> None:
        received.append(("first", s, t))

    def second(s: optuna.Study, t: optuna.trial.FrozenTrial) -> None:
        received.append(("second", s, t))

    study.optimize(objective, n_trials=4, callbacks=[first, second], catch=(ValueError,))

    assert [(name, t.number) for name, _, t in received] == [
        ("first", 0),
        ("second", 0),
        ("first", 1),
        ("second", 1),
        ("first", 2),
        ("second", 2),
        ("first", 3),
        ("second", 3),
    ]
    assert all(s is study for _, s, _ in received)
    assert all(isinstance(t, optuna.trial.FrozenTrial) for _, _, t in received)
    states = [t.state for name, _, t in received if name == "first"]
    assert states == [
        TrialState.COMPLETE,
        TrialState.PRUNED,
        TrialState.FAIL,
        TrialState.COMPLETE,
    ]
    # The frozen trial is the finished record, identical to the stored one.
    assert [t for name, _, t in received if name == "first"] == study.trials


def test_callback_sees_trial_already_stored() -> None:
    study = _study()

    def callback(s: optuna.Study, t: optuna.trial.FrozenTrial) -> None:
        assert s.trials[t.number].state == TrialState.COMPLETE
        assert len(s.trials) == t.number + 1

    study.optimize(_quadratic, n_trials=3, callbacks=[callback])
    assert len(study.trials) == 3


def test_callback_exception_propagates_after_trial_is_stored() -> None:
    study = _study()

    def callback(s: optuna.Study, t: optuna.trial.FrozenTrial) -> None:
        raise KeyError("from callback")

    with pytest.raises(KeyError, match="from callback"):
        study.optimize(_quadratic, n_trials=5, callbacks=[callback])
    assert [t.state for t in study.trials] == [TrialState.COMPLETE]


def test_gc_after_trial(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real_collect = gc.collect

    def counting_collect(*args: object) -> int:
        calls.append(1)
        return real_collect(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(gc, "collect", counting_collect)

    study = _study()
    study.optimize(_quadratic, n_trials=3, gc_after_trial=True)
    assert len(calls) >= 3

    calls.clear()
    study.optimize(_quadratic, n_trials=3, gc_after_trial=False)
    assert calls == []


def test_gc_after_trial_also_after_failed_trial(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    monkeypatch.setattr(gc, "collect", lambda *a: calls.append(1) or 0)
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        raise ValueError("x")

    study.optimize(objective, n_trials=2, gc_after_trial=True, catch=(ValueError,))
    assert len(calls) >= 2


# --------------------------------------------------------------------------- progress bar


def test_show_progress_bar_writes_tqdm_with_best_value(
    capsys: pytest.CaptureFixture,
) -> None:
    study = _study()
    values = iter([3.0, 1.25, 2.0])
    study.optimize(lambda t: next(values), n_trials=3, show_progress_bar=True)
    err = capsys.readouterr().err
    assert "3/3" in err
    assert "Best trial: 1" in err
    assert "Best value: 1.25" in err


def test_show_progress_bar_with_timeout(capsys: pytest.CaptureFixture) -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        time.sleep(0.02)
        return 0.5

    study.optimize(objective, timeout=0.2, show_progress_bar=True)
    err = capsys.readouterr().err
    assert "Best value: 0.5" in err


def _default_handler_attached() -> bool:
    root = logging.getLogger("optuna")
    return optuna.logging._default_handler in root.handlers


@pytest.mark.parametrize("fails", [False, True])
def test_progress_bar_routes_trial_logs_above_the_bar_and_restores_the_handler(
    fails: bool,
) -> None:
    optuna.logging.enable_default_handler()
    default = optuna.logging._default_handler
    assert default is not None
    seen = []
    buffer = io.StringIO()
    old_stream = default.setStream(buffer)
    verbosity = optuna.logging.get_verbosity()
    optuna.logging.set_verbosity(optuna.logging.INFO)
    try:
        study = _study()

        def objective(trial: optuna.trial.Trial) -> float:
            seen.append(_default_handler_attached())
            if fails and trial.number == 1:
                raise RuntimeError("boom")
            return trial.suggest_float("x", 0, 1)

        with contextlib.suppress(RuntimeError):
            study.optimize(objective, n_trials=2, show_progress_bar=True)
        # While the bar is open the records go through tqdm.write, to the same stream.
        assert seen == [False, False]
        assert _default_handler_attached()
        lines = buffer.getvalue().splitlines()
        assert any(line.startswith("[I ") and "Trial 0 finished" in line for line in lines)
    finally:
        default.setStream(old_stream)
        optuna.logging.set_verbosity(verbosity)


def test_progress_bar_leaves_a_detached_default_handler_detached() -> None:
    optuna.logging.disable_default_handler()
    try:
        _study().optimize(lambda t: 1.0, n_trials=2, show_progress_bar=True)
        assert not _default_handler_attached()
        root = logging.getLogger("optuna")
        assert not any(type(h).__name__ == "_TqdmLoggingHandler" for h in root.handlers)
    finally:
        optuna.logging.enable_default_handler()


def test_no_progress_bar_by_default(capsys: pytest.CaptureFixture) -> None:
    study = _study()
    study.optimize(lambda t: 1.0, n_trials=3)
    err = capsys.readouterr().err
    assert "3/3" not in err
    assert "Best value" not in err


# --------------------------------------------------------------------------- invalid args


@pytest.mark.parametrize("n_trials", [-1, -10])
def test_optimize_negative_n_trials_is_value_error(n_trials: int) -> None:
    study = _study()
    study.optimize(_quadratic, n_trials=1)
    with pytest.raises(ValueError, match="n_trials"):
        study.optimize(_quadratic, n_trials=n_trials)
    assert len(study.trials) == 1


@pytest.mark.parametrize("n_trials", [1.5, "3"])
def test_optimize_non_integer_n_trials_is_rejected(n_trials: object) -> None:
    study = _study()
    with pytest.raises((ValueError, TypeError), match="n_trials"):
        study.optimize(_quadratic, n_trials=n_trials)  # type: ignore[arg-type]
    assert study.trials == []


@pytest.mark.parametrize("timeout", [-1, -0.5, float("nan")])
def test_optimize_invalid_timeout_is_value_error(timeout: float) -> None:
    study = _study()
    with pytest.raises(ValueError, match="timeout"):
        study.optimize(_quadratic, n_trials=1, timeout=timeout)
    assert study.trials == []


@pytest.mark.parametrize("n_jobs", [0, -2])
def test_optimize_invalid_n_jobs_is_value_error(n_jobs: int) -> None:
    study = _study()
    with pytest.raises(ValueError, match="n_jobs"):
        study.optimize(_quadratic, n_trials=1, n_jobs=n_jobs)
    assert study.trials == []


@pytest.mark.parametrize("catch", [ValueError, [ValueError], (ValueError, "oops"), (1,)])
def test_optimize_catch_must_be_tuple_of_exception_types(catch: object) -> None:
    study = _study()
    with pytest.raises(TypeError, match="catch"):
        study.optimize(_quadratic, n_trials=1, catch=catch)  # type: ignore[arg-type]
    assert study.trials == []


@pytest.mark.parametrize("func", [None, 1.0, "objective"])
def test_optimize_func_not_callable_is_type_error(func: object) -> None:
    study = _study()
    with pytest.raises(TypeError, match="callable"):
        study.optimize(func, n_trials=1)  # type: ignore[arg-type]
    assert study.trials == []


def test_optimize_callbacks_not_callable_is_type_error() -> None:
    study = _study()
    with pytest.raises(TypeError, match="callback"):
        study.optimize(_quadratic, n_trials=1, callbacks=[1])  # type: ignore[list-item]
    assert study.trials == []


def test_invalid_args_do_not_leave_study_locked() -> None:
    study = _study()
    with pytest.raises(ValueError, match="n_trials"):
        study.optimize(_quadratic, n_trials=-1)
    study.optimize(_quadratic, n_trials=1)
    assert len(study.trials) == 1


# --------------------------------------------------------------------------- objective results


@pytest.mark.parametrize(
    "returned, expected",
    [
        (1.5, 1.5),
        (3, 3.0),
        (np.float64(2.5), 2.5),
        (np.float32(0.5), 0.5),
        (np.int64(7), 7.0),
        ("1.25", 1.25),
        (float("inf"), float("inf")),
    ],
)
def test_objective_numeric_results_complete(returned: object, expected: float) -> None:
    study = _study()
    study.optimize(lambda t: returned, n_trials=1)  # type: ignore[arg-type,return-value]
    trial = study.trials[0]
    assert trial.state == TrialState.COMPLETE
    assert trial.value == expected
    assert isinstance(trial.value, float)


def test_objective_multi_objective_sequence_results() -> None:
    study = _study(directions=["minimize", "maximize"])
    results = iter([(1.0, 2.0), [3, 4], (np.float64(5.0), np.int32(6))])
    study.optimize(lambda t: next(results), n_trials=3)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 3
    assert [t.values for t in study.trials] == [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]


def test_objective_nan_fails_with_warning_and_study_goes_on(
    optuna_log: List[logging.LogRecord],
) -> None:
    study = _study()
    results = iter([float("nan"), 1.0, np.nan])
    study.optimize(lambda t: next(results), n_trials=3)

    assert [t.state for t in study.trials] == [
        TrialState.FAIL,
        TrialState.COMPLETE,
        TrialState.FAIL,
    ]
    assert study.trials[0].value is None
    assert study.best_value == 1.0
    warnings = [r.getMessage() for r in optuna_log if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert all("nan" in w.lower() for w in warnings)
    assert "Trial 0" in warnings[0] and "Trial 2" in warnings[1]


def test_objective_multi_objective_nan_fails() -> None:
    study = _study(directions=["minimize", "minimize"])
    study.optimize(lambda t: (1.0, float("nan")), n_trials=1)
    assert study.trials[0].state == TrialState.FAIL
    assert study.trials[0].values is None


@pytest.mark.parametrize("returned", ["abc", None, object(), {"a": 1}])
def test_objective_non_numeric_result_fails_with_warning(
    returned: object, optuna_log: List[logging.LogRecord]
) -> None:
    study = _study()
    study.optimize(lambda t: returned, n_trials=2)  # type: ignore[arg-type,return-value]
    assert [t.state for t in study.trials] == [TrialState.FAIL, TrialState.FAIL]
    warnings = [r.getMessage() for r in optuna_log if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert all("float" in w or "number" in w for w in warnings)
    assert repr(returned) in warnings[0]


@pytest.mark.parametrize(
    "directions, returned",
    [
        (["minimize", "minimize"], 1.0),
        (["minimize", "minimize"], (1.0,)),
        (["minimize", "minimize"], (1.0, 2.0, 3.0)),
        (["minimize"], (1.0, 2.0)),
        (["minimize"], []),
    ],
)
def test_objective_wrong_number_of_values_fails_with_warning(
    directions: List[str], returned: object, optuna_log: List[logging.LogRecord]
) -> None:
    study = _study(directions=directions)
    study.optimize(lambda t: returned, n_trials=2)  # type: ignore[arg-type,return-value]
    assert [t.state for t in study.trials] == [TrialState.FAIL, TrialState.FAIL]
    assert all(t.values is None for t in study.trials)
    warnings = [r.getMessage() for r in optuna_log if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert all("number of" in w and str(len(directions)) in w for w in warnings)


def test_invalid_result_is_not_raised_even_without_catch() -> None:
    study = _study()
    results = iter(["bad", float("nan"), (1.0, 2.0), 4.0])
    study.optimize(lambda t: next(results), n_trials=4)  # must not raise
    assert [t.state for t in study.trials] == [TrialState.FAIL] * 3 + [TrialState.COMPLETE]


def test_result_whose_float_conversion_raises_fails_the_trial_and_the_study_goes_on(
    optuna_log: List[logging.LogRecord],
) -> None:
    class DeviceTensor:  # float() of some framework tensors raises their own errors
        def __float__(self) -> float:
            raise RuntimeError("device-side assert")

    study = _study()
    results = iter([DeviceTensor(), 2.0])
    study.optimize(lambda t: t.suggest_float("x", 0, 1) and next(results), n_trials=2)
    assert [t.state for t in study.trials] == [TrialState.FAIL, TrialState.COMPLETE]
    assert "x" in study.trials[0].params
    reason = study.trials[0].system_attrs["fail_reason"]
    assert "could not be cast to float" in reason and "RuntimeError: device-side assert" in reason
    assert any("device-side assert" in r.getMessage() for r in optuna_log)


def test_trial_pruned_records_last_intermediate_value() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        trial.suggest_float("x", 0, 1)
        trial.report(5.0, step=0)
        trial.report(3.0, step=2)
        trial.report(4.0, step=1)
        raise optuna.TrialPruned("too slow")

    study.optimize(objective, n_trials=1)
    trial = study.trials[0]
    assert trial.state == TrialState.PRUNED
    assert trial.value == 3.0  # the value of the largest step, not the last call
    assert trial.intermediate_values == {0: 5.0, 2: 3.0, 1: 4.0}
    assert "x" in trial.params


def test_trial_pruned_without_reports_has_no_value() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        raise optuna.TrialPruned()

    study.optimize(objective, n_trials=2)
    assert [t.state for t in study.trials] == [TrialState.PRUNED] * 2
    assert all(t.value is None for t in study.trials)
    with pytest.raises(ValueError, match="[Nn]o trials are completed"):
        study.best_trial


def test_pruned_trials_are_not_best() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        if trial.number == 1:
            trial.report(-100.0, 0)
            raise optuna.TrialPruned()
        return 1.0

    study.optimize(objective, n_trials=2)
    assert study.best_trial.number == 0
    assert study.best_value == 1.0


def test_objective_exception_fails_logs_and_reraises(
    optuna_log: List[logging.LogRecord],
) -> None:
    study = _study()
    study.optimize(_quadratic, n_trials=1)

    def objective(trial: optuna.trial.Trial) -> float:
        trial.suggest_float("x", 0, 1)
        raise ZeroDivisionError("the objective broke")

    with pytest.raises(ZeroDivisionError, match="the objective broke"):
        study.optimize(objective, n_trials=5)

    trials = study.trials
    assert len(trials) == 2  # the study stopped at the first error
    assert trials[0].state == TrialState.COMPLETE
    assert trials[1].state == TrialState.FAIL
    assert trials[1].value is None
    assert trials[1].datetime_complete is not None
    warnings = [r for r in optuna_log if r.levelno >= logging.WARNING]
    assert len(warnings) == 1
    assert "Trial 1" in warnings[0].getMessage()
    assert "the objective broke" in warnings[0].getMessage()
    assert warnings[0].exc_info is not None


def test_catch_continues_while_other_exceptions_propagate() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        if trial.number in (0, 2):
            raise ValueError("expected")
        if trial.number == 3:
            raise TypeError("unexpected")
        return 1.0

    with pytest.raises(TypeError, match="unexpected"):
        study.optimize(objective, n_trials=10, catch=(ValueError,))
    assert [t.state for t in study.trials] == [
        TrialState.FAIL,
        TrialState.COMPLETE,
        TrialState.FAIL,
        TrialState.FAIL,
    ]


def test_catch_accepts_base_classes() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        raise KeyError("sub-class of LookupError")

    study.optimize(objective, n_trials=3, catch=(LookupError,))
    assert [t.state for t in study.trials] == [TrialState.FAIL] * 3


def test_keyboard_interrupt_fails_trial_then_propagates() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        trial.suggest_float("x", 0, 1)
        trial.set_user_attr("stage", "before interrupt")
        if trial.number == 1:
            raise KeyboardInterrupt
        return 0.0

    with pytest.raises(KeyboardInterrupt):
        study.optimize(objective, n_trials=5, catch=(Exception,))
    trials = study.trials
    assert [t.state for t in trials] == [TrialState.COMPLETE, TrialState.FAIL]
    assert trials[1].user_attrs == {"stage": "before interrupt"}
    assert "x" in trials[1].params


def test_keyboard_interrupt_with_n_jobs() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        if trial.number == 2:
            raise KeyboardInterrupt
        return 0.0

    with pytest.raises(KeyboardInterrupt):
        study.optimize(objective, n_trials=50, n_jobs=2)
    assert study.trials[2].state == TrialState.FAIL
    assert study.get_trials(states=(TrialState.RUNNING,)) == []


@pytest.mark.parametrize("ending", ["fail", "prune", "nan", "keyboard"])
def test_nothing_recorded_is_lost_when_trial_does_not_complete(ending: str) -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        x = trial.suggest_float("x", 0, 1)
        n = trial.suggest_int("n", 1, 3)
        c = trial.suggest_categorical("c", ["a", "b"])
        trial.set_user_attr("note", {"x": x, "n": n, "c": c})
        trial.set_system_attr("sys", 1)
        trial.report(0.5, 0)
        trial.report(0.25, 1)
        if ending == "fail":
            raise ValueError("fail")
        if ending == "prune":
            raise optuna.TrialPruned()
        if ending == "keyboard":
            raise KeyboardInterrupt
        return float("nan")

    if ending == "keyboard":
        with pytest.raises(KeyboardInterrupt):
            study.optimize(objective, n_trials=1)
    else:
        study.optimize(objective, n_trials=1, catch=(ValueError,))

    trial = study.trials[0]
    expected_state = TrialState.PRUNED if ending == "prune" else TrialState.FAIL
    assert trial.state == expected_state
    assert set(trial.params) == {"x", "n", "c"}
    assert set(trial.distributions) == {"x", "n", "c"}
    assert trial.user_attrs == {"note": trial.params}
    assert trial.system_attrs["sys"] == 1
    assert trial.intermediate_values == {0: 0.5, 1: 0.25}
    assert trial.datetime_complete is not None


def test_objective_reading_trial_properties() -> None:
    study = _study()
    seen = {}

    def objective(trial: optuna.trial.Trial) -> float:
        x = trial.suggest_float("x", 1, 2)
        seen["number"] = trial.number
        seen["params"] = trial.params
        return x

    study.optimize(objective, n_trials=1)
    assert seen["number"] == 0
    assert seen["params"] == study.trials[0].params


def test_completed_trial_logs_info_with_best(optuna_log: List[logging.LogRecord]) -> None:
    study = _study()
    values = iter([2.0, 1.0])
    study.optimize(lambda t: next(values), n_trials=2)
    infos = [r.getMessage() for r in optuna_log if r.levelno == logging.INFO]
    finished = [m for m in infos if "finished" in m]
    assert len(finished) == 2
    assert "Trial 1" in finished[1] and "1.0" in finished[1]
    assert "Best is trial 1" in finished[1]


def test_maximize_direction_drives_best() -> None:
    study = _study(direction="maximize")
    values = iter([1.0, 5.0, 3.0])
    study.optimize(lambda t: next(values), n_trials=3)
    assert study.direction == StudyDirection.MAXIMIZE
    assert study.best_value == 5.0
    assert math.isclose(study.best_trial.value or 0.0, 5.0)


def test_optimize_without_limits_runs_until_stop() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        if trial.number == 9:
            study.stop()
        return 0.0

    study.optimize(objective)  # neither n_trials nor timeout
    assert len(study.trials) == 10


def test_sampler_that_stops_the_study_in_after_trial_ends_optimize() -> None:
    # How an exhaustible sampler (a grid) ends a study: it calls study.stop() in after_trial.
    class SixPoints(optuna.samplers.RandomSampler):
        def after_trial(self, study, trial, state, values):  # type: ignore[no-untyped-def]
            if len(study.trials) == 6:
                study.stop()

    study = optuna.create_study(sampler=SixPoints(seed=0))
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=100)
    assert len(study.trials) == 6
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


def test_callbacks_must_be_a_list() -> None:
    study = _study()
    with pytest.raises(TypeError, match="callbacks must be a list"):
        study.optimize(lambda t: 0.0, n_trials=1, callbacks=lambda s, t: None)  # type: ignore
    assert study.trials == []


def test_huge_int_result_fails_the_trial_and_the_study_goes_on() -> None:
    study = _study()
    study.optimize(lambda t: 10**400 if t.number == 0 else 1.0, n_trials=2)
    assert [t.state for t in study.trials] == [TrialState.FAIL, TrialState.COMPLETE]
    assert "could not be cast to float" in study.trials[0].system_attrs["fail_reason"]


def test_system_exit_marks_the_trial_failed_then_propagates() -> None:
    study = _study()

    def objective(trial: optuna.trial.Trial) -> float:
        trial.suggest_float("x", 0, 1)
        raise SystemExit(3)

    with pytest.raises(SystemExit):
        study.optimize(objective, n_trials=2)
    (trial,) = study.trials
    assert trial.state == TrialState.FAIL
    assert "x" in trial.params


def test_failing_sampler_hook_still_stores_the_result() -> None:
    class BrokenAfterTrial(optuna.samplers.RandomSampler):
        def after_trial(self, study, trial, state, values):  # type: ignore[no-untyped-def]
            raise RuntimeError("hook exploded")

    study = optuna.create_study(sampler=BrokenAfterTrial(seed=0))
    with pytest.raises(RuntimeError, match="hook exploded"):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=3)
    (trial,) = study.trials
    assert trial.state == TrialState.COMPLETE
    assert trial.value == trial.params["x"]
