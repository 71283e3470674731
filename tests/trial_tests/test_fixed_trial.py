import datetime
import warnings

import pytest

from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import BaseTrial, FixedTrial


def test_replays_given_values() -> None:
    trial = FixedTrial({"x": 0.25, "n": 3, "c": "b", "l": 0.01, "s": 0.5, "m": 8})
    assert isinstance(trial, BaseTrial)
    assert trial.suggest_float("x", 0.0, 1.0) == 0.25
    assert trial.suggest_int("n", 0, 10) == 3
    assert trial.suggest_categorical("c", ["a", "b"]) == "b"
    assert trial.suggest_float("l", 1e-3, 1.0, log=True) == 0.01
    assert trial.suggest_float("s", 0.0, 1.0, step=0.5) == 0.5
    assert trial.suggest_int("m", 1, 64, log=True) == 8
    assert trial.params == {"x": 0.25, "n": 3, "c": "b", "l": 0.01, "s": 0.5, "m": 8}
    assert trial.distributions == {
        "x": FloatDistribution(0.0, 1.0),
        "n": IntDistribution(0, 10),
        "c": CategoricalDistribution(["a", "b"]),
        "l": FloatDistribution(1e-3, 1.0, log=True),
        "s": FloatDistribution(0.0, 1.0, step=0.5),
        "m": IntDistribution(1, 64, log=True),
    }


def test_return_types() -> None:
    trial = FixedTrial({"x": 1, "n": 2.0})
    x = trial.suggest_float("x", 0, 5)
    n = trial.suggest_int("n", 0, 5)
    assert x == 1.0 and type(x) is float
    assert n == 2 and type(n) is int


def test_params_only_contain_suggested_names() -> None:
    trial = FixedTrial({"x": 0.5, "unused": 1})
    assert trial.params == {}
    trial.suggest_float("x", 0.0, 1.0)
    assert trial.params == {"x": 0.5}


def test_missing_name_raises_value_error() -> None:
    trial = FixedTrial({"x": 0.5})
    trial.suggest_float("x", 0.0, 1.0)
    with pytest.raises(ValueError, match="'y'"):
        trial.suggest_float("y", 0.0, 1.0)
    with pytest.raises(ValueError, match="'n'"):
        trial.suggest_int("n", 0, 1)
    with pytest.raises(ValueError, match="'c'"):
        trial.suggest_categorical("c", ["a"])
    assert trial.params == {"x": 0.5}


@pytest.mark.parametrize(
    "params, call",
    [
        ({"x": 2.0}, lambda t: t.suggest_float("x", 0.0, 1.0)),
        ({"x": -0.5}, lambda t: t.suggest_float("x", 0.0, 1.0)),
        ({"x": 0.3}, lambda t: t.suggest_float("x", 0.0, 1.0, step=0.5)),
        ({"x": 20}, lambda t: t.suggest_int("x", 0, 10)),
        ({"x": 3}, lambda t: t.suggest_int("x", 0, 10, step=2)),
        ({"x": 0.5}, lambda t: t.suggest_float("x", 1.0, 10.0, log=True)),
    ],
)
def test_out_of_range_value_warns_and_is_returned(params, call) -> None:
    trial = FixedTrial(params)
    with pytest.warns(UserWarning, match="'x'"):
        value = call(trial)
    assert value == params["x"]
    assert trial.params == params


def test_in_range_value_does_not_warn() -> None:
    trial = FixedTrial({"x": 1.0, "n": 10})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        trial.suggest_float("x", 0.0, 1.0)
        trial.suggest_int("n", 0, 10)


def test_categorical_value_not_in_choices_raises() -> None:
    trial = FixedTrial({"c": "z"})
    with pytest.raises(ValueError, match="'z'"):
        trial.suggest_categorical("c", ["a", "b"])


def test_categorical_types_are_distinct() -> None:
    for value in (True, 1, 1.0, None, "1"):
        trial = FixedTrial({"c": value})
        got = trial.suggest_categorical("c", [None, True, 1, 1.0, "1"])
        assert got == value and type(got) is type(value)


def test_invalid_range_still_raises() -> None:
    trial = FixedTrial({"x": 0.5, "n": 1})
    with pytest.raises(ValueError, match=r"'x'.*low=1\.0"):
        trial.suggest_float("x", 1.0, 0.0)
    with pytest.raises(ValueError, match=r"'n'.*low=0"):
        trial.suggest_int("n", 0, 10, log=True)
    assert trial.params == {}


def test_same_name_twice_and_incompatible() -> None:
    trial = FixedTrial({"x": 0.5})
    assert trial.suggest_float("x", 0.0, 1.0) == 0.5
    assert trial.suggest_float("x", 0.0, 1.0) == 0.5
    with pytest.raises(ValueError):
        trial.suggest_categorical("x", [0.5])
    with pytest.raises(ValueError):
        trial.suggest_float("x", 0.1, 1.0, log=True)
    assert trial.params == {"x": 0.5}
    assert trial.distributions == {"x": FloatDistribution(0.0, 1.0)}


def test_deprecated_suggest_methods() -> None:
    trial = FixedTrial({"u": 0.5, "l": 0.1, "d": 0.25})
    with pytest.warns(FutureWarning):
        assert trial.suggest_uniform("u", 0.0, 1.0) == 0.5
    with pytest.warns(FutureWarning):
        assert trial.suggest_loguniform("l", 0.01, 1.0) == 0.1
    with pytest.warns(FutureWarning):
        assert trial.suggest_discrete_uniform("d", 0.0, 1.0, 0.25) == 0.25
    assert trial.distributions["d"] == FloatDistribution(0.0, 1.0, step=0.25)


def test_number_and_other_properties() -> None:
    assert FixedTrial({}).number == 0
    trial = FixedTrial({}, number=7)
    assert trial.number == 7
    assert isinstance(trial.datetime_start, datetime.datetime)
    trial.set_user_attr("u", 1)
    trial.set_system_attr("s", "v")
    assert trial.user_attrs == {"u": 1}
    assert trial.system_attrs == {"s": "v"}


def test_report_and_should_prune_are_harmless() -> None:
    trial = FixedTrial({})
    trial.report(1.0, 0)
    trial.report(2.0, 0)
    assert trial.should_prune() is False


def test_runs_an_objective() -> None:
    def objective(trial: BaseTrial) -> float:
        x = trial.suggest_float("x", -10, 10)
        y = trial.suggest_int("y", -10, 10)
        return x**2 + y

    assert objective(FixedTrial({"x": 2.0, "y": -1})) == 3.0


def test_fixed_trial_params_must_be_a_dict() -> None:
    with pytest.raises(TypeError, match="params must be a dict"):
        FixedTrial(None)  # type: ignore[arg-type]
