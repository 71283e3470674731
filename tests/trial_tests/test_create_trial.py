import datetime

import pytest

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import FrozenTrial, TrialState, create_trial

pytestmark = pytest.mark.usefixtures("quiet_logs")


def test_complete_trial() -> None:
    before = datetime.datetime.now()
    trial = create_trial(
        value=0.2,
        params={"x": 10, "c": "a"},
        distributions={"x": IntDistribution(5, 12), "c": CategoricalDistribution(["a", "b"])},
        user_attrs={"u": 1},
        system_attrs={"s": 2},
        intermediate_values={0: 1.0, 1: 0.5},
    )
    after = datetime.datetime.now()
    assert isinstance(trial, FrozenTrial)
    assert optuna.create_trial is create_trial
    assert trial.state == TrialState.COMPLETE
    assert trial.value == 0.2
    assert trial.params == {"x": 10, "c": "a"}
    assert trial.distributions["x"] == IntDistribution(5, 12)
    assert trial.user_attrs == {"u": 1}
    assert trial.system_attrs == {"s": 2}
    assert trial.intermediate_values == {0: 1.0, 1: 0.5}
    assert trial.last_step == 1
    assert trial.datetime_start is not None and trial.datetime_complete is not None
    assert before <= trial.datetime_start <= trial.datetime_complete <= after


def test_defaults() -> None:
    trial = create_trial(value=1.0)
    assert trial.params == {}
    assert trial.distributions == {}
    assert trial.user_attrs == {}
    assert trial.system_attrs == {}
    assert trial.intermediate_values == {}


def test_multi_objective_values() -> None:
    trial = create_trial(values=[1.0, 2.0])
    assert trial.values == [1.0, 2.0]
    with pytest.raises(RuntimeError):
        trial.value


@pytest.mark.parametrize("state", [TrialState.PRUNED, TrialState.FAIL])
def test_finished_states_without_value(state: TrialState) -> None:
    trial = create_trial(state=state)
    assert trial.state == state
    assert trial.value is None
    assert trial.datetime_complete is not None


def test_running_and_waiting_states() -> None:
    running = create_trial(state=TrialState.RUNNING)
    assert running.datetime_start is not None
    assert running.datetime_complete is None
    waiting = create_trial(state=TrialState.WAITING)
    assert waiting.datetime_start is None
    assert waiting.datetime_complete is None


def test_inputs_are_copied() -> None:
    params = {"x": 0.5}
    distributions = {"x": FloatDistribution(0.0, 1.0)}
    user_attrs = {"u": 1}
    trial = create_trial(
        value=1.0, params=params, distributions=distributions, user_attrs=user_attrs
    )
    params["x"] = 2.0
    user_attrs["v"] = 3
    assert trial.params == {"x": 0.5}
    assert trial.user_attrs == {"u": 1}


def test_complete_without_value_is_error() -> None:
    with pytest.raises(ValueError, match="value"):
        create_trial(state=TrialState.COMPLETE)


def test_complete_with_nan_value_is_error() -> None:
    with pytest.raises(ValueError, match="NaN|nan"):
        create_trial(value=float("nan"))
    with pytest.raises(ValueError, match="NaN|nan"):
        create_trial(values=[1.0, float("nan")])


def test_value_and_values_together_is_error() -> None:
    with pytest.raises(ValueError, match="value"):
        create_trial(value=1.0, values=[1.0])


def test_params_without_distribution_is_error() -> None:
    with pytest.raises(ValueError, match=r"'x'"):
        create_trial(value=1.0, params={"x": 0.5}, distributions={})
    with pytest.raises(ValueError, match=r"'y'"):
        create_trial(value=1.0, params={}, distributions={"y": FloatDistribution(0.0, 1.0)})


@pytest.mark.parametrize(
    "value, distribution",
    [
        (2.0, FloatDistribution(0.0, 1.0)),
        (0.3, FloatDistribution(0.0, 1.0, step=0.5)),
        (11, IntDistribution(0, 10)),
        (3, IntDistribution(0, 10, step=2)),
    ],
)
def test_param_out_of_distribution_is_error(value, distribution) -> None:
    with pytest.raises(ValueError, match="'bad'"):
        create_trial(value=1.0, params={"bad": value}, distributions={"bad": distribution})


def test_categorical_param_not_in_choices_is_error() -> None:
    with pytest.raises(ValueError, match="'z'"):
        create_trial(
            value=1.0, params={"c": "z"}, distributions={"c": CategoricalDistribution(["a"])}
        )


def test_add_created_trial_to_study() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.add_trial(
        create_trial(
            value=3.0, params={"x": 0.5}, distributions={"x": FloatDistribution(0.0, 1.0)}
        )
    )
    study.add_trial(create_trial(state=TrialState.FAIL))
    trials = study.trials
    assert [t.number for t in trials] == [0, 1]
    assert trials[0].value == 3.0 and trials[0].params == {"x": 0.5}
    assert trials[1].state == TrialState.FAIL
    assert study.best_value == 3.0


@pytest.mark.parametrize("step", ["a", -1, 1.5])
def test_create_trial_rejects_invalid_intermediate_steps(step: object) -> None:
    with pytest.raises(ValueError, match="steps of `intermediate_values`"):
        create_trial(value=1.0, intermediate_values={step: 1.0})  # type: ignore[dict-item]
