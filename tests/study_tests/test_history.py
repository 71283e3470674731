"""The incremental history that samplers and pruners read instead of whole trial lists."""

import math

import numpy as np
import pytest

import optuna
from optuna.distributions import CategoricalDistribution, FloatDistribution
from optuna.storages import InMemoryStorage
from optuna.study._history import TrialHistory
from optuna.trial import TrialState


class _CountingStorage(InMemoryStorage):
    """Counts the calls that read every trial of a study."""

    def __init__(self) -> None:
        super().__init__()
        self.full_reads = 0

    def get_all_trials(self, study_id, deepcopy=True, states=None):
        self.full_reads += 1
        return super().get_all_trials(study_id, deepcopy=deepcopy, states=states)


class _GenericStorage(InMemoryStorage):
    """Uses the BaseStorage fallback of ``_read_finished_trials`` (a scan of the study)."""

    _read_finished_trials = optuna.storages.BaseStorage._read_finished_trials


def _objective(trial):
    x = trial.suggest_float("x", -1.0, 1.0)
    c = trial.suggest_categorical("c", ["a", "b"])
    if trial.number % 5 == 4:
        raise optuna.TrialPruned()
    return x * x + (c == "b")


@pytest.mark.parametrize(
    "sampler",
    [optuna.samplers.RandomSampler(seed=0), optuna.samplers.TPESampler(seed=0)],
    ids=["random", "tpe"],
)
def test_sampling_never_reads_the_whole_study(sampler):
    storage = _CountingStorage()
    study = optuna.create_study(storage=storage, sampler=sampler)
    study.optimize(_objective, n_trials=40)
    assert len(study.trials) == 40
    assert storage.full_reads == 1  # the `study.trials` call just above


def test_median_pruner_never_reads_the_whole_study():
    storage = _CountingStorage()
    study = optuna.create_study(storage=storage, sampler=optuna.samplers.RandomSampler(seed=0))

    def objective(trial):
        x = trial.suggest_float("x", 0, 1)
        for step in range(5):
            trial.report(x * step, step)
            if trial.should_prune():
                raise optuna.TrialPruned()
        return x

    study.optimize(objective, n_trials=30)
    assert storage.full_reads == 0


@pytest.mark.parametrize("storage_cls", [InMemoryStorage, _GenericStorage])
def test_refresh_appends_only_newly_finished_trials(storage_cls):
    study = optuna.create_study(
        storage=storage_cls(), sampler=optuna.samplers.RandomSampler(seed=1)
    )
    history = TrialHistory(study._storage, study._study_id, n_objectives=1)
    assert history.refresh().n == 0

    running = study.ask()
    running.suggest_float("x", 0, 1)
    study.optimize(_objective, n_trials=5)
    first = history.refresh()
    assert first.n == 5
    assert list(first.numbers) == [1, 2, 3, 4, 5]  # the RUNNING trial 0 is not there yet

    study.tell(running, 0.5)
    second = history.refresh()
    assert second.n == 6
    assert second.numbers[-1] == 0
    # Older snapshots stay unchanged after later refreshes.
    assert first.n == 5 and len(first.values) == 5
    assert history.refresh() is second  # nothing new: same snapshot


def test_snapshot_arrays_hold_states_values_and_internal_params():
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=2))
    study.add_trial(
        optuna.trial.create_trial(
            params={"x": 0.25, "c": "b"},
            distributions={"x": FloatDistribution(0, 1), "c": CategoricalDistribution(["a", "b"])},
            value=3.0,
        )
    )
    study.add_trial(
        optuna.trial.create_trial(
            state=TrialState.PRUNED,
            params={"x": 0.5},
            distributions={"x": FloatDistribution(0, 1)},
            intermediate_values={0: 9.0},
        )
    )
    study.add_trial(optuna.trial.create_trial(state=TrialState.FAIL))
    snapshot = study._get_history()

    assert snapshot.n == 3
    assert list(snapshot.states) == [1, 2, 3]
    assert snapshot.values[0, 0] == 3.0
    assert all(math.isnan(v) for v in snapshot.values[1:, 0])
    np.testing.assert_array_equal(snapshot.params["x"].rows, [0, 1])
    np.testing.assert_array_equal(snapshot.params["x"].values, [0.25, 0.5])
    np.testing.assert_array_equal(snapshot.params["c"].rows, [0])
    np.testing.assert_array_equal(snapshot.params["c"].values, [1.0])  # index of "b"


def test_multi_objective_values_have_one_column_per_objective():
    study = optuna.create_study(
        directions=["minimize", "maximize"], sampler=optuna.samplers.RandomSampler(seed=3)
    )
    study.optimize(lambda t: (t.suggest_float("x", 0, 1), 2.0), n_trials=4)
    snapshot = study._get_history()
    assert snapshot.values.shape == (4, 2)
    assert np.all(snapshot.values[:, 1] == 2.0)


def test_history_grows_past_its_initial_capacity():
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=4))
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=150)
    snapshot = study._get_history()
    assert snapshot.n == 150
    expected = [t.params["x"] for t in study.trials]
    np.testing.assert_allclose(snapshot.params["x"].values, expected)
