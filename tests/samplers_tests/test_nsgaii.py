"""NSGAIISampler and the crossover operators of optuna.samplers.nsgaii."""

import math
import pickle
import warnings
from typing import Any, Dict, List, Sequence, Tuple

import numpy as np
import pytest

import optuna
from optuna.distributions import FloatDistribution, IntDistribution
from optuna.samplers import NSGAIISampler, RandomSampler
from optuna.samplers._dominance import (
    _constrained_ranks,
    _crowding_distances_by_front,
    _pareto_ranks,
    _select_elites,
)
from optuna.samplers.nsgaii import (
    BaseCrossover,
    BLXAlphaCrossover,
    SBXCrossover,
    SPXCrossover,
    UNDXCrossover,
    UniformCrossover,
    VSBXCrossover,
)
from optuna.samplers.nsgaii._crossover import _numeric_child, _SearchSpaceCoding
from optuna.trial import FrozenTrial, Trial, TrialState

# The non-uniform crossovers are experimental (tested once below); their warning is noise here.
pytestmark = pytest.mark.filterwarnings("ignore::optuna.exceptions.ExperimentalWarning")


@pytest.mark.parametrize(
    "crossover",
    [BLXAlphaCrossover, SBXCrossover, VSBXCrossover, UNDXCrossover, SPXCrossover],
)
def test_non_uniform_crossovers_are_experimental(crossover: Any) -> None:
    with pytest.warns(optuna.exceptions.ExperimentalWarning, match=crossover.__name__):
        crossover()


def test_uniform_crossover_is_not_experimental() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        UniformCrossover()
        NSGAIISampler()


optuna.logging.set_verbosity(optuna.logging.WARNING)

_GENERATION_KEY = "nsga2:generation"


def _made(crossover_class: Any, **kwargs: Any) -> BaseCrossover:
    """A crossover built at collection time, without its experimental warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        return crossover_class(**kwargs)


ALL_CROSSOVERS = [
    _made(UniformCrossover),
    _made(BLXAlphaCrossover),
    _made(SBXCrossover),
    _made(VSBXCrossover),
    _made(UNDXCrossover),
    _made(SPXCrossover),
]


def _sampler(**kwargs: Any) -> NSGAIISampler:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        return NSGAIISampler(**kwargs)


def _zdt1(trial: Trial, n_vars: int = 5) -> Tuple[float, float]:
    xs = [trial.suggest_float(f"x{i}", 0.0, 1.0) for i in range(n_vars)]
    g = 1.0 + 9.0 * sum(xs[1:]) / (n_vars - 1)
    return xs[0], g * (1.0 - math.sqrt(xs[0] / g))


def _hypervolume_2d(points: Sequence[Sequence[float]], ref: Tuple[float, float]) -> float:
    volume, previous = 0.0, ref[1]
    for f1, f2 in sorted((p[0], p[1]) for p in points if p[0] < ref[0] and p[1] < ref[1]):
        if f2 < previous:
            volume += (ref[0] - f1) * (previous - f2)
            previous = f2
    return volume


def _mixed_objective(trial: Trial) -> Tuple[float, float]:
    a = trial.suggest_float("a", -5.0, 5.0)
    b = trial.suggest_float("b", 1e-3, 10.0, log=True)
    c = trial.suggest_float("c", 0.0, 1.0, step=0.1)
    d = trial.suggest_int("d", -3, 9)
    e = trial.suggest_int("e", 0, 12, step=3)
    f = trial.suggest_int("f", 1, 1000, log=True)
    g = trial.suggest_categorical("g", ["x", "y", None, 2.5])
    return a**2 + math.log(b) ** 2 + c + abs(d) + e + math.log(f), float(g == "x") - a


# ---------------------------------------------------------------------------- defaults, API


def test_is_exported_and_default_for_multi_objective() -> None:
    assert optuna.samplers.NSGAIISampler is NSGAIISampler
    assert "NSGAIISampler" in optuna.samplers.__all__
    study = optuna.create_study(directions=["minimize", "minimize"])
    assert isinstance(study.sampler, NSGAIISampler)
    assert not isinstance(optuna.create_study().sampler, NSGAIISampler)


def test_crossover_n_parents() -> None:
    expected = [2, 2, 2, 2, 3, 3]
    assert [c.n_parents for c in ALL_CROSSOVERS] == expected
    for crossover in ALL_CROSSOVERS:
        assert isinstance(crossover, BaseCrossover)
    with pytest.raises(TypeError):
        BaseCrossover()  # type: ignore[abstract]


@pytest.mark.parametrize(
    "kwargs, argument",
    [
        ({"population_size": 1}, "population_size"),
        ({"population_size": 0}, "population_size"),
        ({"population_size": 2.5}, "population_size"),
        ({"population_size": "10"}, "population_size"),
        ({"mutation_prob": -0.1}, "mutation_prob"),
        ({"mutation_prob": 1.1}, "mutation_prob"),
        ({"crossover_prob": -0.5}, "crossover_prob"),
        ({"crossover_prob": 2.0}, "crossover_prob"),
        ({"swapping_prob": -1.0}, "swapping_prob"),
        ({"swapping_prob": 1.5}, "swapping_prob"),
        ({"crossover": "uniform"}, "crossover"),
        ({"crossover": UniformCrossover}, "crossover"),
        ({"population_size": 2, "crossover": _made(UNDXCrossover)}, "population_size"),
        ({"population_size": 2, "crossover": _made(SPXCrossover)}, "population_size"),
    ],
)
def test_invalid_arguments(kwargs: Dict[str, Any], argument: str) -> None:
    with pytest.raises(ValueError, match=argument):
        NSGAIISampler(**kwargs)


def test_valid_edge_arguments() -> None:
    NSGAIISampler(population_size=2, mutation_prob=0.0, crossover_prob=1.0, swapping_prob=0.0)
    NSGAIISampler(population_size=3, crossover=UNDXCrossover(), mutation_prob=1.0)
    NSGAIISampler(population_size=3, crossover=SPXCrossover())


def test_constraints_func_is_experimental() -> None:
    with pytest.warns(optuna.exceptions.ExperimentalWarning):
        NSGAIISampler(constraints_func=lambda t: [0.0])


# ---------------------------------------------------------------------------- crossover operators


@pytest.mark.parametrize("crossover", ALL_CROSSOVERS, ids=lambda c: type(c).__name__)
def test_crossover_child_shape_and_bounds(crossover: BaseCrossover) -> None:
    rng = np.random.RandomState(0)
    study = optuna.create_study(directions=["minimize", "minimize"])
    n_params = 6
    bounds = np.array([[-1.0, 1.0], [0.0, 10.0], [-5.0, -4.0], [0.0, 1.0], [2.0, 3.0], [0, 1e-3]])
    coding = _SearchSpaceCoding(
        {f"p{i}": FloatDistribution(low, high) for i, (low, high) in enumerate(bounds)}
    )
    for _ in range(200):
        parents = bounds[:, 0] + rng.rand(crossover.n_parents, n_params) * (
            bounds[:, 1] - bounds[:, 0]
        )
        child = crossover.crossover(parents, rng, study, bounds)
        assert isinstance(child, np.ndarray)
        assert child.shape == (n_params,)
        assert np.all(np.isfinite(child))
        # The sampler's child generation always ends inside the bounds.
        final = np.asarray(_numeric_child(coding, crossover, parents, rng, study))
        assert final.shape == (n_params,)
        assert np.all(final >= bounds[:, 0]) and np.all(final <= bounds[:, 1])


@pytest.mark.parametrize("crossover", [_made(UniformCrossover), _made(SBXCrossover)])
def test_bounded_crossovers_stay_inside(crossover: BaseCrossover) -> None:
    rng = np.random.RandomState(1)
    study = optuna.create_study()
    bounds = np.array([[0.0, 1.0]] * 4)
    for _ in range(300):
        parents = rng.rand(2, 4)
        child = crossover.crossover(parents, rng, study, bounds)
        assert np.all(child >= 0.0) and np.all(child <= 1.0)


def test_uniform_crossover_takes_genes_from_parents() -> None:
    rng = np.random.RandomState(0)
    parents = np.array([[0.0] * 8, [1.0] * 8])
    bounds = np.array([[0.0, 1.0]] * 8)
    assert np.all(UniformCrossover(0.0).crossover(parents, rng, None, bounds) == 0.0)
    assert np.all(UniformCrossover(1.0).crossover(parents, rng, None, bounds) == 1.0)
    child = UniformCrossover(0.5).crossover(parents, rng, None, bounds)
    assert set(child.tolist()) <= {0.0, 1.0}


def test_blx_alpha_zero_stays_between_parents() -> None:
    rng = np.random.RandomState(0)
    parents = np.array([[0.2, 0.8], [0.4, 0.6]])
    bounds = np.array([[0.0, 1.0]] * 2)
    for _ in range(100):
        child = BLXAlphaCrossover(alpha=0.0).crossover(parents, rng, None, bounds)
        assert 0.2 <= child[0] <= 0.4 and 0.6 <= child[1] <= 0.8


def test_crossovers_handle_identical_parents() -> None:
    rng = np.random.RandomState(0)
    study = optuna.create_study()
    coding = _SearchSpaceCoding({f"p{i}": FloatDistribution(0.0, 1.0) for i in range(3)})
    for crossover in ALL_CROSSOVERS:
        parents = np.full((crossover.n_parents, 3), 0.5)
        child = np.asarray(_numeric_child(coding, crossover, parents, rng, study))
        assert np.all(np.isfinite(child))
        assert np.all(child >= 0.0) and np.all(child <= 1.0)


def test_crossover_argument_validation() -> None:
    with pytest.raises(ValueError, match="swapping_prob"):
        UniformCrossover(1.5)
    with pytest.raises(ValueError, match="alpha"):
        BLXAlphaCrossover(-0.1)
    with pytest.raises(ValueError, match="eta"):
        SBXCrossover(-1.0)
    with pytest.raises(ValueError, match="eta"):
        VSBXCrossover(-1.0)
    with pytest.raises(ValueError, match="sigma_xi"):
        UNDXCrossover(sigma_xi=-1.0)
    with pytest.raises(ValueError, match="epsilon"):
        SPXCrossover(-1.0)


# ---------------------------------------------------------------------------- sampling


class _MidpointCrossover(BaseCrossover):
    n_parents = 2

    def crossover(
        self,
        parents_params: np.ndarray,
        rng: np.random.RandomState,
        study: optuna.Study,
        search_space_bounds: np.ndarray,
    ) -> np.ndarray:
        return parents_params.mean(axis=0)


def test_user_defined_crossover() -> None:
    sampler = NSGAIISampler(
        population_size=6, crossover=_MidpointCrossover(), crossover_prob=1.0, mutation_prob=0.0
    )
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(lambda t: _zdt1(t, 3), n_trials=12)
    parents = [t.params["x0"] for t in study.trials[:6]]
    for child in study.trials[6:]:
        assert any(
            child.params["x0"] == pytest.approx((a + b) / 2)
            for i, a in enumerate(parents)
            for b in parents[i + 1 :]
        )


def test_seed_reproducibility() -> None:
    def run(seed: int) -> List[Dict[str, Any]]:
        study = optuna.create_study(
            directions=["minimize", "maximize"],
            sampler=NSGAIISampler(population_size=8, seed=seed),
        )
        study.optimize(_mixed_objective, n_trials=50)
        return [t.params for t in study.trials]

    first = run(3)
    assert first == run(3)
    assert first != run(4)


def test_reseed_rng_changes_the_stream() -> None:
    sampler = NSGAIISampler(seed=0)
    before = sampler._rng.get_state()[1].copy()
    sampler.reseed_rng()
    assert not np.array_equal(before, sampler._rng.get_state()[1])


@pytest.mark.parametrize("crossover", ALL_CROSSOVERS, ids=lambda c: type(c).__name__)
def test_values_within_distributions(crossover: BaseCrossover) -> None:
    study = optuna.create_study(
        directions=["minimize", "minimize"],
        sampler=NSGAIISampler(population_size=6, crossover=crossover, seed=1),
    )
    study.optimize(_mixed_objective, n_trials=60)
    assert max(t.system_attrs[_GENERATION_KEY] for t in study.trials) >= 5
    for trial in study.trials:
        assert trial.state == TrialState.COMPLETE
        for name, value in trial.params.items():
            dist = trial.distributions[name]
            assert dist._contains(dist.to_internal_repr(value)), (name, value)
            if isinstance(dist, IntDistribution):
                assert isinstance(value, int)
            elif isinstance(dist, FloatDistribution):
                assert isinstance(value, float)
        assert trial.params["g"] in ("x", "y", None, 2.5)


def test_children_inherit_parent_values() -> None:
    # Without mutation and with uniform crossover, every gene of a child comes from the
    # previous generation's elite population.
    study = optuna.create_study(
        directions=["minimize", "minimize"],
        sampler=NSGAIISampler(population_size=10, mutation_prob=0.0, seed=0),
    )
    study.optimize(lambda t: _zdt1(t, 3), n_trials=40)
    by_generation: Dict[int, List[FrozenTrial]] = {}
    for trial in study.trials:
        by_generation.setdefault(trial.system_attrs[_GENERATION_KEY], []).append(trial)
    assert sorted(by_generation) == [0, 1, 2, 3]
    assert all(len(trials) == 10 for trials in by_generation.values())
    seen = {name: {t.params[name] for t in by_generation[0]} for name in ("x0", "x1", "x2")}
    for trial in by_generation[1]:
        for name, values in seen.items():
            assert trial.params[name] in values


def test_generation_is_recorded() -> None:
    study = optuna.create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(population_size=5, seed=0)
    )
    study.optimize(lambda t: _zdt1(t, 3), n_trials=23)
    generations = [t.system_attrs[_GENERATION_KEY] for t in study.trials]
    assert generations == [i // 5 for i in range(23)]


def test_failed_and_pruned_trials_do_not_fill_a_generation() -> None:
    study = optuna.create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(population_size=4, seed=0)
    )

    def objective(trial: Trial) -> Tuple[float, float]:
        x = trial.suggest_float("x", 0, 1)
        if trial.number % 3 == 0:
            raise optuna.TrialPruned()
        return x, 1 - x

    study.optimize(objective, n_trials=30)
    complete: Dict[int, int] = {}
    for t in study.trials:
        if t.state == TrialState.COMPLETE:
            generation = t.system_attrs[_GENERATION_KEY]
            complete[generation] = complete.get(generation, 0) + 1
    last = max(complete)
    assert all(complete[g] == 4 for g in range(last))


def test_conditional_and_dynamic_search_space() -> None:
    def objective(trial: Trial) -> Tuple[float, float]:
        kind = trial.suggest_categorical("kind", ["linear", "square", "const"])
        if kind == "linear":
            x = trial.suggest_float("x", -1.0, 1.0)
            return x, -x
        if kind == "square":
            y = trial.suggest_int("y", -10, 10)
            z = trial.suggest_float("z", 1e-2, 1.0, log=True)
            return y * y * z, -z
        return 0.5, 0.5 + trial.suggest_float(f"w{trial.number % 4}", 0.0, 1.0)

    study = optuna.create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(population_size=6, seed=0)
    )
    study.optimize(objective, n_trials=80)
    assert all(t.state == TrialState.COMPLETE for t in study.trials)
    assert max(t.system_attrs[_GENERATION_KEY] for t in study.trials) >= 5
    for trial in study.trials:
        for name, value in trial.params.items():
            dist = trial.distributions[name]
            assert dist._contains(dist.to_internal_repr(value))


def test_single_objective_study() -> None:
    def objective(trial: Trial) -> float:
        return sum(trial.suggest_float(f"x{i}", -5, 5) ** 2 for i in range(3))

    study = optuna.create_study(sampler=NSGAIISampler(population_size=10, seed=0))
    study.optimize(objective, n_trials=200)
    first_generation = [t.value for t in study.trials[:10]]
    assert study.best_value < min(first_generation)
    assert study.best_value < 1.0


def test_single_parameter_and_fixed_parameters() -> None:
    study = optuna.create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(population_size=4, seed=0)
    )

    def objective(trial: Trial) -> Tuple[float, float]:
        x = trial.suggest_float("x", 0, 1)
        trial.suggest_float("fixed", 2.0, 2.0)
        trial.suggest_categorical("one", ["only"])
        return x, (1 - x) ** 2

    study.optimize(objective, n_trials=20)
    assert all(t.params["fixed"] == 2.0 and t.params["one"] == "only" for t in study.trials)


def test_enqueued_trials_and_ask_tell() -> None:
    sampler = NSGAIISampler(population_size=4, seed=0)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.enqueue_trial({"x0": 0.0, "x1": 0.0, "x2": 0.0})
    study.optimize(lambda t: _zdt1(t, 3), n_trials=1)
    assert study.trials[0].params == {"x0": 0.0, "x1": 0.0, "x2": 0.0}
    for _ in range(12):
        trial = study.ask()
        study.tell(trial, _zdt1(trial, 3))
    assert study.trials[-1].system_attrs[_GENERATION_KEY] == 3


def test_hypervolume_beats_random_search() -> None:
    budget, reference = 300, (1.1, 2.0)
    ratios = []
    for seed in range(2):
        volumes = []
        for sampler in (NSGAIISampler(population_size=20, seed=seed), RandomSampler(seed=seed)):
            study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
            study.optimize(_zdt1, n_trials=budget)
            volumes.append(_hypervolume_2d([t.values for t in study.best_trials], reference))
        ratios.append(volumes[0] / volumes[1])
    assert min(ratios) > 1.3, ratios


def test_maximize_directions_are_respected() -> None:
    def objective(trial: Trial) -> Tuple[float, float]:
        x = trial.suggest_float("x", 0, 1)
        y = trial.suggest_float("y", 0, 1)
        return -(x + y), x - y  # maximize the first, minimize the second

    study = optuna.create_study(
        directions=["maximize", "minimize"], sampler=NSGAIISampler(population_size=10, seed=0)
    )
    study.optimize(objective, n_trials=150)
    late = [t.values[0] for t in study.trials[-30:]]
    early = [t.values[0] for t in study.trials[:10]]
    # The first objective is maximized by pushing x + y down to 0.
    assert np.mean(late) > np.mean(early)


def test_samplers_sharing_a_storage_cooperate() -> None:
    # Two sampler instances (as in two worker processes) alternate on the same study: the
    # generations they assign stay consistent.
    storage = optuna.storages.InMemoryStorage()
    studies = [
        optuna.create_study(
            directions=["minimize", "minimize"],
            storage=storage,
            study_name="shared",
            load_if_exists=True,
            sampler=NSGAIISampler(population_size=5, seed=seed),
        )
        for seed in (0, 1)
    ]
    for i in range(32):
        study = studies[i % 2]
        trial = study.ask()
        study.tell(trial, _zdt1(trial, 3))
    generations = [t.system_attrs[_GENERATION_KEY] for t in studies[0].trials]
    assert generations == [i // 5 for i in range(32)]


def test_parallel_threads() -> None:
    study = optuna.create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(population_size=8, seed=0)
    )
    study.optimize(lambda t: _zdt1(t, 4), n_trials=80, n_jobs=2)
    assert len(study.trials) == 80
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


def test_population_is_cached_per_generation(monkeypatch: pytest.MonkeyPatch) -> None:
    from optuna.samplers.nsgaii import _sampler as sampler_module

    calls = []
    original = sampler_module._select_elites

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(sampler_module, "_select_elites", counting)
    study = optuna.create_study(
        directions=["minimize", "minimize"], sampler=NSGAIISampler(population_size=5, seed=0)
    )
    study.optimize(lambda t: _zdt1(t, 3), n_trials=50)
    # Generations 0..8 are complete parents of later ones: one elite selection each.
    assert len(calls) == 9


def _brute_force_crowding(losses: np.ndarray) -> np.ndarray:
    """Crowding distance of the rows of one front, as in Deb et al. (2002)."""
    distances = np.zeros(len(losses))
    for k in range(losses.shape[1]):
        order = np.argsort(losses[:, k], kind="stable")
        width = losses[order[-1], k] - losses[order[0], k]
        distances[order[0]] = distances[order[-1]] = math.inf
        if width == 0:
            continue
        for j in range(1, len(order) - 1):
            distances[order[j]] += (losses[order[j + 1], k] - losses[order[j - 1], k]) / width
    return distances


def test_elite_populations_are_nsga2_selections_over_parents_and_children() -> None:
    # The parents of generation g + 1 are the best `population_size` trials of generation g
    # together with the parents of generation g: whole fronts first, then the least crowded
    # trials of the front that does not fit.
    size = 8
    sampler = NSGAIISampler(population_size=size, seed=3)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(lambda t: _zdt1(t, 4), n_trials=8 * size)
    by_generation: Dict[int, List[FrozenTrial]] = {}
    for trial in study.trials:
        by_generation.setdefault(trial.system_attrs[_GENERATION_KEY], []).append(trial)
    cache = sampler._cache(study)
    parents: List[FrozenTrial] = []
    for generation in range(7):
        pool = by_generation[generation] + parents
        losses = np.array([t.values for t in pool])
        ranks = np.array(_brute_force_ranks(losses))
        elites = sampler._population(study, cache, generation)
        assert elites is not None
        chosen = {t.number for t in elites.trials}
        assert len(chosen) == size
        selected = np.array([t.number in chosen for t in pool])
        last = ranks[selected].max()
        assert selected[ranks < last].all() and not selected[ranks > last].any()
        front = np.flatnonzero(ranks == last)
        crowding = _brute_force_crowding(losses[front])
        kept, dropped = crowding[selected[front]], crowding[~selected[front]]
        if len(dropped):
            assert kept.min() >= dropped.max()
        # The tournaments see each member's front index and crowding distance.
        member_rank = {t.number: r for t, r in zip(pool, ranks)}
        assert elites.ranks == [member_rank[t.number] for t in elites.trials]
        parents = elites.trials


def test_crowding_distances_by_front_match_brute_force() -> None:
    rng = np.random.RandomState(0)
    for n_objectives in (1, 2, 3):
        for discrete in (False, True):
            losses = rng.rand(40, n_objectives)
            if discrete:
                losses = np.floor(losses * 4)
            fronts = rng.randint(0, 4, size=40)
            expected = np.zeros(40)
            for front in range(4):
                rows = np.flatnonzero(fronts == front)
                expected[rows] = _brute_force_crowding(losses[rows])
            got = _crowding_distances_by_front(losses, fronts)
            assert np.array_equal(np.isinf(got), np.isinf(expected))
            finite = np.isfinite(expected)
            assert np.allclose(got[finite], expected[finite])


@pytest.mark.parametrize("mutation_prob, expected", [(None, 0.1), (0.5, 0.5)])
def test_mutation_redraws_genes_from_the_whole_range(mutation_prob: Any, expected: float) -> None:
    # With uniform crossover a child's gene is either inherited or, with probability
    # `mutation_prob` (1 / number of parameters by default), drawn afresh from the whole
    # distribution.
    n_vars = 10
    study = optuna.create_study(
        directions=["minimize", "minimize"],
        sampler=NSGAIISampler(population_size=20, mutation_prob=mutation_prob, seed=0),
    )
    study.optimize(lambda t: _zdt1(t, n_vars), n_trials=400)
    names = [f"x{i}" for i in range(n_vars)]
    seen = {name: {t.params[name] for t in study.trials[:20]} for name in names}
    fresh = []
    for trial in study.trials[20:]:
        for name in names:
            value = trial.params[name]
            if value not in seen[name]:
                fresh.append(value)
            seen[name].add(value)
    rate = len(fresh) / (380 * n_vars)
    assert expected * 0.8 < rate < expected * 1.3, rate
    # The population converges towards 0 in x1.., yet redrawn genes still cover [0, 1].
    assert 0.4 < np.mean(fresh) < 0.6 and max(fresh) > 0.95


def test_sampler_is_picklable() -> None:
    sampler = NSGAIISampler(population_size=4, seed=0)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(lambda t: _zdt1(t, 3), n_trials=10)
    restored = pickle.loads(pickle.dumps(sampler))
    study.sampler = restored
    study.optimize(lambda t: _zdt1(t, 3), n_trials=10)
    assert len(study.trials) == 20


# ---------------------------------------------------------------------------- constraints


def test_constraints_are_stored_and_feasible_trials_win() -> None:
    def objective(trial: Trial) -> Tuple[float, float]:
        x = trial.suggest_float("x", 0.0, 1.0)
        y = trial.suggest_float("y", 0.0, 1.0)
        trial.set_user_attr("c", 1.2 - x - y)  # feasible when x + y >= 1.2
        return x, y

    def late_feasible_fraction(sampler: NSGAIISampler) -> float:
        study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
        study.optimize(objective, n_trials=150)
        return float(np.mean([t.user_attrs["c"] <= 0 for t in study.trials[-50:]]))

    constrained = _sampler(
        population_size=10, seed=0, constraints_func=lambda t: [t.user_attrs["c"]]
    )
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=constrained)
    study.optimize(objective, n_trials=150)
    for trial in study.trials:
        assert trial.system_attrs["constraints"] == [pytest.approx(trial.user_attrs["c"])]
    # The parents of the last generations are all feasible (enough feasible trials exist).
    cache = constrained._cache(study)
    for generation in sorted(cache.populations)[-3:]:
        assert all(t.user_attrs["c"] <= 0 for t in cache.populations[generation].trials)
    # Without constraints the search drifts to the (infeasible) unconstrained front.
    with_constraints = float(np.mean([t.user_attrs["c"] <= 0 for t in study.trials[-50:]]))
    without = late_feasible_fraction(NSGAIISampler(population_size=10, seed=0))
    assert with_constraints > without + 0.15, (with_constraints, without)


def test_infeasible_trials_rank_by_total_violation() -> None:
    # Nothing is feasible: the search must still move towards smaller violations.
    def objective(trial: Trial) -> Tuple[float, float]:
        x = trial.suggest_float("x", 0.0, 1.0)
        y = trial.suggest_float("y", 0.0, 1.0)
        trial.set_user_attr("c", [x + 1.0, y + 1.0])
        return -x, -y  # unconstrained, the search would push x and y up

    sampler = _sampler(population_size=10, seed=0, constraints_func=lambda t: t.user_attrs["c"])
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)
    study.optimize(objective, n_trials=100)
    early = np.mean([sum(t.user_attrs["c"]) for t in study.trials[:10]])
    late = np.mean([sum(t.user_attrs["c"]) for t in study.trials[-20:]])
    assert late < early - 0.3


def test_constraints_func_not_called_for_failed_trials() -> None:
    called = []

    def constraints(trial: FrozenTrial) -> Sequence[float]:
        called.append(trial.number)
        return [0.0]

    sampler = _sampler(population_size=4, seed=0, constraints_func=constraints)
    study = optuna.create_study(directions=["minimize", "minimize"], sampler=sampler)

    def objective(trial: Trial) -> Tuple[float, float]:
        x = trial.suggest_float("x", 0, 1)
        if trial.number == 1:
            raise ValueError("boom")
        return x, x

    study.optimize(objective, n_trials=3, catch=(ValueError,))
    assert called == [0, 2]
    assert "constraints" not in study.trials[1].system_attrs


def test_constrained_ranking() -> None:
    losses = np.array([[1.0, 1.0], [0.0, 0.0], [2.0, 2.0], [0.5, 3.0], [3.0, 0.5]])
    violations = np.array([0.0, 1.0, 0.0, 0.5, 0.0])
    ranks = _constrained_ranks(losses, violations)
    # Feasible rows 0 and 4 (non-dominated), then 2 (dominated by 0); infeasible rows after
    # them, ordered by violation: 3, then 1.
    assert ranks.tolist() == [0, 3, 1, 2, 0]
    # Equal violations share a front.
    assert _constrained_ranks(losses[:2], np.array([1.0, 1.0])).tolist() == [0, 0]
    assert _constrained_ranks(losses, None).tolist() == _pareto_ranks(losses).tolist()


# ---------------------------------------------------------------------------- sorting helpers


def _brute_force_ranks(losses: np.ndarray) -> List[int]:
    remaining = set(range(len(losses)))
    ranks = [-1] * len(losses)
    rank = 0
    while remaining:
        front = [
            j
            for j in remaining
            if not any(
                np.all(losses[i] <= losses[j]) and np.any(losses[i] < losses[j]) for i in remaining
            )
        ]
        for j in front:
            ranks[j] = rank
        remaining -= set(front)
        rank += 1
    return ranks


@pytest.mark.parametrize("n_objectives", [1, 2, 3])
def test_pareto_ranks_match_brute_force(n_objectives: int) -> None:
    rng = np.random.RandomState(n_objectives)
    for size in (1, 2, 7, 30):
        for discrete in (False, True):
            losses = rng.rand(size, n_objectives)
            if discrete:
                losses = np.floor(losses * 3)
            assert _pareto_ranks(losses).tolist() == _brute_force_ranks(losses)


def test_pareto_ranks_large_input_uses_front_extraction() -> None:
    rng = np.random.RandomState(0)
    losses = np.floor(rng.rand(2100, 2) * 50)
    ranks = _pareto_ranks(losses, n_needed=300)
    first = ranks == 0
    # No row of the first front is dominated by any other row.
    for i in np.flatnonzero(first)[:20]:
        dominated = np.all(losses <= losses[i], axis=1) & np.any(losses < losses[i], axis=1)
        assert not dominated.any()
    assert (ranks >= 0).all()


def test_select_elites_prefers_fronts_then_spread() -> None:
    losses = np.array([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0], [0.45, 0.55], [2.0, 2.0]])
    indices, ranks, crowding = _select_elites(losses, None, 3)
    # Rank-0 front has 4 rows; the extremes (infinite crowding) and the least crowded interior
    # row survive.
    assert sorted(indices.tolist()[:2]) == [0, 2]
    assert len(indices) == 3 and 4 not in indices.tolist()
    assert ranks.tolist() == [0, 0, 0]
    assert math.isinf(crowding[0]) and math.isinf(crowding[1])


def test_out_of_range_enqueued_log_values_do_not_break_breeding() -> None:
    study = optuna.create_study(sampler=optuna.samplers.NSGAIISampler(population_size=4, seed=1))
    study.enqueue_trial({"x": 0})
    study.enqueue_trial({"x": -3})
    with pytest.warns(UserWarning, match="out of range"):
        study.optimize(lambda t: t.suggest_int("x", 1, 100, log=True), n_trials=40)
    states = {t.state for t in study.trials}
    assert states == {optuna.trial.TrialState.COMPLETE}
    assert all(1 <= t.params["x"] <= 100 for t in study.trials[2:])


def test_out_of_range_enqueued_values_are_not_inherited() -> None:
    # Without crossover or mutation every child copies a parent; the enqueued -3.0 (outside
    # the log range) is the best trial but must not be copied into sampled trials.
    sampler = optuna.samplers.NSGAIISampler(
        population_size=2, crossover_prob=0.0, mutation_prob=0.0, seed=0
    )
    study = optuna.create_study(sampler=sampler)
    study.enqueue_trial({"l": -3.0, "y": 0.5})
    study.enqueue_trial({"l": 0.5, "y": 0.5})

    def objective(trial: Trial) -> float:
        return trial.suggest_float("l", 1e-3, 1.0, log=True) + trial.suggest_float("y", 0, 1)

    with pytest.warns(UserWarning, match="out of range"):
        study.optimize(objective, n_trials=12)
    sampled = study.trials[2:]
    assert all(1e-3 <= t.params["l"] <= 1.0 for t in sampled)
    assert any(t.params["y"] == 0.5 for t in sampled)  # in-range values are still inherited
