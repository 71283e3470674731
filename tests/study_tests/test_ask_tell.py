"""Study.ask / Study.tell."""

import math
import warnings

import pytest

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.exceptions import UpdateFinishedTrialError
from optuna.trial import TrialState


def _study(**kwargs: object) -> optuna.Study:
    kwargs.setdefault("sampler", optuna.samplers.RandomSampler(seed=0))
    return optuna.create_study(**kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- ask


def test_ask_creates_running_trials_with_consecutive_numbers() -> None:
    study = _study()
    t0 = study.ask()
    t1 = study.ask()
    assert isinstance(t0, optuna.Trial)
    assert (t0.number, t1.number) == (0, 1)
    assert [t.state for t in study.trials] == [TrialState.RUNNING, TrialState.RUNNING]
    assert study.trials[0].datetime_start is not None
    assert study.trials[0].datetime_complete is None


def test_ask_with_fixed_distributions_samples_them() -> None:
    study = _study()
    distributions = {
        "x": FloatDistribution(-1, 1),
        "n": IntDistribution(2, 4),
        "c": CategoricalDistribution(["a", "b"]),
    }
    trial = study.ask(fixed_distributions=distributions)
    params = trial.params
    assert set(params) == {"x", "n", "c"}
    assert -1 <= params["x"] <= 1
    assert params["n"] in (2, 3, 4)
    assert params["c"] in ("a", "b")
    assert trial.distributions == distributions
    # The stored trial has them too, and suggesting them again returns the same values.
    assert study.trials[0].params == params
    assert trial.suggest_float("x", -1, 1) == params["x"]
    assert trial.suggest_int("n", 2, 4) == params["n"]


def test_ask_fixed_distributions_empty_or_none() -> None:
    study = _study()
    assert study.ask().params == {}
    assert study.ask({}).params == {}


def test_ask_with_incompatible_suggestion_later_raises() -> None:
    study = _study()
    trial = study.ask({"x": FloatDistribution(0, 1)})
    with pytest.raises(ValueError, match="distribution"):
        trial.suggest_categorical("x", ["a", "b"])
    assert study.trials[0].params == trial.params


def test_ask_takes_enqueued_trial() -> None:
    study = _study()
    study.enqueue_trial({"x": 0.25})
    trial = study.ask()
    assert trial.number == 0
    assert trial.suggest_float("x", 0, 1) == 0.25
    assert study.trials[0].state == TrialState.RUNNING


def test_ask_fixed_distributions_respects_enqueued_values() -> None:
    study = _study()
    study.enqueue_trial({"x": 0.75})
    trial = study.ask({"x": FloatDistribution(0, 1), "y": FloatDistribution(0, 1)})
    assert trial.params["x"] == 0.75
    assert 0 <= trial.params["y"] <= 1


# --------------------------------------------------------------------------- tell


def test_tell_complete_with_trial_object() -> None:
    study = _study()
    trial = study.ask()
    x = trial.suggest_float("x", 0, 1)
    frozen = study.tell(trial, x * 2)
    assert isinstance(frozen, optuna.trial.FrozenTrial)
    assert frozen.state == TrialState.COMPLETE
    assert frozen.value == pytest.approx(x * 2)
    assert frozen.params == {"x": x}
    assert frozen.datetime_complete is not None
    assert study.trials[0] == frozen
    assert study.best_value == pytest.approx(x * 2)


def test_tell_by_trial_number() -> None:
    study = _study()
    study.ask()
    study.ask()
    frozen = study.tell(1, 3.0)
    assert frozen.number == 1
    assert [t.state for t in study.trials] == [TrialState.RUNNING, TrialState.COMPLETE]
    assert study.trials[1].value == 3.0


def test_tell_explicit_complete_state() -> None:
    study = _study()
    trial = study.ask()
    study.tell(trial, 1.0, state=TrialState.COMPLETE)
    assert study.trials[0].state == TrialState.COMPLETE


def test_tell_multi_objective_values() -> None:
    study = _study(directions=["minimize", "maximize"])
    trial = study.ask()
    frozen = study.tell(trial, [1.0, 2.0])
    assert frozen.values == [1.0, 2.0]
    frozen = study.tell(study.ask(), (3, 4))
    assert frozen.values == [3.0, 4.0]


@pytest.mark.parametrize("bad_number", [5, -1, 100])
def test_tell_unknown_trial_number_is_value_error(bad_number: int) -> None:
    study = _study()
    study.ask()
    with pytest.raises(ValueError, match=str(bad_number)):
        study.tell(bad_number, 1.0)
    assert [t.state for t in study.trials] == [TrialState.RUNNING]


def test_tell_trial_of_other_study_is_value_error() -> None:
    study = _study()
    other = _study()
    trial = other.ask()
    with pytest.raises(ValueError, match="study"):
        study.tell(trial, 1.0)
    assert other.trials[0].state == TrialState.RUNNING
    assert study.trials == []


def test_tell_wrong_trial_type_is_type_error() -> None:
    study = _study()
    study.ask()
    with pytest.raises(TypeError, match="str"):
        study.tell("0", 1.0)  # type: ignore[arg-type]
    assert study.trials[0].state == TrialState.RUNNING


def test_tell_without_values_or_state_fails_the_trial_with_a_warning() -> None:
    study = _study()
    trial = study.ask()
    trial.suggest_float("x", 0, 1)
    trial.set_user_attr("k", "v")
    with pytest.warns(UserWarning, match="None could not be cast to float"):
        frozen = study.tell(trial)
    assert frozen.state == TrialState.FAIL and frozen.values is None
    stored = study.trials[0]
    assert stored.state == TrialState.FAIL
    assert stored.user_attrs == {"k": "v"} and "x" in stored.params
    assert "None" in stored.system_attrs["fail_reason"]


def test_tell_complete_without_values_is_value_error_and_trial_stays_running() -> None:
    study = _study()
    trial = study.ask()
    trial.suggest_float("x", 0, 1)
    trial.set_user_attr("k", "v")
    with pytest.raises(ValueError, match="[Vv]alues"):
        study.tell(trial, state=TrialState.COMPLETE)
    stored = study.trials[0]
    assert stored.state == TrialState.RUNNING
    assert stored.user_attrs == {"k": "v"}
    # The trial can still be told properly afterwards.
    assert study.tell(trial, 1.0).state == TrialState.COMPLETE


@pytest.mark.parametrize("state", [TrialState.PRUNED, TrialState.FAIL])
def test_tell_pruned_or_fail_with_values_is_value_error(state: TrialState) -> None:
    study = _study()
    trial = study.ask()
    with pytest.raises(ValueError, match="values"):
        study.tell(trial, 1.0, state=state)
    assert study.trials[0].state == TrialState.RUNNING
    assert study.tell(trial, state=state).state == state


@pytest.mark.parametrize("state", [TrialState.RUNNING, TrialState.WAITING])
def test_tell_unfinished_state_is_value_error(state: TrialState) -> None:
    study = _study()
    trial = study.ask()
    with pytest.raises(ValueError, match=state.name):
        study.tell(trial, 1.0, state=state)
    assert study.trials[0].state == TrialState.RUNNING


def test_tell_pruned_records_last_intermediate_value() -> None:
    study = _study()
    trial = study.ask()
    trial.report(4.0, 0)
    trial.report(2.0, 3)
    trial.report(3.0, 1)
    frozen = study.tell(trial, state=TrialState.PRUNED)
    assert frozen.state == TrialState.PRUNED
    assert frozen.value == 2.0
    assert frozen.intermediate_values == {0: 4.0, 3: 2.0, 1: 3.0}


def test_tell_pruned_without_reports_has_no_value() -> None:
    study = _study()
    frozen = study.tell(study.ask(), state=TrialState.PRUNED)
    assert frozen.state == TrialState.PRUNED
    assert frozen.value is None


def test_tell_pruned_by_number_records_last_intermediate_value() -> None:
    study = _study()
    trial = study.ask()
    trial.report(7.0, 5)
    frozen = study.tell(0, state=TrialState.PRUNED)
    assert frozen.value == 7.0


def test_tell_pruned_multi_objective_has_no_values() -> None:
    study = _study(directions=["minimize", "minimize"])
    frozen = study.tell(study.ask(), state=TrialState.PRUNED)
    assert frozen.state == TrialState.PRUNED
    assert frozen.values is None


def test_tell_fail_has_no_value_and_keeps_records() -> None:
    study = _study()
    trial = study.ask()
    trial.suggest_int("n", 0, 10)
    trial.report(1.0, 0)
    trial.set_user_attr("a", 1)
    frozen = study.tell(trial, state=TrialState.FAIL)
    assert frozen.state == TrialState.FAIL
    assert frozen.value is None
    assert "n" in frozen.params
    assert frozen.intermediate_values == {0: 1.0}
    assert frozen.user_attrs == {"a": 1}


def test_tell_finished_trial_raises_update_finished_trial_error() -> None:
    study = _study()
    trial = study.ask()
    study.tell(trial, 1.0)
    with pytest.raises(UpdateFinishedTrialError, match="finished"):
        study.tell(trial, 2.0)
    # It is also a RuntimeError.
    with pytest.raises(RuntimeError, match="finished"):
        study.tell(0, 2.0)
    with pytest.raises(RuntimeError, match="finished"):
        study.tell(trial, state=TrialState.FAIL)
    stored = study.trials[0]
    assert stored.state == TrialState.COMPLETE
    assert stored.value == 1.0


def test_update_finished_trial_error_is_a_runtime_error() -> None:
    assert issubclass(UpdateFinishedTrialError, RuntimeError)
    assert issubclass(UpdateFinishedTrialError, optuna.exceptions.OptunaError)


def test_tell_finished_trial_told_by_number_then_object() -> None:
    study = _study()
    trial = study.ask()
    study.tell(0, 1.0)
    with pytest.raises(UpdateFinishedTrialError, match="finished"):
        study.tell(trial, 5.0)
    assert study.trials[0].value == 1.0


def test_tell_skip_if_finished_returns_stored_trial() -> None:
    study = _study()
    trial = study.ask()
    study.tell(trial, 1.0)
    frozen = study.tell(trial, 2.0, skip_if_finished=True)
    assert frozen.state == TrialState.COMPLETE
    assert frozen.value == 1.0
    frozen = study.tell(0, state=TrialState.FAIL, skip_if_finished=True)
    assert frozen.state == TrialState.COMPLETE
    assert study.trials[0].value == 1.0


def test_tell_skip_if_finished_on_unfinished_trial_tells_normally() -> None:
    study = _study()
    trial = study.ask()
    frozen = study.tell(trial, 2.0, skip_if_finished=True)
    assert frozen.state == TrialState.COMPLETE
    assert frozen.value == 2.0


def test_trial_cannot_be_modified_after_tell() -> None:
    study = _study()
    trial = study.ask()
    study.tell(trial, 1.0)
    with pytest.raises(RuntimeError, match="finished"):
        trial.set_user_attr("late", 1)
    with pytest.raises(RuntimeError, match="finished"):
        trial.report(1.0, 0)
    assert study.trials[0].user_attrs == {}


class _FloatRaises:
    """A result whose conversion to float fails with an unusual error (e.g. a GPU tensor)."""

    def __float__(self) -> float:
        raise RuntimeError("device-side assert")


@pytest.mark.parametrize(
    "directions, told, why",
    [
        (["minimize"], float("nan"), "nan"),
        (["minimize"], "abc", "'abc'"),
        (["minimize"], [1.0, 2.0], "number of"),
        (["minimize", "minimize"], 1.0, "number of"),
        (["minimize", "minimize"], [1.0, 2.0, 3.0], "number of"),
        (["minimize", "minimize"], [1.0, float("nan")], "nan"),
        (["minimize"], _FloatRaises(), "runtimeerror: device-side assert"),
        (["minimize", "minimize"], [1.0, _FloatRaises()], "runtimeerror: device-side assert"),
    ],
)
def test_tell_invalid_values_fail_with_warning(directions: list, told: object, why: str) -> None:
    study = _study(directions=directions)
    trial = study.ask()
    trial.suggest_float("x", 0, 1)
    with pytest.warns(UserWarning) as record:
        frozen = study.tell(trial, told)  # type: ignore[arg-type]
    assert any(why in str(w.message).lower() for w in record)
    assert frozen.state == TrialState.FAIL
    assert frozen.values is None
    assert "x" in frozen.params
    assert study.trials[0].state == TrialState.FAIL
    # The study goes on.
    assert study.ask().number == 1


def test_tell_numeric_types_are_converted_to_float() -> None:
    study = _study()
    import numpy as np

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frozen = study.tell(study.ask(), np.float32(0.5))
        assert frozen.value == 0.5
        frozen = study.tell(study.ask(), 3)
        assert frozen.value == 3.0 and isinstance(frozen.value, float)


def test_tell_inf_completes() -> None:
    study = _study()
    frozen = study.tell(study.ask(), float("inf"))
    assert frozen.state == TrialState.COMPLETE
    assert math.isinf(frozen.value or 0.0)


def test_ask_tell_loop_matches_optimize_semantics() -> None:
    study = _study(direction="maximize")
    for _ in range(5):
        trial = study.ask()
        x = trial.suggest_float("x", -1, 1)
        study.tell(trial, -(x**2))
    assert len(study.trials) == 5
    assert study.best_value == max(t.value for t in study.trials)  # type: ignore[type-var]


def test_ask_and_tell_interleaved_out_of_order() -> None:
    study = _study()
    trials = [study.ask() for _ in range(3)]
    study.tell(trials[2], 3.0)
    study.tell(trials[0], 1.0)
    study.tell(1, state=TrialState.FAIL)
    assert [t.state for t in study.trials] == [
        TrialState.COMPLETE,
        TrialState.FAIL,
        TrialState.COMPLETE,
    ]
    assert study.best_trial.number == 0


class _BrokenRelativeSampler(optuna.samplers.RandomSampler):
    def infer_relative_search_space(self, study, trial):  # type: ignore[no-untyped-def]
        raise RuntimeError("search space unavailable")


def test_a_sampler_failing_in_ask_fails_the_trial_instead_of_leaving_it_running() -> None:
    study = optuna.create_study(sampler=_BrokenRelativeSampler())
    with pytest.raises(RuntimeError, match="search space unavailable"):
        study.ask()
    (trial,) = study.trials
    assert trial.state == TrialState.FAIL
    assert "search space unavailable" in trial.system_attrs["fail_reason"]
    with pytest.raises(RuntimeError, match="search space unavailable"):
        study.optimize(lambda t: 1.0, n_trials=1)
    assert [t.state for t in study.trials] == [TrialState.FAIL, TrialState.FAIL]


def test_ask_with_an_incompatible_fixed_distribution_fails_the_trial() -> None:
    study = _study()
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=1)
    with pytest.raises(ValueError):
        study.ask({"x": optuna.distributions.IntDistribution(0, 5)})
    assert [t.state for t in study.trials] == [TrialState.COMPLETE, TrialState.FAIL]
    assert study.trials[0].params["x"] == study.best_params["x"]


def test_tell_waiting_trial_is_value_error_and_the_queued_trial_survives() -> None:
    study = _study()
    study.enqueue_trial({"x": 0.25}, user_attrs={"origin": "queue"})
    for told in ({"values": 1.0}, {"state": TrialState.FAIL}, {"state": TrialState.PRUNED}):
        with pytest.raises(ValueError, match="WAITING"):
            study.tell(0, **told)  # type: ignore[arg-type]
    (waiting,) = study.trials
    assert waiting.state == TrialState.WAITING
    assert waiting.user_attrs == {"origin": "queue"}
    with pytest.raises(ValueError, match="No trials are completed"):
        study.best_trial
    trial = study.ask()
    assert trial.number == 0 and trial.suggest_float("x", 0, 1) == 0.25
    assert study.tell(trial, 1.0).state == TrialState.COMPLETE
