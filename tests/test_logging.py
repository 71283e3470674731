import io
import logging
import re
import warnings
from typing import Iterator, List

import colorlog
import pytest

import optuna
from optuna.trial import TrialState


class _ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.records: List[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self, level: int = logging.INFO) -> List[str]:
        return [r.getMessage() for r in self.records if r.levelno == level]


def _optuna_logger() -> logging.Logger:
    return logging.getLogger("optuna")


def _default_handlers() -> List[logging.Handler]:
    return [
        h for h in _optuna_logger().handlers if isinstance(h.formatter, colorlog.ColoredFormatter)
    ]


@pytest.fixture(autouse=True)
def _restore_logging_state() -> Iterator[None]:
    optuna.logging.get_logger("optuna")  # make sure the default configuration exists
    logger = _optuna_logger()
    level, handlers, propagate = logger.level, list(logger.handlers), logger.propagate
    optuna.logging.set_verbosity(optuna.logging.INFO)
    optuna.logging.enable_default_handler()
    optuna.logging.disable_propagation()
    yield
    logger.setLevel(level)
    logger.handlers[:] = handlers
    logger.propagate = propagate


@pytest.fixture
def default_stream() -> Iterator[io.StringIO]:
    """Redirect the default handler to a buffer for the duration of a test."""
    (handler,) = _default_handlers()
    assert isinstance(handler, logging.StreamHandler)
    stream = io.StringIO()
    old = handler.setStream(stream)
    yield stream
    handler.setStream(old)


@pytest.fixture
def records() -> Iterator[_ListHandler]:
    handler = _ListHandler()
    _optuna_logger().addHandler(handler)
    yield handler
    _optuna_logger().removeHandler(handler)


def _study(**kwargs) -> optuna.Study:  # type: ignore[no-untyped-def]
    return optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0), **kwargs)


# --------------------------------------------------------------------------- configuration


def test_level_constants() -> None:
    assert optuna.logging.DEBUG == logging.DEBUG
    assert optuna.logging.INFO == logging.INFO
    assert optuna.logging.WARNING == logging.WARNING
    assert optuna.logging.WARN == logging.WARN
    assert optuna.logging.ERROR == logging.ERROR
    assert optuna.logging.CRITICAL == logging.CRITICAL
    assert optuna.logging.FATAL == logging.FATAL


def test_get_logger_is_under_optuna_hierarchy() -> None:
    logger = optuna.logging.get_logger("optuna.some.module")
    assert isinstance(logger, logging.Logger)
    assert logger.name == "optuna.some.module"
    assert logger is logging.getLogger("optuna.some.module")


def test_default_handler_uses_colorlog_formatter() -> None:
    assert len(_default_handlers()) == 1
    assert isinstance(optuna.logging.create_default_formatter(), colorlog.ColoredFormatter)


def test_default_handler_writes_messages(default_stream: io.StringIO) -> None:
    optuna.logging.get_logger("optuna.test").info("hello from the test")
    assert "hello from the test" in default_stream.getvalue()


@pytest.mark.parametrize(
    "level",
    [
        optuna.logging.DEBUG,
        optuna.logging.INFO,
        optuna.logging.WARNING,
        optuna.logging.ERROR,
        optuna.logging.CRITICAL,
    ],
)
def test_set_and_get_verbosity(level: int) -> None:
    optuna.logging.set_verbosity(level)
    assert optuna.logging.get_verbosity() == level
    assert _optuna_logger().getEffectiveLevel() == level


def test_verbosity_filters_messages(default_stream: io.StringIO) -> None:
    logger = optuna.logging.get_logger("optuna.test")
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    logger.info("info is hidden")
    logger.warning("warning is shown")
    optuna.logging.set_verbosity(optuna.logging.DEBUG)
    logger.debug("debug is shown")
    text = default_stream.getvalue()
    assert "info is hidden" not in text
    assert "warning is shown" in text
    assert "debug is shown" in text


def test_disable_and_enable_default_handler(default_stream: io.StringIO) -> None:
    logger = optuna.logging.get_logger("optuna.test")
    optuna.logging.disable_default_handler()
    assert _default_handlers() == []
    logger.info("while disabled")
    optuna.logging.enable_default_handler()
    optuna.logging.enable_default_handler()  # idempotent
    assert len(_default_handlers()) == 1
    logger.info("after enabling")
    text = default_stream.getvalue()
    assert "while disabled" not in text
    assert text.count("after enabling") == 1


def test_propagation() -> None:
    # A handler of our own on the root logger, independent of pytest's log capturing.
    received: List[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            received.append(record.getMessage())

    handler = _Collect(level=logging.INFO)
    root = logging.getLogger()
    root.addHandler(handler)
    logger = optuna.logging.get_logger("optuna.test")
    try:
        optuna.logging.set_verbosity(optuna.logging.INFO)
        optuna.logging.disable_propagation()
        logger.info("not propagated")
        optuna.logging.enable_propagation()
        assert _optuna_logger().propagate is True
        logger.info("propagated")
        optuna.logging.disable_propagation()
        assert _optuna_logger().propagate is False
    finally:
        root.removeHandler(handler)
    assert "propagated" in received
    assert "not propagated" not in received


def test_default_handler_disabled_with_propagation_reaches_user_config(
    caplog: pytest.LogCaptureFixture, default_stream: io.StringIO
) -> None:
    optuna.logging.disable_default_handler()
    optuna.logging.enable_propagation()
    with caplog.at_level(logging.INFO):
        _study().optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert any("Trial 0 finished" in r.getMessage() for r in caplog.records)
    assert default_stream.getvalue() == ""


# --------------------------------------------------------------------------- trial log lines


def _trial_lines(handler: _ListHandler) -> List[str]:
    return [m for m in handler.messages(logging.INFO) if m.startswith("Trial ")]


def test_each_finished_trial_logs_one_info_line(records: _ListHandler) -> None:
    study = _study()
    study.optimize(lambda t: (t.suggest_float("x", -1, 1) - 0.2) ** 2, n_trials=4)
    lines = _trial_lines(records)
    assert len(lines) == 4
    trials = study.trials
    best_number, best_value = None, None
    for trial, line in zip(trials, lines):
        if best_value is None or trial.value < best_value:
            best_number, best_value = trial.number, trial.value
        expected = (
            f"Trial {trial.number} finished with value: {trial.value} and parameters: "
            f"{trial.params}. Best is trial {best_number} with value: {best_value}."
        )
        assert line == expected


def test_first_trial_line_format(records: _ListHandler) -> None:
    study = _study()
    study.optimize(lambda t: t.suggest_int("n", 3, 3) * 1.5, n_trials=1)
    assert _trial_lines(records) == [
        "Trial 0 finished with value: 4.5 and parameters: {'n': 3}. "
        "Best is trial 0 with value: 4.5."
    ]


def test_best_so_far_in_maximize_study(records: _ListHandler) -> None:
    study = _study(direction="maximize")
    values = iter([1.0, 3.0, 2.0])
    study.optimize(lambda t: next(values), n_trials=3)
    lines = _trial_lines(records)
    assert lines[0].endswith("Best is trial 0 with value: 1.0.")
    assert lines[1].endswith("Best is trial 1 with value: 3.0.")
    assert lines[2].endswith("Best is trial 1 with value: 3.0.")


def test_multi_objective_trial_line(records: _ListHandler) -> None:
    study = _study(directions=["minimize", "maximize"])
    study.optimize(lambda t: (t.suggest_float("x", 0, 1), 2.0), n_trials=2)
    lines = _trial_lines(records)
    assert len(lines) == 2
    for trial, line in zip(study.trials, lines):
        assert line.startswith(f"Trial {trial.number} finished with values: {trial.values}")
        assert str(trial.params) in line


def test_tell_logs_the_trial_line(records: _ListHandler) -> None:
    study = _study()
    trial = study.ask()
    x = trial.suggest_float("x", 0, 1)
    study.tell(trial, x)
    lines = _trial_lines(records)
    assert len(lines) == 1
    assert lines[0].startswith(f"Trial 0 finished with value: {x} and parameters: {{'x': {x}}}")


def test_pruned_and_failed_trials_are_reported(records: _ListHandler) -> None:
    study = _study()

    def objective(trial: optuna.Trial) -> float:
        if trial.number == 0:
            raise optuna.TrialPruned()
        if trial.number == 1:
            raise ValueError("boom")
        return 1.0

    study.optimize(objective, n_trials=3, catch=(ValueError,))
    assert [t.state for t in study.trials] == [
        TrialState.PRUNED,
        TrialState.FAIL,
        TrialState.COMPLETE,
    ]
    info_lines = _trial_lines(records)
    assert len(info_lines) == 2
    assert re.match(r"Trial 0 pruned", info_lines[0])
    assert info_lines[1].startswith("Trial 2 finished with value: 1.0")
    warnings = [m for m in records.messages(logging.WARNING) if m.startswith("Trial 1")]
    assert len(warnings) == 1
    assert "boom" in warnings[0]


def test_warning_verbosity_silences_trial_lines(
    records: _ListHandler, default_stream: io.StringIO
) -> None:
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = _study()
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=3)
    assert len(study.trials) == 3
    assert _trial_lines(records) == []
    assert "finished with value" not in default_stream.getvalue()


def test_trial_line_reaches_default_handler(default_stream: io.StringIO) -> None:
    _study().optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    text = default_stream.getvalue()
    assert text.count("finished with value") == 2
    assert "Trial 0 finished" in text and "Trial 1 finished" in text


def test_log_redirected_to_a_file_has_no_colour_codes(tmp_path) -> None:
    import subprocess
    import sys

    log = tmp_path / "log.txt"
    code = (
        "import optuna\n"
        "s = optuna.create_study()\n"
        "s.optimize(lambda t: t.suggest_float('x', 0, 1), n_trials=1)\n"
    )
    with open(log, "w") as stderr:
        subprocess.run([sys.executable, "-c", code], stderr=stderr, check=True)
    text = log.read_text()
    assert "Trial 0 finished" in text
    assert "\x1b[" not in text


def test_tell_with_an_invalid_value_warns_once_and_logs_nothing(records: _ListHandler) -> None:
    # ask/tell reports the problem as a Python warning only; optimize logs it instead.
    study = _study()
    with pytest.warns(UserWarning, match="value nan is not acceptable") as warned:
        study.tell(study.ask(), float("nan"))
    assert len(warned) == 1
    assert records.messages(logging.WARNING) == []
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        study.optimize(lambda t: float("nan"), n_trials=1)
    (line,) = records.messages(logging.WARNING)
    assert "Trial 1 failed" in line and "nan is not acceptable" in line
