"""optuna.study.MaxTrialsCallback."""

import pytest

import optuna
from optuna.study import MaxTrialsCallback
from optuna.trial import TrialState


def _study() -> optuna.Study:
    return optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))


def _objective(trial: optuna.trial.Trial) -> float:
    x = trial.suggest_float("x", 0, 1)
    if trial.number % 2 == 1:
        raise optuna.TrialPruned()
    return x


def test_max_trials_callback_counts_complete_by_default() -> None:
    study = _study()
    study.optimize(_objective, n_trials=50, callbacks=[MaxTrialsCallback(3)])
    assert len(study.get_trials(states=(TrialState.COMPLETE,))) == 3
    # Trials 0, 2, 4 complete; 1, 3 pruned.
    assert len(study.trials) == 5


def test_max_trials_callback_with_states() -> None:
    study = _study()
    study.optimize(
        _objective,
        n_trials=50,
        callbacks=[MaxTrialsCallback(4, states=(TrialState.COMPLETE, TrialState.PRUNED))],
    )
    assert len(study.trials) == 4


def test_max_trials_callback_states_none_counts_everything() -> None:
    study = _study()
    study.tell(study.ask(), state=TrialState.FAIL)
    study.optimize(_objective, n_trials=50, callbacks=[MaxTrialsCallback(3, states=None)])
    assert len(study.trials) == 3


def test_max_trials_callback_counts_existing_trials() -> None:
    study = _study()
    study.optimize(lambda t: 0.0, n_trials=4)
    # The limit is already passed: the study stops after the first new trial.
    study.optimize(lambda t: 0.0, n_trials=50, callbacks=[MaxTrialsCallback(2)])
    assert len(study.trials) == 5


def test_max_trials_callback_shared_across_workers() -> None:
    study = _study()
    study.optimize(lambda t: 0.0, n_trials=200, n_jobs=2, callbacks=[MaxTrialsCallback(10)])
    n = len(study.trials)
    # Each worker stops once the shared count reaches 10; running trials may finish.
    assert 10 <= n <= 11


def test_max_trials_callback_shared_between_loaded_studies() -> None:
    storage = optuna.storages.InMemoryStorage()
    a = optuna.create_study(storage=storage, study_name="s")
    a.optimize(lambda t: 0.0, n_trials=3)
    b = optuna.load_study(study_name="s", storage=storage)
    b.optimize(lambda t: 0.0, n_trials=50, callbacks=[MaxTrialsCallback(5)])
    assert len(a.trials) == 5


@pytest.mark.parametrize("n_trials", [-1, 1.5, "3", None])
def test_max_trials_callback_invalid_n_trials(n_trials: object) -> None:
    with pytest.raises(ValueError, match="n_trials"):
        MaxTrialsCallback(n_trials)  # type: ignore[arg-type]
