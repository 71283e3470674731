import math
from collections import Counter
from typing import Any, Dict, List

import numpy as np
import pytest

import optuna
from optuna.distributions import (
    BaseDistribution,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.samplers import BaseSampler, RandomSampler
from optuna.trial import Trial

pytestmark = pytest.mark.usefixtures("quiet_logs")


def _objective(trial: Trial) -> float:
    x = trial.suggest_float("x", -5.0, 5.0)
    lx = trial.suggest_float("lx", 1e-4, 1.0, log=True)
    sx = trial.suggest_float("sx", 0.0, 1.0, step=0.125)
    n = trial.suggest_int("n", -10, 10)
    ln = trial.suggest_int("ln", 1, 1024, log=True)
    sn = trial.suggest_int("sn", 0, 30, step=3)
    c = trial.suggest_categorical("c", [None, True, 1, 1.5, "s"])
    if c == "s":
        trial.suggest_float("conditional", 0.0, 1.0)
    return x + lx + sx + n + ln + sn


def _params(seed: Any, n_trials: int = 15) -> List[Dict[str, Any]]:
    study = optuna.create_study(sampler=RandomSampler(seed=seed))
    study.optimize(_objective, n_trials=n_trials)
    return [t.params for t in study.trials]


def test_is_a_sampler() -> None:
    assert isinstance(RandomSampler(), BaseSampler)


def test_same_seed_same_parameters() -> None:
    first = _params(seed=123)
    second = _params(seed=123)
    assert first == second
    # Types match too (e.g. True vs 1 vs 1.5 in the categorical parameter).
    for a, b in zip(first, second):
        assert [type(v) for v in a.values()] == [type(v) for v in b.values()]


def test_different_seed_different_parameters() -> None:
    assert _params(seed=1) != _params(seed=2)


def test_no_seed_differs_between_samplers() -> None:
    assert _params(seed=None, n_trials=3) != _params(seed=None, n_trials=3)


def test_seeded_ask_tell_is_reproducible() -> None:
    def run() -> List[float]:
        study = optuna.create_study(sampler=RandomSampler(seed=7))
        values = []
        for _ in range(5):
            trial = study.ask()
            values.append(trial.suggest_float("x", 0.0, 1.0))
            study.tell(trial, values[-1])
        return values

    assert run() == run()


def test_reseed_rng_changes_the_stream() -> None:
    sampler = RandomSampler(seed=0)
    reference = RandomSampler(seed=0)
    sampler.reseed_rng()
    study = optuna.create_study(sampler=sampler)
    ref_study = optuna.create_study(sampler=reference)
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=5)
    ref_study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=5)
    assert [t.params for t in study.trials] != [t.params for t in ref_study.trials]


def _sample(dist: BaseDistribution, n: int = 500, seed: int = 0) -> List[Any]:
    study = optuna.create_study(sampler=RandomSampler(seed=seed))
    trial = study.ask()
    frozen = study._storage.get_trial(trial._trial_id)
    sampler = study.sampler
    return [sampler.sample_independent(study, frozen, "p", dist) for _ in range(n)]


@pytest.mark.parametrize(
    "dist",
    [
        FloatDistribution(-1.0, 1.0),
        FloatDistribution(1e-5, 1e3, log=True),
        FloatDistribution(0.5, 0.5 + 1e-9),
        FloatDistribution(-1.0, 1.0, step=0.25),
        FloatDistribution(0.1, 0.9, step=0.1),
        IntDistribution(-5, 5),
        IntDistribution(1, 1000, log=True),
        IntDistribution(0, 70, step=35),
        IntDistribution(-3, 12, step=3),
    ],
)
def test_samples_are_inside_the_distribution(dist: BaseDistribution) -> None:
    for value in _sample(dist):
        if isinstance(dist, IntDistribution):
            assert type(value) is int
        assert dist.low <= value <= dist.high  # type: ignore[attr-defined]
        assert dist._contains(dist.to_internal_repr(value)), value


@pytest.mark.parametrize(
    "dist, expected",
    [
        (FloatDistribution(-1.0, 1.0, step=0.5), {-1.0, -0.5, 0.0, 0.5, 1.0}),
        (IntDistribution(-2, 2), {-2, -1, 0, 1, 2}),
        (IntDistribution(1, 5, log=True), {1, 2, 3, 4, 5}),
        (IntDistribution(0, 9, step=3), {0, 3, 6, 9}),
    ],
)
def test_every_grid_value_including_endpoints_is_reachable(dist, expected) -> None:
    values = _sample(dist, n=400)
    assert {round(v, 9) for v in values} == expected


def test_categorical_samples_cover_all_choices_with_their_types() -> None:
    choices = (None, True, 1, 1.0, "1")
    dist = CategoricalDistribution(choices)
    values = _sample(dist, n=300)
    seen = Counter((type(v), v) for v in values)
    assert set(seen) == {(type(c), c) for c in choices}
    assert all(count > 30 for count in seen.values())


def test_float_is_uniform() -> None:
    values = np.array(_sample(FloatDistribution(0.0, 10.0), n=4000))
    assert abs(values.mean() - 5.0) < 0.25
    hist, _ = np.histogram(values, bins=5, range=(0.0, 10.0))
    assert hist.min() > 650


def test_log_float_is_log_uniform() -> None:
    values = np.array(_sample(FloatDistribution(1e-4, 1.0, log=True), n=4000))
    logs = np.log10(values)
    hist, _ = np.histogram(logs, bins=4, range=(-4.0, 0.0))
    # Each decade gets roughly a quarter of the samples.
    assert hist.min() > 850
    assert abs(np.median(logs) - (-2.0)) < 0.2


def test_log_int_favours_small_values() -> None:
    values = np.array(_sample(IntDistribution(1, 1000, log=True), n=3000))
    # Log-uniform: about a third of the mass in [1, 10], far more than a uniform 1%.
    assert 0.2 < np.mean(values <= 10) < 0.45
    assert values.max() > 500


def test_single_value_distributions() -> None:
    assert set(_sample(FloatDistribution(2.0, 2.0), n=20)) == {2.0}
    assert set(_sample(IntDistribution(4, 4), n=20)) == {4}
    assert set(_sample(CategoricalDistribution(("z",)), n=20)) == {"z"}


def test_study_values_within_bounds() -> None:
    study = optuna.create_study(sampler=RandomSampler(seed=3))
    study.optimize(_objective, n_trials=60)
    for trial in study.trials:
        for name, value in trial.params.items():
            dist = trial.distributions[name]
            assert dist._contains(dist.to_internal_repr(value)), (name, value)
        assert trial.params["sx"] in {i * 0.125 for i in range(9)}
        assert trial.params["sn"] % 3 == 0
        assert 1 <= trial.params["ln"] <= 1024
    assert any("conditional" in t.params for t in study.trials)
    assert any("conditional" not in t.params for t in study.trials)


def test_multi_objective_study() -> None:
    sampler = RandomSampler(seed=0)
    study = optuna.create_study(directions=["minimize", "maximize"], sampler=sampler)
    study.optimize(lambda t: (t.suggest_float("x", 0, 1), t.suggest_int("y", 0, 3)), n_trials=10)
    assert len(study.trials) == 10
    assert all(not math.isnan(v) for t in study.trials for v in t.values)


_each_seeded_sampler = pytest.mark.parametrize(
    "make",
    [
        lambda seed: optuna.samplers.RandomSampler(seed=seed),
        lambda seed: optuna.samplers.TPESampler(seed=seed),
        lambda seed: optuna.samplers.NSGAIISampler(seed=seed),
    ],
    ids=["random", "tpe", "nsga2"],
)


@_each_seeded_sampler
@pytest.mark.parametrize("seed", ["a", 1.5, True])
def test_seed_that_is_not_an_integer_is_rejected(make, seed) -> None:
    with pytest.raises(TypeError, match="`seed` must be None or an integer"):
        make(seed)


@_each_seeded_sampler
@pytest.mark.parametrize("seed", [-1, 2**32, 2**70])
def test_seed_out_of_range_is_rejected(make, seed) -> None:
    with pytest.raises(ValueError, match=r"`seed` must be between 0 and 2\*\*32 - 1"):
        make(seed)


def test_largest_seed_is_accepted() -> None:
    sampler = optuna.samplers.RandomSampler(seed=2**32 - 1)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: t.suggest_float("x", 0, 1), n_trials=2)
    assert len(study.trials) == 2


def test_subclass_overriding_sample_independent_is_asked() -> None:
    class HalfSampler(RandomSampler):
        def sample_independent(self, study: Any, trial: Any, name: str, dist: Any) -> Any:
            if name == "x":
                return 0.5
            return super().sample_independent(study, trial, name, dist)

    study = optuna.create_study(sampler=HalfSampler(seed=0))
    study.optimize(lambda t: t.suggest_float("x", 0, 1) + t.suggest_int("n", 0, 9), n_trials=5)
    assert all(t.params["x"] == 0.5 for t in study.trials)
    assert all(0 <= t.params["n"] <= 9 for t in study.trials)


@pytest.mark.parametrize(
    "sampler, name",
    [
        (optuna.samplers.RandomSampler(), "RandomSampler"),
        (optuna.samplers.TPESampler(), "TPESampler"),
        (optuna.samplers.NSGAIISampler(), "NSGAIISampler"),
    ],
)
def test_str_of_a_sampler_is_its_class_name(
    sampler: optuna.samplers.BaseSampler, name: str
) -> None:
    assert str(sampler) == name
