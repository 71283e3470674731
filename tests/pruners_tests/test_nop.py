import pytest

import optuna
from optuna.pruners import BasePruner, NopPruner
from optuna.trial import TrialState

pytestmark = pytest.mark.usefixtures("quiet_logs")


def test_never_prunes() -> None:
    pruner = NopPruner()
    assert isinstance(pruner, BasePruner)
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0), pruner=pruner)
    for i in range(5):
        trial = study.ask()
        trial.report(float(i), 0)
        study.tell(trial, float(i))
    trial = study.ask()
    for step, value in enumerate([1e9, float("nan"), float("inf")]):
        trial.report(value, step)
        assert trial.should_prune() is False
        assert pruner.prune(study, study._storage.get_trial(trial._trial_id)) is False


def test_optimize_with_nop_pruner_completes_everything() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0), pruner=NopPruner())

    def objective(trial: optuna.Trial) -> float:
        for step in range(3):
            trial.report(100.0 * trial.number, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return float(trial.number)

    study.optimize(objective, n_trials=8)
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


def test_default_pruner_is_median() -> None:
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    assert isinstance(study.pruner, optuna.pruners.MedianPruner)
