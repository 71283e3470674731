from typing import Dict, List

import numpy as np
import pytest

import optuna
from optuna.pruners import PercentilePruner
from optuna.trial import TrialState

pytestmark = pytest.mark.usefixtures("quiet_logs")


def _study(pruner: optuna.pruners.BasePruner, direction: str = "minimize") -> optuna.Study:
    return optuna.create_study(
        sampler=optuna.samplers.RandomSampler(seed=0), pruner=pruner, direction=direction
    )


def _complete(study: optuna.Study, intermediate: Dict[int, float]) -> None:
    trial = study.ask()
    for step, value in intermediate.items():
        trial.report(value, step)
    study.tell(trial, 0.0)


def _prunes(study: optuna.Study, intermediate: Dict[int, float]) -> bool:
    trial = study.ask()
    for step, value in intermediate.items():
        trial.report(value, step)
    return trial.should_prune()


def _study_with_values(
    pruner: PercentilePruner, values: List[float], direction: str = "minimize"
) -> optuna.Study:
    study = _study(pruner, direction)
    for v in values:
        _complete(study, {0: v})
    return study


_VALUES = [1.0, 2.0, 3.0, 4.0]


@pytest.mark.parametrize("percentile", [0.0, 10.0, 25.0, 50.0, 75.0, 100.0])
def test_threshold_minimize(percentile: float) -> None:
    study = _study_with_values(PercentilePruner(percentile, n_startup_trials=0), _VALUES)
    threshold = float(np.percentile(_VALUES, percentile))
    assert _prunes(study, {0: threshold + 0.01})
    assert not _prunes(study, {0: threshold - 0.01})


@pytest.mark.parametrize("percentile", [0.0, 10.0, 25.0, 50.0, 75.0, 100.0])
def test_threshold_maximize(percentile: float) -> None:
    pruner = PercentilePruner(percentile, n_startup_trials=0)
    study = _study_with_values(pruner, _VALUES, direction="maximize")
    # For maximization the best `percentile` percent are the largest values.
    threshold = float(np.percentile(_VALUES, 100.0 - percentile))
    assert _prunes(study, {0: threshold - 0.01})
    assert not _prunes(study, {0: threshold + 0.01})


def test_25th_percentile_keeps_best_quarter() -> None:
    study = _study_with_values(PercentilePruner(25.0, n_startup_trials=0), _VALUES)
    # np.percentile([1, 2, 3, 4], 25) == 1.75
    assert _prunes(study, {0: 1.8})
    assert not _prunes(study, {0: 1.7})


def test_n_startup_trials() -> None:
    study = _study(PercentilePruner(50.0, n_startup_trials=3))
    _complete(study, {0: 1.0})
    _complete(study, {0: 1.0})
    assert not _prunes(study, {0: 5.0})
    # Pruned trials do not count as start-up trials.
    trial = study.ask()
    trial.report(0.0, 0)
    study.tell(trial, state=TrialState.PRUNED)
    assert not _prunes(study, {0: 5.0})
    _complete(study, {0: 1.0})
    assert _prunes(study, {0: 5.0})


def test_n_warmup_steps() -> None:
    study = _study(PercentilePruner(50.0, n_startup_trials=0, n_warmup_steps=3))
    _complete(study, {s: 0.0 for s in range(5)})
    trial = study.ask()
    for step in range(5):
        trial.report(1.0, step)
        assert trial.should_prune() is (step >= 3)


def test_interval_steps() -> None:
    study = _study(PercentilePruner(50.0, n_startup_trials=0, interval_steps=2))
    _complete(study, {s: 0.0 for s in range(6)})
    trial = study.ask()
    results = []
    for step in range(6):
        trial.report(1.0, step)
        results.append(trial.should_prune())
    assert results == [True, False, True, False, True, False]


def test_n_min_trials() -> None:
    study = _study(PercentilePruner(50.0, n_startup_trials=0, n_min_trials=3))
    _complete(study, {0: 0.0})
    _complete(study, {0: 0.0})
    assert not _prunes(study, {0: 1.0})
    _complete(study, {0: 0.0})
    assert _prunes(study, {0: 1.0})


@pytest.mark.parametrize("percentile", [-0.1, 100.1, float("nan")])
def test_invalid_percentile(percentile: float) -> None:
    with pytest.raises(ValueError, match="[Pp]ercentile"):
        PercentilePruner(percentile)


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"n_startup_trials": -1}, r"n_startup_trials.*-1"),
        ({"n_warmup_steps": -3}, r"n_warmup_steps.*-3"),
        ({"interval_steps": 0}, r"interval_steps.*0"),
        ({"n_min_trials": 0}, r"n_min_trials.*0"),
        ({"n_min_trials": -1}, r"n_min_trials.*-1"),
    ],
)
def test_invalid_arguments(kwargs, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        PercentilePruner(50.0, **kwargs)


def test_pruning_in_optimize() -> None:
    study = _study(PercentilePruner(25.0, n_startup_trials=4))

    def objective(trial: optuna.Trial) -> float:
        value = trial.suggest_float("x", 0.0, 1.0)
        for step in range(5):
            trial.report(value, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return value

    study.optimize(objective, n_trials=30)
    states = [t.state for t in study.trials]
    assert TrialState.PRUNED in states
    assert all(s == TrialState.COMPLETE for s in states[:4])
    completed = [t.value for t in study.trials if t.state == TrialState.COMPLETE]
    for t in study.trials:
        if t.state == TrialState.PRUNED:
            # A pruned trial was worse than the 25th percentile of the completed ones so far.
            earlier = [u.value for u in study.trials[: t.number] if u.state == TrialState.COMPLETE]
            assert t.value > np.percentile(earlier, 25.0)
    assert len(completed) >= 4
