"""best_trial / best_value / best_params and best_trials (Pareto front)."""

from typing import List, Sequence

import pytest

import optuna
from optuna.distributions import FloatDistribution
from optuna.trial import TrialState, create_trial


def _study(**kwargs: object) -> optuna.Study:
    kwargs.setdefault("sampler", optuna.samplers.RandomSampler(seed=0))
    return optuna.create_study(**kwargs)  # type: ignore[arg-type]


def _add(study: optuna.Study, values: Sequence[float], tag: int) -> None:
    study.add_trial(
        create_trial(
            values=list(values),
            params={"tag": float(tag)},
            distributions={"tag": FloatDistribution(0, 1000)},
        )
    )


def _tags(trials: List[optuna.trial.FrozenTrial]) -> List[int]:
    return sorted(int(t.params["tag"]) for t in trials)


# --------------------------------------------------------------------------- single objective


def test_best_minimize() -> None:
    study = _study()
    for tag, v in enumerate([3.0, -1.0, 2.0, -0.5]):
        _add(study, [v], tag)
    assert study.best_value == -1.0
    assert study.best_trial.number == 1
    assert study.best_params == {"tag": 1.0}
    assert study.best_trial.state == TrialState.COMPLETE


def test_best_maximize() -> None:
    study = _study(direction="maximize")
    for tag, v in enumerate([3.0, -1.0, 7.5, 2.0]):
        _add(study, [v], tag)
    assert study.best_value == 7.5
    assert study.best_trial.number == 2
    assert study.best_params == {"tag": 2.0}


def test_best_tie_keeps_earliest() -> None:
    study = _study()
    for tag, v in enumerate([1.0, 0.0, 0.0]):
        _add(study, [v], tag)
    assert study.best_trial.number == 1


def test_best_ignores_non_complete_trials() -> None:
    study = _study()
    _add(study, [5.0], 0)
    study.add_trial(create_trial(state=TrialState.PRUNED, value=-100.0))
    study.add_trial(create_trial(state=TrialState.FAIL))
    study.ask()  # RUNNING
    study.enqueue_trial({"x": 1.0})  # WAITING
    assert study.best_value == 5.0
    assert study.best_trial.number == 0


def test_best_updates_with_optimize() -> None:
    study = _study()
    values = iter([3.0, 2.0, 4.0, 1.0])
    study.optimize(lambda t: next(values), n_trials=4)
    assert study.best_value == 1.0
    assert study.best_trial.number == 3
    assert study.best_params == {}


def test_best_with_no_complete_trial_is_value_error() -> None:
    study = _study()
    with pytest.raises(ValueError, match="[Nn]o trials are completed"):
        study.best_trial
    with pytest.raises(ValueError, match="[Nn]o trials are completed"):
        study.best_value
    with pytest.raises(ValueError, match="[Nn]o trials are completed"):
        study.best_params
    study.add_trial(create_trial(state=TrialState.FAIL))
    study.ask()
    with pytest.raises(ValueError, match="[Nn]o trials are completed"):
        study.best_trial


def test_best_trial_is_a_copy() -> None:
    study = _study()
    _add(study, [1.0], 0)
    best = study.best_trial
    best.params["tag"] = 99.0
    best.user_attrs["x"] = 1
    assert study.best_trial.params == {"tag": 0.0}
    assert study.best_trial.user_attrs == {}
    params = study.best_params
    params["tag"] = 42.0
    assert study.best_params == {"tag": 0.0}


def test_best_on_multi_objective_is_runtime_error() -> None:
    study = _study(directions=["minimize", "maximize"])
    _add(study, [1.0, 2.0], 0)
    with pytest.raises(RuntimeError, match="multi-objective"):
        study.best_trial
    with pytest.raises(RuntimeError, match="multi-objective"):
        study.best_value
    with pytest.raises(RuntimeError, match="multi-objective"):
        study.best_params


def test_best_on_multi_objective_without_trials_is_runtime_error() -> None:
    study = _study(directions=["minimize", "maximize"])
    with pytest.raises(RuntimeError, match="multi-objective"):
        study.best_trial


def test_best_trials_single_objective() -> None:
    study = _study()
    for tag, v in enumerate([2.0, 1.0, 3.0, 1.0]):
        _add(study, [v], tag)
    assert _tags(study.best_trials) == [1, 3]


# --------------------------------------------------------------------------- Pareto front


def test_best_trials_is_exact_pareto_front_minimize() -> None:
    study = _study(directions=["minimize", "minimize"])
    points = {
        0: (1.0, 5.0),  # front
        1: (2.0, 3.0),  # front
        2: (3.0, 3.0),  # dominated by 1
        3: (4.0, 1.0),  # front
        4: (2.0, 4.0),  # dominated by 1
        5: (5.0, 5.0),  # dominated
        6: (2.0, 3.0),  # duplicate of 1: neither dominates, both on the front
        7: (1.0, 6.0),  # dominated by 0
    }
    for tag, values in points.items():
        _add(study, values, tag)
    assert _tags(study.best_trials) == [0, 1, 3, 6]


def test_best_trials_respects_directions() -> None:
    study = _study(directions=["minimize", "maximize"])
    points = {
        0: (1.0, 1.0),  # front (smallest first objective)
        1: (2.0, 5.0),  # front
        2: (3.0, 4.0),  # dominated by 1
        3: (4.0, 9.0),  # front (largest second objective)
        4: (4.0, 8.0),  # dominated by 3
        5: (1.0, 0.5),  # dominated by 0
    }
    for tag, values in points.items():
        _add(study, values, tag)
    assert _tags(study.best_trials) == [0, 1, 3]


def test_best_trials_three_objectives() -> None:
    study = _study(directions=["maximize", "maximize", "minimize"])
    points = {
        0: (1.0, 1.0, 1.0),  # dominated by 2
        1: (5.0, 0.0, 3.0),  # front: best first objective
        2: (2.0, 2.0, 1.0),  # front
        3: (0.0, 0.0, 0.0),  # front: best third objective
        4: (2.0, 2.0, 2.0),  # dominated by 2
    }
    for tag, values in points.items():
        _add(study, values, tag)
    assert _tags(study.best_trials) == [1, 2, 3]


def test_best_trials_only_complete_trials() -> None:
    study = _study(directions=["minimize", "minimize"])
    _add(study, (5.0, 5.0), 0)
    study.add_trial(create_trial(state=TrialState.FAIL))
    study.add_trial(create_trial(state=TrialState.PRUNED))
    study.ask()
    assert _tags(study.best_trials) == [0]


def test_best_trials_empty_study() -> None:
    assert _study(directions=["minimize", "minimize"]).best_trials == []
    assert _study().best_trials == []


def test_best_trials_are_copies() -> None:
    study = _study(directions=["minimize", "minimize"])
    _add(study, (1.0, 1.0), 0)
    front = study.best_trials
    front[0].params["tag"] = 500.0
    assert study.best_trials[0].params["tag"] == 0.0


def test_best_trials_after_optimize() -> None:
    study = _study(directions=["minimize", "minimize"])

    def objective(trial: optuna.trial.Trial) -> Sequence[float]:
        x = trial.suggest_float("x", 0, 1)
        return x, 1 - x  # every point is on the front

    study.optimize(objective, n_trials=6)
    assert sorted(t.number for t in study.best_trials) == [0, 1, 2, 3, 4, 5]
