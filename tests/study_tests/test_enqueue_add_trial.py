"""Study.enqueue_trial, Study.add_trial / add_trials with create_trial."""

import datetime

import pytest

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
from optuna.trial import FrozenTrial, TrialState, create_trial


def _study(**kwargs: object) -> optuna.Study:
    kwargs.setdefault("sampler", optuna.samplers.RandomSampler(seed=0))
    return optuna.create_study(**kwargs)  # type: ignore[arg-type]


def _objective(trial: optuna.trial.Trial) -> float:
    x = trial.suggest_float("x", 0, 10)
    y = trial.suggest_int("y", 0, 10)
    c = trial.suggest_categorical("c", ["a", "b", "c"])
    return x + y + (0 if c == "a" else 1)


# --------------------------------------------------------------------------- enqueue_trial


def test_enqueue_trial_creates_waiting_trial() -> None:
    study = _study()
    study.enqueue_trial({"x": 1.0})
    trials = study.trials
    assert len(trials) == 1
    assert trials[0].state == TrialState.WAITING
    assert trials[0].number == 0
    assert trials[0].datetime_start is None
    assert trials[0].params == {}


def test_enqueued_params_are_used_and_rest_sampled() -> None:
    study = _study()
    study.enqueue_trial({"x": 2.5, "c": "b"})
    study.optimize(_objective, n_trials=1)
    trial = study.trials[0]
    assert trial.state == TrialState.COMPLETE
    assert trial.params["x"] == 2.5
    assert trial.params["c"] == "b"
    assert 0 <= trial.params["y"] <= 10
    assert trial.value == pytest.approx(2.5 + trial.params["y"] + 1)
    assert trial.datetime_start is not None


def test_enqueued_trials_are_used_in_order_then_sampling_resumes() -> None:
    study = _study()
    study.enqueue_trial({"x": 1.0, "y": 1, "c": "a"})
    study.enqueue_trial({"x": 2.0, "y": 2, "c": "b"})
    study.optimize(_objective, n_trials=3)
    trials = study.trials
    assert trials[0].params == {"x": 1.0, "y": 1, "c": "a"}
    assert trials[1].params == {"x": 2.0, "y": 2, "c": "b"}
    assert [t.state for t in trials] == [TrialState.COMPLETE] * 3
    assert len(trials) == 3


def test_enqueue_extra_param_not_suggested_is_ignored() -> None:
    study = _study()
    study.enqueue_trial({"x": 1.0, "unused": 3})
    study.optimize(_objective, n_trials=1)
    assert "unused" not in study.trials[0].params
    assert study.trials[0].params["x"] == 1.0


@pytest.mark.parametrize("name, value", [("x", 100.0), ("x", -1.0), ("y", 42)])
def test_enqueue_out_of_range_value_is_used_with_warning(name: str, value: object) -> None:
    study = _study()
    study.enqueue_trial({name: value})
    with pytest.warns(UserWarning, match=f"'{name}'.*{value}|{value}.*'{name}'"):
        study.optimize(_objective, n_trials=1)
    trial = study.trials[0]
    assert trial.state == TrialState.COMPLETE
    assert trial.params[name] == value


def test_enqueue_with_user_attrs() -> None:
    study = _study()
    study.enqueue_trial({"x": 1.0}, user_attrs={"source": "manual", "n": 3})
    study.optimize(_objective, n_trials=2)
    assert study.trials[0].user_attrs == {"source": "manual", "n": 3}
    assert study.trials[1].user_attrs == {}


def test_enqueue_user_attrs_are_copied() -> None:
    study = _study()
    attrs = {"k": "v"}
    study.enqueue_trial({"x": 1.0}, user_attrs=attrs)
    attrs["k"] = "changed"
    assert study.trials[0].user_attrs == {"k": "v"}


def test_enqueue_skip_if_exists_skips_waiting_duplicate() -> None:
    study = _study()
    study.enqueue_trial({"x": 1.0, "y": 2})
    study.enqueue_trial({"x": 1.0, "y": 2}, skip_if_exists=True)
    assert len(study.trials) == 1
    study.enqueue_trial({"x": 1.0, "y": 3}, skip_if_exists=True)
    assert len(study.trials) == 2


def test_enqueue_skip_if_exists_skips_finished_duplicate() -> None:
    study = _study()
    study.enqueue_trial({"x": 1.0, "y": 2, "c": "a"})
    study.optimize(_objective, n_trials=1)
    study.enqueue_trial({"x": 1.0, "y": 2, "c": "a"}, skip_if_exists=True)
    assert len(study.trials) == 1
    # Without skip_if_exists the duplicate is queued.
    study.enqueue_trial({"x": 1.0, "y": 2, "c": "a"})
    assert [t.state for t in study.trials] == [TrialState.COMPLETE, TrialState.WAITING]


def test_enqueue_params_must_be_a_dict() -> None:
    study = _study()
    with pytest.raises(TypeError, match="params"):
        study.enqueue_trial([("x", 1.0)])  # type: ignore[arg-type]
    assert study.trials == []


def test_enqueue_params_are_copied() -> None:
    study = _study()
    params = {"x": 1.0}
    study.enqueue_trial(params)
    params["x"] = 9.0
    study.optimize(_objective, n_trials=1)
    assert study.trials[0].params["x"] == 1.0


def test_enqueue_with_n_jobs_each_queued_trial_used_once() -> None:
    study = _study()
    for i in range(6):
        study.enqueue_trial({"x": float(i)})
    study.optimize(_objective, n_trials=6, n_jobs=3)
    assert sorted(t.params["x"] for t in study.trials) == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


# --------------------------------------------------------------------------- add_trial


def test_add_trial_complete() -> None:
    study = _study()
    trial = create_trial(
        value=0.5,
        params={"x": 2.0, "c": "b"},
        distributions={"x": FloatDistribution(0, 10), "c": CategoricalDistribution(["a", "b"])},
        user_attrs={"u": 1},
        system_attrs={"s": 2},
        intermediate_values={0: 3.0, 1: 2.0},
    )
    study.add_trial(trial)
    stored = study.trials[0]
    assert stored.number == 0
    assert stored.state == TrialState.COMPLETE
    assert stored.value == 0.5
    assert stored.params == {"x": 2.0, "c": "b"}
    assert stored.user_attrs == {"u": 1}
    assert stored.system_attrs == {"s": 2}
    assert stored.intermediate_values == {0: 3.0, 1: 2.0}
    assert study.best_trial.number == 0
    assert study.best_params == {"x": 2.0, "c": "b"}


def test_add_trial_then_optimize_continues_numbering() -> None:
    study = _study()
    study.add_trial(
        create_trial(
            value=-100.0,
            params={"x": 1.0},
            distributions={"x": FloatDistribution(0, 10)},
        )
    )
    study.optimize(_objective, n_trials=2)
    assert [t.number for t in study.trials] == [0, 1, 2]
    assert study.best_value == -100.0


def test_add_trial_does_not_alias_the_given_trial() -> None:
    study = _study()
    trial = create_trial(value=1.0)
    study.add_trial(trial)
    study.add_trial(trial)
    trial.user_attrs["changed"] = True
    assert [t.number for t in study.trials] == [0, 1]
    assert study.trials[0].user_attrs == {}


@pytest.mark.parametrize("state", [TrialState.PRUNED, TrialState.FAIL])
def test_add_trial_unfinished_like_states(state: TrialState) -> None:
    study = _study()
    study.add_trial(create_trial(state=state))
    stored = study.trials[0]
    assert stored.state == state
    assert stored.value is None
    with pytest.raises(ValueError, match="[Nn]o trials are completed"):
        study.best_trial


def test_add_trial_pruned_with_value() -> None:
    study = _study()
    study.add_trial(create_trial(state=TrialState.PRUNED, value=2.0, intermediate_values={3: 2.0}))
    assert study.trials[0].value == 2.0
    assert study.trials[0].state == TrialState.PRUNED


def test_add_waiting_trial_is_run_next() -> None:
    study = _study()
    study.add_trial(
        create_trial(
            state=TrialState.WAITING,
        )
    )
    assert study.trials[0].state == TrialState.WAITING
    study.optimize(_objective, n_trials=1)
    assert len(study.trials) == 1
    assert study.trials[0].state == TrialState.COMPLETE


def test_add_trial_multi_objective() -> None:
    study = _study(directions=["minimize", "maximize"])
    study.add_trial(create_trial(values=[1.0, 2.0]))
    assert study.trials[0].values == [1.0, 2.0]


def test_create_trial_complete_without_value_is_value_error() -> None:
    with pytest.raises(ValueError, match="COMPLETE"):
        create_trial(state=TrialState.COMPLETE)


def test_create_trial_param_outside_distribution_is_value_error() -> None:
    with pytest.raises(ValueError, match="'x'"):
        create_trial(value=1.0, params={"x": 20.0}, distributions={"x": FloatDistribution(0, 10)})
    with pytest.raises(ValueError, match="'c'"):
        create_trial(
            value=1.0, params={"c": "z"}, distributions={"c": CategoricalDistribution(["a"])}
        )


def test_create_trial_params_distributions_key_mismatch_is_value_error() -> None:
    with pytest.raises(ValueError, match="params.*distributions"):
        create_trial(value=1.0, params={"x": 1.0}, distributions={})
    with pytest.raises(ValueError, match="params.*distributions"):
        create_trial(
            value=1.0,
            params={"x": 1.0},
            distributions={"x": FloatDistribution(0, 1), "y": IntDistribution(0, 1)},
        )


def test_create_trial_value_and_values_is_value_error() -> None:
    with pytest.raises(ValueError, match="value.*values"):
        create_trial(value=1.0, values=[1.0])


def _unvalidated(**overrides: object) -> FrozenTrial:
    """A FrozenTrial built directly (bypassing create_trial's validation)."""
    now = datetime.datetime.now()
    fields = dict(
        number=0,
        state=TrialState.COMPLETE,
        value=1.0,
        datetime_start=now,
        datetime_complete=now,
        params={},
        distributions={},
        user_attrs={},
        system_attrs={},
        intermediate_values={},
        trial_id=0,
    )
    fields.update(overrides)
    return FrozenTrial(**fields)  # type: ignore[arg-type]


def _study_with_one_trial() -> optuna.Study:
    study = _study()
    study.add_trial(
        create_trial(value=10.0, params={"x": 1.0}, distributions={"x": FloatDistribution(0, 10)})
    )
    return study


@pytest.mark.parametrize(
    "bad, match",
    [
        (dict(value=None), "COMPLETE"),
        (dict(value=float("nan")), "NaN"),
        (
            dict(params={"x": 20.0}, distributions={"x": FloatDistribution(0, 10)}),
            "'x'",
        ),
        (dict(params={"x": 1.0}, distributions={}), "params.*distributions"),
        (dict(datetime_start=None), "datetime_start"),
        (dict(datetime_complete=None), "datetime_complete"),
        (dict(state=TrialState.RUNNING), "datetime_complete"),
    ],
)
def test_add_trial_validation_errors_store_nothing(bad: dict, match: str) -> None:
    study = _study_with_one_trial()
    with pytest.raises(ValueError, match=match):
        study.add_trial(_unvalidated(**bad))
    assert len(study.trials) == 1
    assert study.best_value == 10.0


@pytest.mark.parametrize(
    "directions, trial",
    [
        (["minimize"], dict(values=[1.0, 2.0])),
        (["minimize", "minimize"], dict(value=1.0)),
        (["minimize", "minimize"], dict(values=[1.0, 2.0, 3.0])),
    ],
)
def test_add_trial_wrong_number_of_values_is_value_error(directions: list, trial: dict) -> None:
    study = _study(directions=directions)
    with pytest.raises(ValueError, match="values"):
        study.add_trial(create_trial(**trial))
    assert study.trials == []


def test_add_trial_incompatible_distribution_with_study_is_value_error() -> None:
    study = _study_with_one_trial()
    bad = create_trial(
        value=1.0, params={"x": "a"}, distributions={"x": CategoricalDistribution(["a", "b"])}
    )
    with pytest.raises(ValueError, match="distribution"):
        study.add_trial(bad)
    assert len(study.trials) == 1
    assert study.trials[0].params == {"x": 1.0}


def test_add_trial_not_a_frozen_trial_is_type_error() -> None:
    study = _study()
    with pytest.raises(TypeError, match="FrozenTrial"):
        study.add_trial({"value": 1.0})  # type: ignore[arg-type]
    assert study.trials == []


# --------------------------------------------------------------------------- add_trials


def test_add_trials() -> None:
    study = _study()
    trials = [
        create_trial(
            value=float(i), params={"x": float(i)}, distributions={"x": FloatDistribution(0, 10)}
        )
        for i in range(3)
    ]
    study.add_trials(trials)
    assert [t.number for t in study.trials] == [0, 1, 2]
    assert [t.value for t in study.trials] == [0.0, 1.0, 2.0]
    assert study.best_trial.number == 0


def test_add_trials_from_another_study() -> None:
    source = _study()
    source.optimize(_objective, n_trials=3)
    source.tell(source.ask(), state=TrialState.FAIL)
    target = _study()
    target.add_trials(source.trials)
    assert [(t.number, t.state, t.params, t.values) for t in target.trials] == [
        (t.number, t.state, t.params, t.values) for t in source.trials
    ]


def test_add_trials_accepts_any_iterable() -> None:
    study = _study()
    study.add_trials(create_trial(value=float(i)) for i in range(2))
    assert len(study.trials) == 2


def test_add_trials_with_one_invalid_trial_adds_none() -> None:
    study = _study_with_one_trial()
    trials = [create_trial(value=1.0), _unvalidated(value=None), create_trial(value=2.0)]
    with pytest.raises(ValueError, match="COMPLETE"):
        study.add_trials(trials)
    assert len(study.trials) == 1


def test_add_trials_with_wrong_number_of_values_adds_none() -> None:
    study = _study_with_one_trial()
    trials = [create_trial(value=1.0), create_trial(values=[1.0, 2.0])]
    with pytest.raises(ValueError, match="values"):
        study.add_trials(trials)
    assert len(study.trials) == 1


def test_rejected_add_trial_leaves_no_parameter_behind() -> None:
    study = _study_with_one_trial()  # "x" is a float parameter
    bad = create_trial(
        value=1.0,
        params={"new": 0.5, "x": "a"},
        distributions={"new": FloatDistribution(0, 1), "x": CategoricalDistribution(["a"])},
    )
    with pytest.raises(ValueError, match="distribution"):
        study.add_trial(bad)
    assert len(study.trials) == 1
    # "new" was never stored, so any distribution may still be used for it.
    trial = study.ask()
    assert trial.suggest_categorical("new", ["q"]) == "q"
    study.tell(trial, 0.0)
    assert study.trials[1].params == {"new": "q"}


def test_skip_if_exists_matches_a_trial_that_ran_with_the_enqueued_values() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.enqueue_trial({"x": 0.25})
    study.optimize(lambda t: t.suggest_float("x", 0, 1) + t.suggest_float("y", 0, 1), n_trials=1)
    study.enqueue_trial({"x": 0.25}, skip_if_exists=True)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE]
    study.enqueue_trial({"x": 0.5}, skip_if_exists=True)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE, TrialState.WAITING]


def test_skip_if_exists_needs_the_same_parameter_names() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    study.enqueue_trial({"x": 0.5, "k": 2})
    study.optimize(lambda t: t.suggest_float("x", 0, 1) + t.suggest_int("k", 0, 3), n_trials=1)
    # A subset of an existing trial's values is a different trial: its "k" is sampled anew.
    study.enqueue_trial({"x": 0.5}, skip_if_exists=True)
    assert [t.state for t in study.trials] == [TrialState.COMPLETE, TrialState.WAITING]
    # An empty dict matches only a trial without parameters.
    study.enqueue_trial({}, skip_if_exists=True)
    assert len(study.trials) == 3
    study.enqueue_trial({}, skip_if_exists=True)
    assert len(study.trials) == 3
