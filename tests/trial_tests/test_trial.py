import datetime
import math
import warnings
from typing import Any

import numpy as np
import pytest

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import Trial, TrialState

pytestmark = pytest.mark.usefixtures("quiet_logs")


def _study(**kwargs: Any) -> optuna.Study:
    return optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0), **kwargs)


def _stored(study: optuna.Study, trial: Trial) -> optuna.trial.FrozenTrial:
    return study._storage.get_trial(trial._trial_id)


# --------------------------------------------------------------------------- suggest_float


def test_suggest_float_basic() -> None:
    study = _study()
    trial = study.ask()
    x = trial.suggest_float("x", -1.0, 1.0)
    assert isinstance(x, float)
    assert -1.0 <= x <= 1.0
    assert trial.params == {"x": x}
    assert trial.distributions == {"x": FloatDistribution(-1.0, 1.0)}
    stored = _stored(study, trial)
    assert stored.params == {"x": x}
    assert stored.distributions == {"x": FloatDistribution(-1.0, 1.0)}


def test_suggest_float_int_bounds_return_float() -> None:
    trial = _study().ask()
    x = trial.suggest_float("x", 0, 10)
    assert type(x) is float


def test_suggest_float_log() -> None:
    study = _study()
    for _ in range(20):
        trial = study.ask()
        x = trial.suggest_float("x", 1e-5, 1e-1, log=True)
        assert 1e-5 <= x <= 1e-1
        assert trial.distributions["x"] == FloatDistribution(1e-5, 1e-1, log=True)
        study.tell(trial, x)


def test_suggest_float_step() -> None:
    study = _study()
    seen = set()
    for _ in range(40):
        trial = study.ask()
        x = trial.suggest_float("x", -1.0, 1.0, step=0.5)
        assert x in (-1.0, -0.5, 0.0, 0.5, 1.0)
        seen.add(x)
        study.tell(trial, x)
    assert len(seen) >= 3


def test_suggest_float_step_and_log_are_keyword_only() -> None:
    trial = _study().ask()
    with pytest.raises(TypeError):
        trial.suggest_float("x", 0.0, 1.0, 0.1)  # type: ignore[misc]
    assert trial.params == {}


# --------------------------------------------------------------------------- suggest_int


def test_suggest_int_basic() -> None:
    study = _study()
    trial = study.ask()
    n = trial.suggest_int("n", -3, 3)
    assert type(n) is int
    assert -3 <= n <= 3
    assert trial.distributions == {"n": IntDistribution(-3, 3)}
    assert type(_stored(study, trial).params["n"]) is int


def test_suggest_int_step_positional() -> None:
    study = _study()
    for _ in range(20):
        trial = study.ask()
        n = trial.suggest_int("n", 1, 9, 2)
        assert n in (1, 3, 5, 7, 9)
        assert trial.distributions["n"] == IntDistribution(1, 9, step=2)
        study.tell(trial, n)


def test_suggest_int_log() -> None:
    study = _study()
    for _ in range(20):
        trial = study.ask()
        n = trial.suggest_int("n", 1, 1000, log=True)
        assert type(n) is int and 1 <= n <= 1000
        assert trial.distributions["n"] == IntDistribution(1, 1000, log=True)
        study.tell(trial, n)


def test_suggest_int_rejects_non_integer_bounds() -> None:
    trial = _study().ask()
    with pytest.raises(ValueError, match=r"'n'.*1\.5"):
        trial.suggest_int("n", 1.5, 3)  # type: ignore[arg-type]
    assert trial.params == {}


# --------------------------------------------------------------------------- invalid ranges


_INVALID_FLOAT = [
    ({"low": 2.0, "high": 1.0}, [r"low=2\.0", r"high=1\.0"]),
    ({"low": 0.0, "high": 1.0, "log": True}, [r"low=0\.0"]),
    ({"low": -1.0, "high": 1.0, "log": True}, [r"low=-1\.0"]),
    ({"low": 0.1, "high": 1.0, "log": True, "step": 0.1}, [r"step=0\.1", "log"]),
    ({"low": 0.0, "high": 1.0, "step": 0.0}, [r"step=0\.0"]),
    ({"low": 0.0, "high": 1.0, "step": -0.1}, [r"step=-0\.1"]),
    ({"low": float("nan"), "high": 1.0}, [r"low=nan"]),
    ({"low": 0.0, "high": float("nan")}, [r"high=nan"]),
    ({"low": 0.0, "high": float("inf")}, [r"high=inf"]),
    ({"low": -float("inf"), "high": 0.0}, [r"low=-inf"]),
]

_INVALID_INT = [
    ({"low": 5, "high": 1}, [r"low=5", r"high=1"]),
    ({"low": 0, "high": 10, "log": True}, [r"low=0"]),
    ({"low": -2, "high": 10, "log": True}, [r"low=-2"]),
    ({"low": 1, "high": 10, "log": True, "step": 2}, [r"step=2", "log"]),
    ({"low": 0, "high": 10, "step": 0}, [r"step=0"]),
    ({"low": 0, "high": 10, "step": -2}, [r"step=-2"]),
]


@pytest.mark.parametrize("kwargs, patterns", _INVALID_FLOAT)
def test_suggest_float_invalid_range(kwargs, patterns) -> None:
    study = _study()
    trial = study.ask()
    kept = trial.suggest_float("kept", 0.0, 1.0)
    with pytest.raises(ValueError, match="'bad_float'") as excinfo:
        trial.suggest_float("bad_float", **kwargs)
    for pattern in patterns:
        assert _search(pattern, str(excinfo.value))
    # Nothing already recorded is lost, and nothing half-recorded appears.
    assert trial.params == {"kept": kept}
    assert _stored(study, trial).params == {"kept": kept}
    # The trial is still usable afterwards.
    assert trial.suggest_float("other", 0.0, 1.0) <= 1.0


@pytest.mark.parametrize("kwargs, patterns", _INVALID_INT)
def test_suggest_int_invalid_range(kwargs, patterns) -> None:
    study = _study()
    trial = study.ask()
    kept = trial.suggest_int("kept", 0, 10)
    with pytest.raises(ValueError, match="'bad_int'") as excinfo:
        trial.suggest_int("bad_int", **kwargs)
    for pattern in patterns:
        assert _search(pattern, str(excinfo.value))
    assert trial.params == {"kept": kept}
    assert _stored(study, trial).params == {"kept": kept}


def test_invalid_range_error_repeats_on_every_call() -> None:
    # Errors must not be swallowed by any caching of distributions.
    study = _study()
    for _ in range(3):
        trial = study.ask()
        with pytest.raises(ValueError, match="'x'"):
            trial.suggest_float("x", 1.0, 0.0)
        with pytest.raises(ValueError, match="'n'"):
            trial.suggest_int("n", 1, 0)


def test_suggest_categorical_empty_choices() -> None:
    trial = _study().ask()
    with pytest.raises(ValueError, match="empty"):
        trial.suggest_categorical("c", [])
    assert trial.params == {}


def _search(pattern: str, text: str) -> bool:
    import re

    return re.search(pattern, text) is not None


# --------------------------------------------------------------------------- trimming


def test_suggest_float_step_trims_high_with_warning_every_trial() -> None:
    study = _study()
    for _ in range(3):
        trial = study.ask()
        with pytest.warns(UserWarning, match=r"'x'.*high is replaced by 0\.9"):
            x = trial.suggest_float("x", 0.0, 1.0, step=0.3)
        assert any(math.isclose(x, v, abs_tol=1e-12) for v in (0.0, 0.3, 0.6, 0.9))
        dist = trial.distributions["x"]
        assert isinstance(dist, FloatDistribution)
        assert dist.high == pytest.approx(0.9)
        study.tell(trial, x)


def test_suggest_int_step_trims_high_with_warning_every_trial() -> None:
    study = _study()
    for _ in range(3):
        trial = study.ask()
        with pytest.warns(UserWarning, match=r"'n'.*high is replaced by 9"):
            n = trial.suggest_int("n", 0, 10, step=3)
        assert n in (0, 3, 6, 9)
        assert trial.distributions["n"] == IntDistribution(0, 9, step=3)
        study.tell(trial, n)


def test_suggest_divisible_range_does_not_warn() -> None:
    trial = _study().ask()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trial.suggest_float("x", 0.0, 1.0, step=0.1)
        trial.suggest_int("n", 0, 10, step=5)
        trial.suggest_float("y", -0.3, 0.3, step=0.1)


# --------------------------------------------------------------------------- single value


@pytest.mark.parametrize(
    "method, args, kwargs, expected",
    [
        ("suggest_float", (1.5, 1.5), {}, 1.5),
        ("suggest_float", (2.0, 2.0), {"log": True}, 2.0),
        ("suggest_float", (0.5, 0.5), {"step": 0.1}, 0.5),
        ("suggest_int", (3, 3), {}, 3),
        ("suggest_int", (4, 4), {"log": True}, 4),
        ("suggest_int", (7, 7), {"step": 3}, 7),
    ],
)
def test_low_equals_high(method: str, args, kwargs, expected) -> None:
    study = _study()
    trial = study.ask()
    value = getattr(trial, method)("p", *args, **kwargs)
    assert value == expected
    assert type(value) is type(expected)
    assert _stored(study, trial).params == {"p": expected}


def test_single_choice_categorical() -> None:
    trial = _study().ask()
    assert trial.suggest_categorical("c", ["only"]) == "only"


# --------------------------------------------------------------------------- same name twice


def test_same_name_returns_same_value() -> None:
    study = _study()
    trial = study.ask()
    x1 = trial.suggest_float("x", 0.0, 1.0)
    n1 = trial.suggest_int("n", 0, 1000)
    c1 = trial.suggest_categorical("c", ["a", "b", "c", "d"])
    for _ in range(5):
        assert trial.suggest_float("x", 0.0, 1.0) == x1
        assert trial.suggest_int("n", 0, 1000) == n1
        assert trial.suggest_categorical("c", ["a", "b", "c", "d"]) == c1
    assert trial.params == {"x": x1, "n": n1, "c": c1}


def test_same_name_with_changed_range_returns_first_value_and_warns() -> None:
    trial = _study().ask()
    x = trial.suggest_float("x", 0.0, 1.0)
    with pytest.warns(RuntimeWarning, match=r"'x' was suggested again .* different") as record:
        assert trial.suggest_float("x", 5.0, 6.0) == x
    assert record[0].filename == __file__  # points at the caller's line
    assert trial.distributions["x"] == FloatDistribution(0.0, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert trial.suggest_float("x", 0.0, 1.0) == x  # an equal distribution: no warning


@pytest.mark.parametrize(
    "first, second",
    [
        (lambda t: t.suggest_float("p", 0.1, 1.0), lambda t: t.suggest_int("p", 1, 10)),
        (lambda t: t.suggest_int("p", 1, 10), lambda t: t.suggest_float("p", 0.1, 1.0)),
        (lambda t: t.suggest_float("p", 0.1, 1.0), lambda t: t.suggest_categorical("p", [0.1])),
        (lambda t: t.suggest_categorical("p", [1, 2]), lambda t: t.suggest_int("p", 1, 2)),
        (
            lambda t: t.suggest_float("p", 0.1, 1.0),
            lambda t: t.suggest_float("p", 0.1, 1.0, log=True),
        ),
        (
            lambda t: t.suggest_float("p", 0.1, 1.0, log=True),
            lambda t: t.suggest_float("p", 0.1, 1.0),
        ),
        (lambda t: t.suggest_int("p", 1, 10), lambda t: t.suggest_int("p", 1, 10, log=True)),
        (
            lambda t: t.suggest_categorical("p", ["a", "b"]),
            lambda t: t.suggest_categorical("p", ["a", "c"]),
        ),
        (
            lambda t: t.suggest_categorical("p", ["a", "b"]),
            lambda t: t.suggest_categorical("p", ["a", "b", "c"]),
        ),
    ],
)
def test_same_name_incompatible_distribution(first, second) -> None:
    study = _study()
    trial = study.ask()
    value = first(trial)
    distribution = trial.distributions["p"]
    with pytest.raises(ValueError):
        second(trial)
    assert trial.params == {"p": value}
    assert trial.distributions == {"p": distribution}
    assert _stored(study, trial).params == {"p": value}


def test_incompatible_distribution_across_trials() -> None:
    study = _study()
    trial0 = study.ask()
    x = trial0.suggest_float("x", 0.0, 1.0)
    study.tell(trial0, x)
    trial1 = study.ask()
    with pytest.raises(ValueError):
        trial1.suggest_int("x", 0, 1)
    assert "x" not in trial1.params
    assert study.trials[0].params == {"x": x}


# --------------------------------------------------------------------------- categorical choices


@pytest.mark.parametrize("choice", [None, True, False, 1, 1.0, 0, 0.0, "1", "a"])
def test_categorical_choice_types_are_kept(choice) -> None:
    choices = [None, True, False, 1, 1.0, 0, 0.0, "1", "a"]
    study = _study()
    study.enqueue_trial({"c": choice})
    trial = study.ask()
    value = trial.suggest_categorical("c", choices)
    assert value == choice and type(value) is type(choice)
    study.tell(trial, 0.0)
    stored = study.trials[0].params["c"]
    assert stored == choice and type(stored) is type(choice)


def test_categorical_random_values_keep_types() -> None:
    choices = (None, True, 1, 1.0, "1")
    study = _study()
    seen = set()
    for _ in range(60):
        trial = study.ask()
        value = trial.suggest_categorical("c", choices)
        assert any(value is c or (value == c and type(value) is type(c)) for c in choices)
        seen.add((type(value), value))
        study.tell(trial, 0.0)
    assert len(seen) == len(choices)
    for frozen in study.trials:
        index = frozen.distributions["c"].to_internal_repr(frozen.params["c"])
        assert type(choices[int(index)]) is type(frozen.params["c"])


def test_categorical_non_primitive_choices_warn_every_time() -> None:
    study = _study()
    marker = ("tuple", "choice")
    for _ in range(2):
        trial = study.ask()
        with pytest.warns(UserWarning, match="tuple"):
            value = trial.suggest_categorical("c", [marker, "plain"])
        assert value in (marker, "plain")
        study.tell(trial, 0.0)


def test_categorical_unhashable_choices() -> None:
    study = _study()
    trial = study.ask()
    with pytest.warns(UserWarning):
        value = trial.suggest_categorical("c", [[1, 2], [3]])
    assert value in ([1, 2], [3])
    assert trial.params["c"] == value


# --------------------------------------------------------------------------- deprecated suggest


def test_suggest_uniform_is_deprecated_and_delegates() -> None:
    trial = _study().ask()
    with pytest.warns(FutureWarning, match="suggest_uniform") as record:
        x = trial.suggest_uniform("x", 0.0, 2.0)
    assert "3.0.0" in str(record[0].message)
    assert "suggest_float" in str(record[0].message)
    assert 0.0 <= x <= 2.0
    assert trial.distributions["x"] == FloatDistribution(0.0, 2.0)
    assert trial.params == {"x": x}


def test_suggest_loguniform_is_deprecated_and_delegates() -> None:
    trial = _study().ask()
    with pytest.warns(FutureWarning, match="suggest_loguniform") as record:
        x = trial.suggest_loguniform("x", 0.01, 1.0)
    assert "suggest_float" in str(record[0].message)
    assert 0.01 <= x <= 1.0
    assert trial.distributions["x"] == FloatDistribution(0.01, 1.0, log=True)


def test_suggest_discrete_uniform_is_deprecated_and_delegates() -> None:
    trial = _study().ask()
    with pytest.warns(FutureWarning, match="suggest_discrete_uniform") as record:
        x = trial.suggest_discrete_uniform("x", 0.0, 1.0, 0.25)
    assert "suggest_float" in str(record[0].message)
    assert x in (0.0, 0.25, 0.5, 0.75, 1.0)
    assert trial.distributions["x"] == FloatDistribution(0.0, 1.0, step=0.25)


def test_deprecated_suggest_validates_like_suggest_float() -> None:
    trial = _study().ask()
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match="'x'"):
        trial.suggest_uniform("x", 1.0, 0.0)
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match="'y'"):
        trial.suggest_loguniform("y", 0.0, 1.0)
    assert trial.params == {}


def test_deprecation_warning_points_at_caller() -> None:
    trial = _study().ask()
    with pytest.warns(FutureWarning) as record:
        trial.suggest_uniform("x", 0.0, 1.0)
    assert record[0].filename == __file__


# --------------------------------------------------------------------------- report


def test_report_records_intermediate_values() -> None:
    study = _study()
    trial = study.ask()
    trial.report(1.5, 0)
    trial.report(np.float32(0.5), 1)
    trial.report(2, np.int64(3))
    stored = _stored(study, trial)
    assert stored.intermediate_values == {0: 1.5, 1: 0.5, 3: 2.0}
    assert all(isinstance(v, float) for v in stored.intermediate_values.values())
    study.tell(trial, 1.0)
    assert study.trials[0].intermediate_values == {0: 1.5, 1: 0.5, 3: 2.0}
    assert study.trials[0].last_step == 3


def test_report_same_step_twice_warns_and_keeps_first() -> None:
    study = _study()
    trial = study.ask()
    trial.report(1.0, 2)
    with pytest.warns(UserWarning, match="2"):
        trial.report(5.0, 2)
    assert _stored(study, trial).intermediate_values == {2: 1.0}


@pytest.mark.parametrize("step", [1.0, 1.5, "1", None])
def test_report_non_integer_step_is_type_error(step) -> None:
    study = _study()
    trial = study.ask()
    trial.report(0.1, 0)
    with pytest.raises(TypeError, match="step"):
        trial.report(1.0, step)  # type: ignore[arg-type]
    assert _stored(study, trial).intermediate_values == {0: 0.1}


def test_report_negative_step_is_value_error() -> None:
    study = _study()
    trial = study.ask()
    with pytest.raises(ValueError, match="-1"):
        trial.report(1.0, -1)
    assert _stored(study, trial).intermediate_values == {}


@pytest.mark.parametrize("value", ["abc", None, object(), [1.0]])
def test_report_non_numeric_value_is_type_error(value) -> None:
    study = _study()
    trial = study.ask()
    with pytest.raises(TypeError, match="value"):
        trial.report(value, 0)  # type: ignore[arg-type]
    assert _stored(study, trial).intermediate_values == {}


def test_report_nan_is_recorded() -> None:
    study = _study()
    trial = study.ask()
    trial.report(float("nan"), 0)
    assert math.isnan(_stored(study, trial).intermediate_values[0])


def test_report_and_should_prune_not_for_multi_objective() -> None:
    study = _study(directions=["minimize", "maximize"])
    trial = study.ask()
    with pytest.raises(NotImplementedError):
        trial.report(1.0, 0)
    with pytest.raises(NotImplementedError):
        trial.should_prune()
    assert _stored(study, trial).intermediate_values == {}


def test_should_prune_uses_study_pruner() -> None:
    class AlwaysPrune(optuna.pruners.BasePruner):
        def prune(self, study, trial):  # type: ignore[no-untyped-def]
            return True

    study = _study(pruner=AlwaysPrune())
    trial = study.ask()
    trial.report(1.0, 0)
    assert trial.should_prune() is True

    study = _study(pruner=optuna.pruners.NopPruner())
    trial = study.ask()
    trial.report(1.0, 0)
    assert trial.should_prune() is False


def test_should_prune_sees_reported_values() -> None:
    seen = []

    class Recorder(optuna.pruners.BasePruner):
        def prune(self, study, trial):  # type: ignore[no-untyped-def]
            seen.append(dict(trial.intermediate_values))
            return False

    trial = _study(pruner=Recorder()).ask()
    trial.report(3.0, 0)
    trial.should_prune()
    trial.report(2.0, 1)
    trial.should_prune()
    assert seen == [{0: 3.0}, {0: 3.0, 1: 2.0}]


# ------------------------------------------------------------------------ attributes & properties


def test_trial_properties() -> None:
    study = _study()
    trials = [study.ask() for _ in range(3)]
    assert [t.number for t in trials] == [0, 1, 2]
    trial = trials[0]
    assert isinstance(trial.datetime_start, datetime.datetime)
    trial.set_user_attr("u", {"a": 1})
    trial.set_system_attr("s", [1, 2])
    assert trial.user_attrs == {"u": {"a": 1}}
    assert trial.system_attrs["s"] == [1, 2]
    stored = _stored(study, trial)
    assert stored.user_attrs == {"u": {"a": 1}}
    assert stored.system_attrs["s"] == [1, 2]


def test_trial_params_are_copies() -> None:
    study = _study()
    trial = study.ask()
    x = trial.suggest_float("x", 0.0, 1.0)
    trial.params["x"] = 100.0
    trial.distributions["x"] = IntDistribution(0, 1)
    trial.user_attrs["injected"] = 1
    assert trial.params == {"x": x}
    assert trial.distributions == {"x": FloatDistribution(0.0, 1.0)}
    assert trial.user_attrs == {}


def test_finished_trial_cannot_be_modified() -> None:
    study = _study()
    trial = study.ask()
    x = trial.suggest_float("x", 0.0, 1.0)
    trial.report(0.5, 0)
    trial.set_user_attr("k", "v")
    study.tell(trial, x)
    with pytest.raises(RuntimeError, match="finished"):
        trial.suggest_float("y", 0.0, 1.0)
    with pytest.raises(RuntimeError, match="finished"):
        trial.set_user_attr("k", "changed")
    with pytest.raises(RuntimeError, match="finished"):
        trial.report(1.0, 1)
    frozen = study.trials[0]
    assert frozen.state == TrialState.COMPLETE
    assert frozen.params == {"x": x}
    assert frozen.user_attrs == {"k": "v"}
    assert frozen.intermediate_values == {0: 0.5}


def test_objective_receives_trial_and_values_are_stored() -> None:
    study = _study()

    def objective(trial: Trial) -> float:
        assert isinstance(trial, Trial)
        x = trial.suggest_float("x", -10, 10)
        n = trial.suggest_int("n", 0, 5)
        c = trial.suggest_categorical("c", ["a", "b"])
        return x**2 + n + (1.0 if c == "a" else 0.0)

    study.optimize(objective, n_trials=10)
    assert len(study.trials) == 10
    for t in study.trials:
        assert t.state == TrialState.COMPLETE
        expected = t.params["x"] ** 2 + t.params["n"] + (1.0 if t.params["c"] == "a" else 0.0)
        assert t.value == pytest.approx(expected)


def test_fixed_distributions_via_ask() -> None:
    study = _study()
    trial = study.ask({"x": FloatDistribution(0.0, 1.0), "c": CategoricalDistribution(["p", "q"])})
    assert set(trial.params) == {"x", "c"}
    assert trial.suggest_float("x", 0.0, 1.0) == trial.params["x"]
    assert trial.suggest_categorical("c", ["p", "q"]) == trial.params["c"]


def test_enqueued_value_is_used_and_out_of_range_warns() -> None:
    study = _study()
    study.enqueue_trial({"x": 0.5, "n": 20})
    trial = study.ask()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert trial.suggest_float("x", 0.0, 1.0) == 0.5
    with pytest.warns(UserWarning, match="'n'"):
        assert trial.suggest_int("n", 0, 10) == 20
    other = trial.suggest_float("free", 0.0, 1.0)
    assert 0.0 <= other <= 1.0
    assert _stored(study, trial).params == {"x": 0.5, "n": 20, "free": other}


def test_numpy_bounds_are_accepted() -> None:
    trial = _study().ask()
    x = trial.suggest_float("x", np.float64(0.0), np.float32(1.0))
    n = trial.suggest_int("n", np.int64(1), np.int32(5))
    assert type(x) is float and 0.0 <= x <= 1.0
    assert type(n) is int and 1 <= n <= 5


def test_trial_constructed_from_study_and_trial_id() -> None:
    study = _study()
    trial_id = study._storage.create_new_trial(study._study_id)
    trial = Trial(study, trial_id)
    assert trial.number == 0
    x = trial.suggest_float("x", 0.0, 1.0)
    trial.report(x, 0)
    stored = study._storage.get_trial(trial_id)
    assert stored.params == {"x": x}
    assert stored.intermediate_values == {0: x}


@pytest.mark.parametrize(
    "sampler",
    [optuna.samplers.RandomSampler(seed=0), optuna.samplers.TPESampler(seed=0)],
    ids=["random", "tpe"],
)
def test_sample_independent_replaced_on_the_sampler_object_is_used(sampler) -> None:
    # Replacing the method on one object (as unittest.mock.patch.object does) must be seen,
    # not only overrides in a subclass.
    study = optuna.create_study(sampler=sampler)
    sampler.sample_independent = lambda study, trial, name, distribution: 0.25
    trial = study.ask()
    assert trial.suggest_float("x", 0.0, 1.0) == 0.25
    assert study.trials[0].params == {"x": 0.25}


def test_set_trial_param_replaced_on_the_storage_object_is_used() -> None:
    storage = optuna.storages.InMemoryStorage()
    study = optuna.create_study(storage=storage)
    original = storage.set_trial_param
    seen = []

    def recording(trial_id, name, internal, distribution):
        seen.append((name, internal))
        original(trial_id, name, internal, distribution)

    storage.set_trial_param = recording
    trial = study.ask()
    x = trial.suggest_float("x", 0.0, 1.0)
    assert seen == [("x", x)]
    assert study.trials[0].params == {"x": x}
