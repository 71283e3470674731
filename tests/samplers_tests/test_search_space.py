from collections import OrderedDict
from typing import Dict

import pytest

import optuna
from optuna.distributions import (
    BaseDistribution,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.samplers import IntersectionSearchSpace, intersection_search_space
from optuna.trial import TrialState

pytestmark = pytest.mark.usefixtures("quiet_logs")


def _study() -> optuna.Study:
    return optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))


def _add(
    study: optuna.Study,
    distributions: Dict[str, BaseDistribution],
    state: TrialState = TrialState.COMPLETE,
) -> None:
    trial = study.ask(fixed_distributions=distributions)
    if state == TrialState.COMPLETE:
        study.tell(trial, 0.0)
    elif state in (TrialState.PRUNED, TrialState.FAIL):
        study.tell(trial, state=state)
    # RUNNING: leave it open.


X = FloatDistribution(0.0, 1.0)
Y = IntDistribution(0, 10)
Z = CategoricalDistribution(["a", "b"])


def test_empty_study() -> None:
    study = _study()
    assert IntersectionSearchSpace().calculate(study) == {}
    assert intersection_search_space(study) == {}


def test_single_trial_gives_its_distributions() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y, "z": Z})
    assert IntersectionSearchSpace().calculate(study) == {"x": X, "y": Y, "z": Z}
    assert intersection_search_space(study) == {"x": X, "y": Y, "z": Z}


def test_intersection_over_trials() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y, "z": Z})
    _add(study, {"x": X, "z": Z})
    _add(study, {"x": X, "y": Y, "z": Z, "w": X})
    assert intersection_search_space(study) == {"x": X, "z": Z}


def test_dynamic_range_removes_parameter() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y})
    _add(study, {"x": FloatDistribution(0.0, 2.0), "y": Y})
    assert intersection_search_space(study) == {"y": Y}


def test_parameter_missing_from_first_trial_never_appears() -> None:
    study = _study()
    _add(study, {"x": X})
    _add(study, {"x": X, "y": Y})
    _add(study, {"x": X, "y": Y})
    assert intersection_search_space(study) == {"x": X}


def test_only_complete_trials_by_default() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y})
    _add(study, {"x": X}, state=TrialState.PRUNED)
    _add(study, {"y": Y}, state=TrialState.FAIL)
    _add(study, {"z": Z}, state=TrialState.RUNNING)
    assert intersection_search_space(study) == {"x": X, "y": Y}
    assert IntersectionSearchSpace().calculate(study) == {"x": X, "y": Y}


def test_include_pruned() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y})
    _add(study, {"x": X}, state=TrialState.PRUNED)
    _add(study, {"y": Y}, state=TrialState.FAIL)
    assert intersection_search_space(study, include_pruned=True) == {"x": X}
    assert IntersectionSearchSpace(include_pruned=True).calculate(study) == {"x": X}


def test_only_pruned_trials() -> None:
    study = _study()
    _add(study, {"x": X}, state=TrialState.PRUNED)
    assert intersection_search_space(study) == {}
    assert intersection_search_space(study, include_pruned=True) == {"x": X}


def test_ordered_dict() -> None:
    study = _study()
    _add(study, {"c": Z, "a": X, "b": Y})
    result = intersection_search_space(study, ordered_dict=True)
    assert isinstance(result, OrderedDict)
    assert list(result) == ["a", "b", "c"]
    result = IntersectionSearchSpace().calculate(study, ordered_dict=True)
    assert isinstance(result, OrderedDict)
    assert list(result.items()) == [("a", X), ("b", Y), ("c", Z)]


def test_incremental_calculation_matches_from_scratch() -> None:
    study = _study()
    search_space = IntersectionSearchSpace()
    steps = [
        ({"x": X, "y": Y, "z": Z}, TrialState.COMPLETE),
        ({"x": X, "y": Y, "z": Z}, TrialState.FAIL),
        ({"x": X, "z": Z}, TrialState.PRUNED),
        ({"x": X, "y": Y, "z": Z}, TrialState.COMPLETE),
        ({"x": X, "z": Z}, TrialState.COMPLETE),
        ({"x": FloatDistribution(0, 3)}, TrialState.RUNNING),
        ({"z": Z}, TrialState.COMPLETE),
    ]
    expected = [
        {"x": X, "y": Y, "z": Z},
        {"x": X, "y": Y, "z": Z},
        {"x": X, "y": Y, "z": Z},
        {"x": X, "y": Y, "z": Z},
        {"x": X, "z": Z},
        {"x": X, "z": Z},
        {"z": Z},
    ]
    for (distributions, state), want in zip(steps, expected):
        _add(study, distributions, state)
        assert search_space.calculate(study) == want
        assert intersection_search_space(study) == want


def test_returned_dict_is_a_copy() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y})
    search_space = IntersectionSearchSpace()
    result = search_space.calculate(study)
    del result["x"]
    result["injected"] = Z
    assert search_space.calculate(study) == {"x": X, "y": Y}


def test_one_object_used_for_two_studies() -> None:
    a, b = _study(), _study()
    _add(a, {"x": X})
    _add(b, {"y": Y})
    search_space = IntersectionSearchSpace()
    for _ in range(2):
        assert search_space.calculate(a) == {"x": X}
        assert search_space.calculate(b) == {"y": Y}


def test_with_optimize_and_conditional_parameters() -> None:
    study = _study()

    def objective(trial: optuna.Trial) -> float:
        kind = trial.suggest_categorical("kind", ["a", "b"])
        shared = trial.suggest_float("shared", 0.0, 1.0)
        if kind == "a":
            trial.suggest_int("only_a", 0, 3)
        else:
            trial.suggest_float("only_b", 1e-3, 1.0, log=True)
        return shared

    study.optimize(objective, n_trials=20)
    kinds = {t.params["kind"] for t in study.trials}
    assert kinds == {"a", "b"}
    assert intersection_search_space(study) == {
        "kind": CategoricalDistribution(["a", "b"]),
        "shared": FloatDistribution(0.0, 1.0),
    }


def test_added_trials_count() -> None:
    study = _study()
    study.add_trial(
        optuna.trial.create_trial(
            value=1.0, params={"x": 0.5, "y": 3}, distributions={"x": X, "y": Y}
        )
    )
    study.add_trial(
        optuna.trial.create_trial(value=1.0, params={"x": 0.25}, distributions={"x": X})
    )
    assert intersection_search_space(study) == {"x": X}


def test_changing_a_returned_space_does_not_change_later_results() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y})
    search_space = IntersectionSearchSpace()
    first = search_space.calculate(study)
    first.pop("x")
    first["w"] = Z
    assert search_space.calculate(study) == {"x": X, "y": Y}
    _add(study, {"x": X})
    assert search_space.calculate(study) == {"x": X}


@pytest.mark.filterwarnings("ignore::optuna.exceptions.ExperimentalWarning")
def test_tpe_relative_space_is_a_fresh_dict_each_time() -> None:
    study = _study()
    _add(study, {"x": X, "y": Y, "s": IntDistribution(3, 3)})
    sampler = optuna.samplers.TPESampler(multivariate=True)
    trial = study.ask()
    first = sampler.infer_relative_search_space(study, study.trials[trial.number])
    assert first == {"x": X, "y": Y}
    first.clear()
    assert sampler.infer_relative_search_space(study, study.trials[trial.number]) == {
        "x": X,
        "y": Y,
    }
