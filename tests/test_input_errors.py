"""Bad input found by trying the library as a new user: each gets a clear error (naming the
problem) or warning, and nothing already stored is lost."""

import warnings
from typing import Any

import pytest

import optuna
from optuna.distributions import IntDistribution
from optuna.trial import TrialState

pytestmark = pytest.mark.usefixtures("quiet_logs")


def _study_with_one_trial() -> optuna.Study:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    return study


def test_tell_with_a_state_string_names_the_expected_type() -> None:
    study = _study_with_one_trial()
    trial = study.ask()
    with pytest.raises(TypeError, match="`state` must be a TrialState"):
        study.tell(trial, 1.0, state="COMPLETE")  # type: ignore[arg-type]
    assert study.trials[0].state == TrialState.COMPLETE
    assert study.trials[1].state == TrialState.RUNNING
    study.tell(trial, 1.0)
    assert study.trials[1].value == 1.0


def test_create_trial_with_a_state_string_names_the_expected_type() -> None:
    with pytest.raises(TypeError, match="`state` must be a TrialState"):
        optuna.trial.create_trial(value=1.0, state="COMPLETE")  # type: ignore[arg-type]


def test_categorical_choices_may_come_from_a_generator() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    trial = study.ask()
    value = trial.suggest_categorical("c", (c for c in ["a", "b"]))
    assert value in ("a", "b")
    assert study.trials[0].distributions["c"].choices == ("a", "b")


@pytest.mark.parametrize("value", [b"1", bytearray(b"1")])
def test_bytes_returned_by_the_objective_are_read_as_a_number_not_as_byte_codes(
    value: object,
) -> None:
    study = _study_with_one_trial()
    study.optimize(lambda t: value, n_trials=1)  # type: ignore[arg-type,return-value]
    assert study.trials[1].state == TrialState.COMPLETE
    assert study.trials[1].value == 1.0  # as float(b"1"), not the byte code 49


def test_get_trials_with_a_single_state_names_the_expected_container() -> None:
    study = _study_with_one_trial()
    with pytest.raises(TypeError, match="`states` must be a container of TrialState"):
        study.get_trials(states=TrialState.COMPLETE)  # type: ignore[arg-type]
    assert len(study.get_trials(states=(TrialState.COMPLETE,))) == 1


def test_trials_dataframe_rejects_unknown_or_no_attributes() -> None:
    pytest.importorskip("pandas")
    study = _study_with_one_trial()
    with pytest.raises(ValueError, match=r"Unknown trial attributes \['bogus'\]"):
        study.trials_dataframe(attrs=("number", "bogus"))
    with pytest.raises(ValueError, match="attrs must name at least one"):
        study.trials_dataframe(attrs=())
    assert len(study.trials_dataframe(attrs=("number", "values"))) == 1


def test_enqueued_non_integer_for_an_int_parameter_warns_and_truncates() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.enqueue_trial({"k": 2.5})
    with pytest.warns(UserWarning, match="'k' with value 2.5 is not an integer; 2 is used"):
        study.optimize(lambda t: t.suggest_int("k", 0, 100), n_trials=1)
    assert study.trials[0].params == {"k": 2}
    assert study.trials[0].distributions["k"] == IntDistribution(0, 100)


@pytest.mark.parametrize("kind", ["float", "int"])
def test_step_warning_points_at_the_users_line(kind: str) -> None:
    study = optuna.create_study()
    trial = study.ask()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        if kind == "float":
            trial.suggest_float("x", 0, 1, step=0.3)
        else:
            trial.suggest_int("y", 0, 10, step=3)
    [warning] = [w for w in caught if "not divisible" in str(w.message)]
    assert warning.filename == __file__


def test_nsga2_rejects_a_constraints_func_that_is_not_callable() -> None:
    with pytest.raises(TypeError, match="`constraints_func` must be callable or None"):
        optuna.samplers.NSGAIISampler(constraints_func=1)  # type: ignore[arg-type]


@pytest.mark.filterwarnings("ignore::optuna.exceptions.ExperimentalWarning")
def test_tpe_constraints_func_returning_none_names_the_problem() -> None:
    sampler = optuna.samplers.TPESampler(constraints_func=lambda t: None)  # type: ignore
    study = optuna.create_study(sampler=sampler)
    with pytest.raises(ValueError, match="constraints_func must return a sequence of floats"):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert study.trials[0].state == TrialState.COMPLETE


@pytest.mark.parametrize("make", [optuna.samplers.TPESampler, optuna.samplers.NSGAIISampler])
def test_constraints_func_returning_nan_names_the_problem(make: type) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        sampler = make(constraints_func=lambda t: [float("nan")])
    study = optuna.create_study(sampler=sampler)
    with pytest.raises(ValueError, match=r"constraints_func returned NaN: \[nan\]"):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert study.trials[0].state == TrialState.COMPLETE
    assert "constraints" not in study.trials[0].system_attrs


def test_step_warning_of_a_distribution_built_directly_points_at_the_users_line() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        optuna.distributions.FloatDistribution(0, 1, step=0.3)
        optuna.distributions.IntDistribution(0, 10, step=3)
    assert [w.filename for w in caught if "not divisible" in str(w.message)] == [__file__] * 2


@pytest.mark.parametrize("returned", [-1, 1.5, "2", float("nan"), None, True])
def test_tpe_gamma_returning_a_non_count_names_the_problem(returned: object) -> None:
    sampler = optuna.samplers.TPESampler(n_startup_trials=2, gamma=lambda n: returned)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    with pytest.raises(ValueError, match="gamma function must return a non-negative integer"):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 2 + [TrialState.FAIL]


@pytest.mark.parametrize("integral", [3, 3.0])
def test_tpe_gamma_may_return_an_integral_float_or_more_than_n(integral: object) -> None:
    sampler = optuna.samplers.TPESampler(n_startup_trials=2, gamma=lambda n: integral, seed=0)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=4)  # gamma(2) = 3 > 2
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


@pytest.mark.parametrize(
    "weights, problem",
    [
        (lambda n: [1.0] * (n + 1), "shape"),
        (lambda n: [-1.0] * n, "finite non-negative"),
        (lambda n: [float("nan")] * n, "finite non-negative"),
    ],
    ids=["wrong shape", "negative", "nan"],
)
def test_tpe_weights_returning_bad_values_names_the_problem(weights, problem: str) -> None:
    sampler = optuna.samplers.TPESampler(n_startup_trials=2, weights=weights)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    with pytest.raises(ValueError, match=f"weights function must return .*{problem}"):
        study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE] * 2 + [TrialState.FAIL]


def test_telling_the_trial_inside_the_objective_says_what_to_do_instead() -> None:
    study = _study_with_one_trial()

    def objective(trial: optuna.Trial) -> float:
        study.tell(trial, 1.0)
        return 1.0

    with pytest.raises(optuna.exceptions.UpdateFinishedTrialError, match="inside the objective"):
        study.optimize(objective, n_trials=1)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE, TrialState.COMPLETE]
    assert study.trials[1].value == 1.0


@pytest.mark.parametrize("choices", [5, None, 1.5])
def test_suggest_categorical_with_non_sequence_choices_names_the_parameter(choices: Any) -> None:
    study = optuna.create_study()
    trial = study.ask()
    trial.suggest_float("kept", 0, 1)
    with pytest.raises(TypeError, match="choices of parameter 'm' must be a sequence"):
        trial.suggest_categorical("m", choices)
    study.tell(trial, 1.0)
    assert study.trials[0].params.keys() == {"kept"}


def test_enqueue_trial_with_non_dict_user_attrs_names_the_argument() -> None:
    study = optuna.create_study()
    study.enqueue_trial({"x": 0.5})
    with pytest.raises(TypeError, match="user_attrs must be a dict"):
        study.enqueue_trial({"x": 1.0}, user_attrs=[1])  # type: ignore[arg-type]
    assert [t.system_attrs["fixed_params"] for t in study.trials] == [{"x": 0.5}]
