import copy
import datetime
import pickle
from typing import Any

import pytest

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import BaseTrial, FrozenTrial, TrialState

pytestmark = pytest.mark.usefixtures("quiet_logs")


_START = datetime.datetime(2022, 1, 1, 12, 0, 0)
_END = datetime.datetime(2022, 1, 1, 12, 0, 5)


def _frozen(**overrides: Any) -> FrozenTrial:
    kwargs: dict = dict(
        number=3,
        state=TrialState.COMPLETE,
        value=0.5,
        datetime_start=_START,
        datetime_complete=_END,
        params={"x": 0.25, "n": 4, "c": "b"},
        distributions={
            "x": FloatDistribution(0.0, 1.0),
            "n": IntDistribution(0, 10, step=2),
            "c": CategoricalDistribution(["a", "b"]),
        },
        user_attrs={"u": [1, 2]},
        system_attrs={"s": {"k": "v"}},
        intermediate_values={0: 3.0, 5: 1.0, 2: 2.0},
        trial_id=11,
    )
    kwargs.update(overrides)
    return FrozenTrial(**kwargs)


def test_fields() -> None:
    t = _frozen()
    assert isinstance(t, BaseTrial)
    assert t.number == 3
    assert t.state == TrialState.COMPLETE
    assert t.value == 0.5
    assert t.values == [0.5]
    assert t.datetime_start == _START
    assert t.datetime_complete == _END
    assert t.duration == datetime.timedelta(seconds=5)
    assert t.params == {"x": 0.25, "n": 4, "c": "b"}
    assert t.distributions["n"] == IntDistribution(0, 10, step=2)
    assert t.user_attrs == {"u": [1, 2]}
    assert t.system_attrs == {"s": {"k": "v"}}
    assert t.intermediate_values == {0: 3.0, 5: 1.0, 2: 2.0}
    assert t.last_step == 5
    assert t.trial_id == 11


def test_duration_and_last_step_when_unknown() -> None:
    t = _frozen(
        state=TrialState.RUNNING, value=None, datetime_complete=None, intermediate_values={}
    )
    assert t.duration is None
    assert t.last_step is None
    assert t.value is None
    assert t.values is None
    waiting = _frozen(
        state=TrialState.WAITING, value=None, datetime_start=None, datetime_complete=None
    )
    assert waiting.duration is None


def test_multi_objective_values() -> None:
    t = _frozen(value=None, values=[1.0, 2.0])
    assert t.values == [1.0, 2.0]
    with pytest.raises(RuntimeError, match="values"):
        t.value


def test_value_and_values_together_is_error() -> None:
    with pytest.raises(ValueError, match="value"):
        _frozen(value=1.0, values=[1.0])


def test_values_setter_and_value_setter() -> None:
    t = _frozen()
    t.value = 2.0
    assert t.values == [2.0]
    t.values = [3.0, 4.0]
    assert t.values == [3.0, 4.0]
    with pytest.raises(RuntimeError):
        t.value = 1.0
    assert t.values == [3.0, 4.0]
    t.values = None
    assert t.value is None and t.values is None


def test_suggest_returns_recorded_values() -> None:
    t = _frozen()
    assert t.suggest_float("x", 0.0, 1.0) == 0.25
    assert t.suggest_int("n", 0, 10, step=2) == 4
    assert t.suggest_categorical("c", ["a", "b"]) == "b"
    with pytest.warns(FutureWarning):
        assert t.suggest_uniform("x", 0.0, 1.0) == 0.25


def test_suggest_unknown_name_raises() -> None:
    t = _frozen()
    with pytest.raises(ValueError, match="'missing'"):
        t.suggest_float("missing", 0.0, 1.0)
    with pytest.raises(ValueError, match="'missing'"):
        t.suggest_int("missing", 0, 1)
    with pytest.raises(ValueError, match="'missing'"):
        t.suggest_categorical("missing", ["a"])
    assert set(t.params) == {"x", "n", "c"}


def test_suggest_out_of_range_warns_and_returns_recorded_value() -> None:
    t = _frozen()
    with pytest.warns(UserWarning, match="'x'") as record:
        assert t.suggest_float("x", 0.5, 1.0) == 0.25
    assert record[0].filename == __file__
    with pytest.warns(UserWarning, match="'n'"):
        assert t.suggest_int("n", 5, 10) == 4
    assert t.params["x"] == 0.25


def test_suggest_incompatible_raises() -> None:
    t = _frozen()
    with pytest.raises(ValueError):
        t.suggest_categorical("x", [0.25])
    with pytest.raises(ValueError):
        t.suggest_int("n", 1, 10, log=True)
    assert t.params["x"] == 0.25


def test_report_should_prune_and_attrs() -> None:
    t = _frozen()
    t.report(100.0, 9)
    assert t.should_prune() is False
    t.set_user_attr("new", 1)
    t.set_system_attr("snew", 2)
    assert t.user_attrs["new"] == 1
    assert t.system_attrs["snew"] == 2


def test_equality_and_ordering() -> None:
    assert _frozen() == _frozen()
    assert _frozen() != _frozen(value=0.6)
    assert _frozen() != _frozen(params={"x": 0.3, "n": 4, "c": "b"})
    assert _frozen() != _frozen(user_attrs={})
    assert _frozen() != _frozen(intermediate_values={})
    assert _frozen() != _frozen(trial_id=12)
    a, b, c = _frozen(number=0), _frozen(number=1), _frozen(number=2)
    assert a < b and b <= c and a <= a
    assert not (b < a)
    assert sorted([c, a, b]) == [a, b, c]
    assert _frozen() != "not a trial"


def test_deepcopy_is_independent() -> None:
    t = _frozen()
    c = copy.deepcopy(t)
    assert c == t and c is not t
    c.params["x"] = 0.9
    c.user_attrs["u"].append(3)
    c.system_attrs["s"]["k"] = "changed"
    c.intermediate_values[7] = 0.0
    c.values = [9.0]
    assert t.params["x"] == 0.25
    assert t.user_attrs == {"u": [1, 2]}
    assert t.system_attrs == {"s": {"k": "v"}}
    assert 7 not in t.intermediate_values
    assert t.value == 0.5


def test_copy_and_pickle() -> None:
    t = _frozen()
    assert copy.copy(t) == t
    assert pickle.loads(pickle.dumps(t)) == t


def test_repr_mentions_key_fields() -> None:
    text = repr(_frozen())
    assert "number=3" in text
    assert "COMPLETE" in text


def test_trials_from_study_are_frozen_trials() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=1))
    study.optimize(lambda t: t.suggest_float("x", 0.0, 1.0), n_trials=3)
    frozen = study.trials
    assert [t.number for t in frozen] == [0, 1, 2]
    for t in frozen:
        assert isinstance(t, FrozenTrial)
        assert t.state == TrialState.COMPLETE
        assert t.value == t.params["x"]
        assert t.datetime_start is not None and t.datetime_complete is not None
        assert t.duration is not None and t.duration >= datetime.timedelta(0)
        # Re-running the objective on a FrozenTrial reproduces the value.
        assert t.suggest_float("x", 0.0, 1.0) == t.value
    # Mutating a returned trial does not change the study.
    frozen[0].params["x"] = 123.0
    assert study.trials[0].params["x"] != 123.0
