import math
from typing import Dict

import pytest

import optuna
from optuna.pruners import MedianPruner, PercentilePruner
from optuna.trial import TrialState

pytestmark = pytest.mark.usefixtures("quiet_logs")


def _study(pruner: optuna.pruners.BasePruner, direction: str = "minimize") -> optuna.Study:
    return optuna.create_study(
        sampler=optuna.samplers.RandomSampler(seed=0), pruner=pruner, direction=direction
    )


def _add(
    study: optuna.Study,
    intermediate: Dict[int, float],
    state: TrialState = TrialState.COMPLETE,
) -> None:
    trial = study.ask()
    for step, value in intermediate.items():
        trial.report(value, step)
    if state == TrialState.COMPLETE:
        study.tell(trial, min(intermediate.values()) if intermediate else 0.0)
    else:
        study.tell(trial, state=state)


def _prunes(study: optuna.Study, intermediate: Dict[int, float]) -> bool:
    trial = study.ask()
    for step, value in intermediate.items():
        trial.report(value, step)
    return trial.should_prune()


def test_is_percentile_pruner_at_50() -> None:
    assert isinstance(MedianPruner(), PercentilePruner)


def test_defaults_wait_for_five_completed_trials() -> None:
    study = _study(MedianPruner())
    for i in range(4):
        _add(study, {0: float(i)})
    assert not _prunes(study, {0: 100.0})
    _add(study, {0: 4.0})
    assert _prunes(study, {0: 100.0})
    assert not _prunes(study, {0: 1.0})


def test_prunes_above_median_when_minimizing() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    _add(study, {0: 1.0})
    _add(study, {0: 3.0})
    assert _prunes(study, {0: 2.5})
    assert not _prunes(study, {0: 1.5})
    assert not _prunes(study, {0: 2.0})  # equal to the median is kept


def test_prunes_below_median_when_maximizing() -> None:
    study = _study(MedianPruner(n_startup_trials=0), direction="maximize")
    _add(study, {0: 1.0})
    _add(study, {0: 3.0})
    assert _prunes(study, {0: 1.5})
    assert not _prunes(study, {0: 2.5})


def test_uses_best_intermediate_value_so_far() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    _add(study, {0: 1.0, 1: 1.0})
    _add(study, {0: 3.0, 1: 3.0})
    # The trial was good at step 0, so a bad step 1 does not prune it.
    assert not _prunes(study, {0: 0.5, 1: 10.0})
    assert _prunes(study, {0: 10.0, 1: 10.0})


def test_compares_with_values_at_the_same_step() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    _add(study, {0: 100.0, 1: 1.0})
    _add(study, {0: 100.0, 1: 3.0})
    assert not _prunes(study, {0: 50.0})  # median at step 0 is 100
    assert _prunes(study, {0: 50.0, 1: 50.0})  # median at step 1 is 2


def test_no_report_means_no_pruning() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    _add(study, {0: 1.0})
    trial = study.ask()
    assert trial.should_prune() is False


def test_no_completed_trials_means_no_pruning() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    assert not _prunes(study, {0: 1e9})
    assert not _prunes(study, {0: float("nan")})


def test_only_complete_trials_count() -> None:
    study = _study(MedianPruner(n_startup_trials=2))
    _add(study, {0: 1.0})
    _add(study, {0: 0.0}, state=TrialState.PRUNED)
    _add(study, {0: 0.0}, state=TrialState.FAIL)
    running = study.ask()
    running.report(0.0, 0)
    # Only one COMPLETE trial: still in the start-up phase.
    assert not _prunes(study, {0: 100.0})
    _add(study, {0: 3.0})
    # The PRUNED/FAIL/RUNNING zeros do not drag the median down.
    assert not _prunes(study, {0: 1.5})
    assert _prunes(study, {0: 2.5})


def test_n_warmup_steps() -> None:
    study = _study(MedianPruner(n_startup_trials=0, n_warmup_steps=2))
    _add(study, {0: 1.0, 1: 1.0, 2: 1.0, 3: 1.0})
    trial = study.ask()
    expected = {0: False, 1: False, 2: True, 3: True}
    for step, prune in expected.items():
        trial.report(10.0, step)
        assert trial.should_prune() is prune, step


@pytest.mark.parametrize(
    "n_warmup_steps, interval_steps, checked_steps",
    [
        (0, 1, {0, 1, 2, 3, 4, 5, 6}),
        (0, 2, {0, 2, 4, 6}),
        (0, 3, {0, 3, 6}),
        (1, 2, {1, 3, 5}),
        (2, 3, {2, 5}),
    ],
)
def test_interval_steps(n_warmup_steps: int, interval_steps: int, checked_steps) -> None:
    pruner = MedianPruner(
        n_startup_trials=0, n_warmup_steps=n_warmup_steps, interval_steps=interval_steps
    )
    study = _study(pruner)
    _add(study, {s: 1.0 for s in range(7)})
    trial = study.ask()
    for step in range(7):
        trial.report(10.0, step)
        assert trial.should_prune() is (step in checked_steps), step


def test_interval_steps_with_skipped_reports() -> None:
    study = _study(MedianPruner(n_startup_trials=0, interval_steps=3))
    _add(study, {s: 1.0 for s in range(10)})
    trial = study.ask()
    trial.report(10.0, 1)
    # Step 1 is after the pruning step 0, and no report was made at or after step 0 before.
    assert trial.should_prune()
    trial.report(10.0, 2)
    assert not trial.should_prune()  # still in the interval started at step 0
    trial.report(10.0, 4)
    assert trial.should_prune()  # first report since the pruning step 3
    trial.report(10.0, 5)
    assert not trial.should_prune()


def test_n_min_trials() -> None:
    study = _study(MedianPruner(n_startup_trials=0, n_min_trials=2))
    _add(study, {0: 1.0, 1: 1.0})
    _add(study, {0: 1.0})
    trial = study.ask()
    trial.report(10.0, 0)
    assert trial.should_prune()  # two completed trials reported step 0
    trial = study.ask()
    trial.report(10.0, 1)
    assert not trial.should_prune()  # only one completed trial reported step 1
    _add(study, {1: 1.0})
    assert trial.should_prune()


def test_nan_only_reports_are_pruned() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    _add(study, {0: 1.0})
    assert _prunes(study, {0: float("nan")})
    # A NaN after a good value does not hide the good value.
    assert not _prunes(study, {0: 0.5, 1: float("nan")})


def test_nan_values_of_completed_trials_are_ignored() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    _add(study, {0: 1.0})
    trial = study.ask()
    trial.report(float("nan"), 0)
    study.tell(trial, 5.0)
    assert not _prunes(study, {0: 0.9})
    assert _prunes(study, {0: 1.1})


def test_pruner_is_used_by_optimize() -> None:
    study = _study(MedianPruner(n_startup_trials=2))

    def objective(trial: optuna.Trial) -> float:
        base = [1.0, 2.0, 10.0, 0.5][trial.number]
        for step in range(3):
            trial.report(base, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return base

    study.optimize(objective, n_trials=4)
    states = [t.state for t in study.trials]
    assert states == [
        TrialState.COMPLETE,
        TrialState.COMPLETE,
        TrialState.PRUNED,
        TrialState.COMPLETE,
    ]
    pruned = study.trials[2]
    assert pruned.intermediate_values == {0: 10.0}
    assert pruned.value == 10.0


def test_one_pruner_shared_by_two_studies() -> None:
    pruner = MedianPruner(n_startup_trials=0)
    low = _study(pruner)
    high = _study(pruner)
    _add(low, {0: 1.0})
    _add(high, {0: 100.0})
    for _ in range(2):
        assert _prunes(low, {0: 50.0})
        assert not _prunes(high, {0: 50.0})


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"n_startup_trials": -1}, "n_startup_trials"),
        ({"n_warmup_steps": -1}, "n_warmup_steps"),
        ({"interval_steps": 0}, "interval_steps"),
        ({"interval_steps": -2}, "interval_steps"),
        ({"n_min_trials": 0}, "n_min_trials"),
    ],
)
def test_invalid_arguments(kwargs, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        MedianPruner(**kwargs)


def test_n_min_trials_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        MedianPruner(5, 0, 1, 2)  # type: ignore[misc]


def test_best_value_is_finite_for_pruned_trial_without_nan() -> None:
    study = _study(MedianPruner(n_startup_trials=0))
    _add(study, {0: 1.0})
    trial = study.ask()
    trial.report(2.0, 0)
    assert trial.should_prune()
    study.tell(trial, state=TrialState.PRUNED)
    assert not math.isnan(study.trials[-1].value)
