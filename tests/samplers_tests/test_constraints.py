"""``constraints_func`` is called the same way by every sampler that takes it."""

from typing import List

import pytest

import optuna
from optuna.trial import FrozenTrial, Trial, TrialState

SAMPLERS = {
    "tpe": lambda func: optuna.samplers.TPESampler(seed=0, constraints_func=func),
    "nsga2": lambda func: optuna.samplers.NSGAIISampler(
        seed=0, population_size=2, constraints_func=func
    ),
}


@pytest.mark.filterwarnings("ignore::optuna.exceptions.ExperimentalWarning")
@pytest.mark.parametrize("name", list(SAMPLERS))
def test_constraints_func_sees_each_trial_as_it_finished(name: str) -> None:
    seen = []

    def constraints(trial: FrozenTrial) -> List[float]:
        seen.append((trial.number, trial.state, trial.value))
        return [float(trial.number)]

    study = optuna.create_study(sampler=SAMPLERS[name](constraints))

    def objective(trial: Trial) -> float:
        trial.suggest_float("x", 0.0, 1.0)
        if trial.number == 1:
            trial.report(5.0, step=0)
            raise optuna.TrialPruned()
        if trial.number == 2:
            raise ValueError("boom")
        return 2.0

    study.optimize(objective, n_trials=4, catch=(ValueError,))
    # COMPLETE and PRUNED trials are evaluated in their final state; FAIL trials are not.
    assert seen == [
        (0, TrialState.COMPLETE, 2.0),
        (1, TrialState.PRUNED, 5.0),
        (3, TrialState.COMPLETE, 2.0),
    ]
    stored = [t.system_attrs.get("constraints") for t in study.trials]
    assert stored == [[0.0], [1.0], None, [3.0]]
