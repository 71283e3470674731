import math
import pickle
import statistics
import warnings
from typing import Any, Dict, List

import numpy as np
import pytest

import optuna
from optuna.distributions import FloatDistribution, IntDistribution
from optuna.exceptions import ExperimentalWarning
from optuna.samplers import TPESampler
from optuna.samplers._tpe import _multi_objective, _split
from optuna.samplers._tpe._space import NumericScale
from optuna.samplers._tpe._tail_table import unit_masses
from optuna.samplers._tpe._truncnorm import ndtr
from optuna.samplers._tpe.parzen_estimator import (
    ABOVE_BANDWIDTH_SCALE,
    SETTLED_CLIP_SCALE,
    SETTLED_OBSERVATIONS,
    ParzenConfig,
    SplitMixtures,
    fit_categorical,
    neighbour_bandwidths,
)
from optuna.samplers._tpe.product_estimator import (
    Dimension,
    MultivariateMixture,
    ProductLayout,
    ProductMixtures,
    scott_bandwidths,
)
from optuna.samplers._tpe.sampler import default_gamma, default_weights, hyperopt_default_gamma
from optuna.trial import TrialState

optuna.logging.set_verbosity(optuna.logging.WARNING)

CONFIG = ParzenConfig(
    consider_prior=True, prior_weight=1.0, consider_magic_clip=True, consider_endpoints=False
)


def _sampler(**kwargs: Any) -> TPESampler:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExperimentalWarning)
        return TPESampler(**kwargs)


def _mixed_objective(trial: optuna.Trial) -> float:
    x = trial.suggest_float("x", -5.0, 5.0)
    lr = trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    q = trial.suggest_float("q", 0.0, 1.0, step=0.1)
    n = trial.suggest_int("n", 1, 10)
    nl = trial.suggest_int("nl", 1, 1000, log=True)
    ns = trial.suggest_int("ns", 0, 20, step=4)
    c = trial.suggest_categorical("c", ["a", "b", None, 3.5])
    return x**2 + abs(math.log10(lr) + 3) + q + n + math.log(nl) + ns + (c != "b")


def _params(study: optuna.Study) -> List[Dict[str, Any]]:
    return [t.params for t in study.trials]


# --------------------------------------------------------------------------- defaults


def test_default_gamma_and_weights() -> None:
    assert [default_gamma(n) for n in (0, 1, 10, 11, 100, 250, 1000)] == [0, 1, 1, 2, 10, 25, 25]
    assert [hyperopt_default_gamma(n) for n in (1, 16, 17, 100000)] == [1, 1, 2, 25]
    assert len(default_weights(0)) == 0
    np.testing.assert_array_equal(default_weights(24), np.ones(24))
    w = default_weights(30)
    assert len(w) == 30 and w[0] == pytest.approx(1 / 30)
    np.testing.assert_array_equal(w[-25:], np.ones(25))
    assert np.all(np.diff(w) >= 0)


def test_hyperopt_parameters() -> None:
    params = TPESampler.hyperopt_parameters()
    assert params["n_startup_trials"] == 20 and params["gamma"] is hyperopt_default_gamma
    sampler = TPESampler(**params, seed=0)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: t.suggest_float("x", -1, 1) ** 2, n_trials=25)
    assert len(study.trials) == 25


# --------------------------------------------------------------------------- arguments


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"prior_weight": 0.0}, "prior_weight"),
        ({"prior_weight": -1.0}, "prior_weight"),
        ({"prior_weight": float("nan")}, "prior_weight"),
        ({"prior_weight": "1"}, "prior_weight"),
        ({"n_startup_trials": -1}, "n_startup_trials"),
        ({"n_startup_trials": 1.5}, "n_startup_trials"),
        ({"n_ei_candidates": 0}, "n_ei_candidates"),
        ({"n_ei_candidates": True}, "n_ei_candidates"),
        ({"consider_prior": "yes"}, "consider_prior"),
        ({"consider_magic_clip": 1}, "consider_magic_clip"),
        ({"consider_endpoints": None}, "consider_endpoints"),
        ({"multivariate": "true"}, "multivariate"),
        ({"constant_liar": 0}, "constant_liar"),
        ({"warn_independent_sampling": None}, "warn_independent_sampling"),
        ({"group": True}, "group"),
    ],
)
def test_invalid_arguments_raise_value_error(kwargs: Dict[str, Any], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        _sampler(**kwargs)


@pytest.mark.parametrize("name", ["gamma", "weights", "constraints_func"])
def test_non_callable_arguments_raise_type_error(name: str) -> None:
    with pytest.raises(TypeError, match=name):
        _sampler(**{name: 3})


@pytest.mark.parametrize(
    "kwargs, option",
    [
        ({"multivariate": True}, "multivariate"),
        ({"multivariate": True, "group": True}, "group"),
        ({"constant_liar": True}, "constant_liar"),
        ({"constraints_func": lambda t: [0.0]}, "constraints_func"),
    ],
)
def test_experimental_warnings(kwargs: Dict[str, Any], option: str) -> None:
    with pytest.warns(ExperimentalWarning) as record:
        TPESampler(**kwargs)
    assert any(option in str(w.message) for w in record)


def test_no_warning_by_default() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        TPESampler()


# --------------------------------------------------------------------------- reproducibility


@pytest.mark.parametrize(
    "kwargs", [{}, {"multivariate": True}, {"multivariate": True, "group": True}]
)
def test_seeded_runs_are_reproducible(kwargs: Dict[str, Any]) -> None:
    runs = []
    for _ in range(2):
        study = optuna.create_study(sampler=_sampler(seed=3, n_startup_trials=5, **kwargs))
        study.optimize(_mixed_objective, n_trials=25)
        runs.append(_params(study))
    assert runs[0] == runs[1]


def test_different_seeds_differ() -> None:
    runs = []
    for seed in (0, 1):
        study = optuna.create_study(sampler=TPESampler(seed=seed, n_startup_trials=5))
        study.optimize(_mixed_objective, n_trials=15)
        runs.append(_params(study))
    assert runs[0] != runs[1]


def test_batched_sampling_matches_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    def run() -> List[Dict[str, Any]]:
        study = optuna.create_study(sampler=TPESampler(seed=1, n_startup_trials=5))
        study.optimize(_mixed_objective, n_trials=40)
        return _params(study)

    batched = run()
    monkeypatch.setattr(TPESampler, "_batch_plan", lambda *args: None)
    assert run() == batched


def _sometimes_failing(trial: optuna.Trial) -> float:
    xs = [trial.suggest_float(f"x{i}", -5, 5) for i in range(2)]
    if trial.number % 4 == 2:
        raise ValueError("fails after two of the four parameters")
    xs += [trial.suggest_float(f"x{i}", -5, 5) for i in range(2, 4)]
    return sum(x * x for x in xs)


def test_failed_trials_keep_batching(monkeypatch: pytest.MonkeyPatch) -> None:
    def run() -> Any:
        sampler = TPESampler(seed=4, n_startup_trials=5)
        study = optuna.create_study(sampler=sampler)
        study.optimize(_sometimes_failing, n_trials=30, catch=(ValueError,))
        return _params(study), sampler

    batched, sampler = run()
    # The four parameters share their observed trials, so they are sampled as one batch.
    assert any(entry is not None for entry in sampler._cache.matrices.values())
    monkeypatch.setattr(TPESampler, "_batch_plan", lambda *args: None)
    assert run()[0] == batched


def test_interleaved_ask_tell_matches_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # Two open trials asking parameters in turn invalidate each other's batches; the random
    # state must then be rewound so that values equal those of unbatched sampling.
    def run() -> List[Dict[str, Any]]:
        study = optuna.create_study(sampler=TPESampler(seed=2, n_startup_trials=4))
        study.optimize(_mixed_objective, n_trials=8)
        for _ in range(5):
            a, b = study.ask(), study.ask()
            for name in ("x", "y", "z"):
                a.suggest_float(name, -1, 1)
                b.suggest_float(name, -1, 1)
            study.tell(a, a.params["x"] ** 2)
            b.suggest_float("w", 0, 1)
            study.tell(b, b.params["y"] ** 2)
        return _params(study)

    batched = run()
    monkeypatch.setattr(TPESampler, "_batch_plan", lambda *args: None)
    assert run() == batched


def test_reseed_rng_changes_stream() -> None:
    sampler = TPESampler(seed=0)
    state = sampler._rng.get_state()[1].copy()
    sampler.reseed_rng()
    assert not np.array_equal(state, sampler._rng.get_state()[1])


def test_sampler_can_be_pickled() -> None:
    sampler = TPESampler(seed=0, n_startup_trials=3)
    study = optuna.create_study(sampler=sampler)
    study.optimize(_mixed_objective, n_trials=6)
    restored = pickle.loads(pickle.dumps(sampler))
    study.sampler = restored
    study.optimize(_mixed_objective, n_trials=3)
    assert len(study.trials) == 9


# --------------------------------------------------------------------------- validity


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"multivariate": True},
        {"consider_prior": False, "consider_magic_clip": False, "consider_endpoints": True},
        {"multivariate": True, "consider_prior": False, "consider_magic_clip": False},
        {"n_startup_trials": 0},
    ],
)
def test_values_lie_inside_distributions(kwargs: Dict[str, Any]) -> None:
    study = optuna.create_study(
        sampler=(
            _sampler(
                seed=0,
                n_startup_trials=5,
                **{k: v for k, v in kwargs.items() if k != "n_startup_trials"},
            )
            if "n_startup_trials" not in kwargs
            else _sampler(seed=0, **kwargs)
        )
    )
    study.optimize(_mixed_objective, n_trials=40)
    for trial in study.trials:
        assert trial.state == TrialState.COMPLETE
        for name, value in trial.params.items():
            distribution = trial.distributions[name]
            assert distribution._contains(distribution.to_internal_repr(value)), (name, value)
            if isinstance(distribution, IntDistribution):
                assert isinstance(value, int)
            elif isinstance(distribution, FloatDistribution):
                assert isinstance(value, float)


def test_narrow_and_single_valued_distributions() -> None:
    def objective(trial: optuna.Trial) -> float:
        a = trial.suggest_float("a", 1.0, 1.0)
        b = trial.suggest_int("b", 3, 4)
        c = trial.suggest_float("c", 0.0, 1e-12)
        d = trial.suggest_categorical("d", ["only"])
        e = trial.suggest_float("e", 0.1, 0.3, step=0.1)
        assert d == "only"
        return a + b + c + e

    for kwargs in ({}, {"multivariate": True}):
        study = optuna.create_study(sampler=_sampler(seed=0, n_startup_trials=3, **kwargs))
        study.optimize(objective, n_trials=20)
        assert {t.params["b"] for t in study.trials} <= {3, 4}
        assert {round(t.params["e"], 9) for t in study.trials} <= {0.1, 0.2, 0.3}


def test_changing_ranges_are_supported() -> None:
    def objective(trial: optuna.Trial) -> float:
        high = 10 if trial.number < 15 else 2
        x = trial.suggest_float("x", 0.0, float(high))
        n = trial.suggest_int("n", 0, high)
        assert 0 <= x <= high and 0 <= n <= high
        return x + n

    study = optuna.create_study(sampler=TPESampler(seed=0, n_startup_trials=5))
    study.optimize(objective, n_trials=30)


# --------------------------------------------------------------------------- search spaces


def _conditional_objective(trial: optuna.Trial) -> float:
    kind = trial.suggest_categorical("kind", ["linear", "quad", "const"])
    if kind == "linear":
        a = trial.suggest_float("a", -10, 10)
        return abs(a)
    if kind == "quad":
        b = trial.suggest_float("b", -10, 10)
        depth = trial.suggest_int("depth", 1, 8)
        return b * b + depth
    return 5.0


@pytest.mark.parametrize(
    "kwargs", [{}, {"multivariate": True}, {"multivariate": True, "group": True}]
)
def test_conditional_search_space(kwargs: Dict[str, Any]) -> None:
    bests = []
    for seed in range(3):
        sampler = _sampler(
            seed=seed, n_startup_trials=5, warn_independent_sampling=False, **kwargs
        )
        study = optuna.create_study(sampler=sampler)
        study.optimize(_conditional_objective, n_trials=40)
        assert all(t.state == TrialState.COMPLETE for t in study.trials)
        bests.append(study.best_value)
    # A run can get stuck on the constant branch (a plateau), but not most runs.
    assert statistics.median(bests) < 2.0


def _two_branches(trial: optuna.Trial) -> float:
    # The "r" branch holds the optimum (0), but its random startup trials look worse than
    # the easy "l" branch (>= 0.5).
    if trial.suggest_categorical("k", ["l", "r"]) == "l":
        return trial.suggest_float("a", -3, 3) ** 2 + 0.5
    return (trial.suggest_float("b", 0, 10) - 7) ** 2


@pytest.mark.parametrize(
    "kwargs", [{}, {"multivariate": True}, {"multivariate": True, "group": True}]
)
def test_conditional_search_space_finds_the_better_branch(kwargs: Dict[str, Any]) -> None:
    # Seeds 1, 2, 5 and 7 (depending on the mode) stayed in the "l" branch when a choice
    # with a few bad trials lost its prior pseudo-count and when "b" was split among all
    # trials (leaving it no good observation).
    for seed in range(8):
        sampler = _sampler(seed=seed, warn_independent_sampling=False, **kwargs)
        study = optuna.create_study(sampler=sampler)
        study.optimize(_two_branches, n_trials=100)
        assert study.best_value < 0.5, seed


def test_conditional_parameter_is_split_among_its_own_trials() -> None:
    study = optuna.create_study(sampler=_sampler(seed=0))
    k = optuna.distributions.CategoricalDistribution(["l", "r"])
    a, b = FloatDistribution(-3, 3), FloatDistribution(0, 10)
    # "b" appears only in the 10 worst trials: the global split leaves it no good one.
    for i in range(20):
        study.add_trial(
            optuna.trial.create_trial(
                params={"k": "l", "a": 0.0}, distributions={"k": k, "a": a}, value=i / 100
            )
        )
    for i in range(10):
        study.add_trial(
            optuna.trial.create_trial(
                params={"k": "r", "b": float(i)},
                distributions={"k": k, "b": b},
                value=10.0 + abs(i - 3.0),
            )
        )
    sampler = study.sampler
    assert isinstance(sampler, TPESampler)
    context = sampler._context(study, study.trials[-1])
    rows = np.arange(20, 30)
    assert (context.labels[rows] == _split.ABOVE).all()
    labels = context.labels_among(rows)
    # gamma(10) = 1: the best "b" trial (b = 3) is good among the trials that have "b".
    assert np.flatnonzero(labels == _split.BELOW).tolist() == [23]
    assert (labels[rows] != 0).all() and (labels[:20] == 0).all()
    assert context.labels_among(np.arange(30)) is context.labels


def _sphere_and_choice(trial: optuna.Trial) -> float:
    x = sum(trial.suggest_float(f"x{i}", -5, 5) ** 2 for i in range(5))
    return x + {"w": 1.0, "x": 0.0, "y": 2.0, "z": 3.0}[trial.suggest_categorical("c", "wxyz")]


@pytest.mark.parametrize("multivariate", [False, True])
def test_categorical_choice_is_exploited(multivariate: bool) -> None:
    # A 5-d sphere plus a categorical whose choice "x" adds 0 and the others 1 to 3: the
    # categorical's pseudo-counts must not keep TPE exploring the worse choices.
    shares = []
    for seed in range(4):
        study = optuna.create_study(sampler=_sampler(seed=seed, multivariate=multivariate))
        study.optimize(_sphere_and_choice, n_trials=150)
        late = [t.params["c"] for t in study.trials[75:]]
        shares.append(late.count("x") / len(late))
    assert statistics.mean(shares) > 0.5


def test_group_decomposition_samples_groups_jointly() -> None:
    sampler = _sampler(seed=0, n_startup_trials=5, multivariate=True, group=True)
    study = optuna.create_study(sampler=sampler)
    study.optimize(_conditional_objective, n_trials=20)
    groups = sampler._group_search_space.calculate(study)
    assert sorted(sorted(g) for g in groups) == [["a"], ["b", "depth"], ["kind"]]
    trial = study.ask()
    space = sampler.infer_relative_search_space(study, trial._cached_frozen_trial)
    assert set(space) == {"a", "b", "depth", "kind"}
    params = sampler.sample_relative(study, trial._cached_frozen_trial, space)
    assert set(params) == {"a", "b", "depth", "kind"}


def test_multivariate_relative_space_excludes_single_values() -> None:
    sampler = _sampler(seed=0, multivariate=True)
    study = optuna.create_study(sampler=sampler)
    study.optimize(
        lambda t: t.suggest_float("x", 0, 1) + t.suggest_float("fixed", 2, 2), n_trials=3
    )
    space = sampler.infer_relative_search_space(study, study.trials[0])
    assert list(space) == ["x"]


def _late_parameter_objective(trial: optuna.Trial) -> float:
    # "y" is missing from the first trials, so it never joins the relative search space.
    x = trial.suggest_float("x", -10, 10)
    y = trial.suggest_float("y", -10, 10) if trial.number >= 3 else 0.0
    return x * x + y * y


def test_independent_sampling_warning(caplog: pytest.LogCaptureFixture) -> None:
    optuna.logging.enable_propagation()
    try:
        sampler = _sampler(seed=0, n_startup_trials=3, multivariate=True)
        study = optuna.create_study(sampler=sampler)
        study.optimize(_late_parameter_objective, n_trials=6)
        assert "sampled independently" in caplog.text
        caplog.clear()
        quiet = _sampler(
            seed=0, n_startup_trials=3, multivariate=True, warn_independent_sampling=False
        )
        study = optuna.create_study(sampler=quiet)
        study.optimize(_late_parameter_objective, n_trials=6)
        assert "sampled independently" not in caplog.text
    finally:
        optuna.logging.disable_propagation()


def test_univariate_does_not_warn(caplog: pytest.LogCaptureFixture) -> None:
    optuna.logging.enable_propagation()
    try:
        study = optuna.create_study(sampler=TPESampler(seed=0, n_startup_trials=3))
        study.optimize(_conditional_objective, n_trials=12)
        assert "sampled independently" not in caplog.text
    finally:
        optuna.logging.disable_propagation()


# --------------------------------------------------------------------------- optimization


def _sphere(trial: optuna.Trial) -> float:
    return sum(trial.suggest_float(f"x{i}", -5, 5) ** 2 for i in range(5))


@pytest.mark.parametrize("multivariate", [False, True])
def test_tpe_beats_random_search(multivariate: bool) -> None:
    def best(sampler: optuna.samplers.BaseSampler) -> float:
        study = optuna.create_study(sampler=sampler)
        study.optimize(_sphere, n_trials=100)
        return study.best_value

    seeds = range(3)
    tpe = statistics.median(best(_sampler(seed=s, multivariate=multivariate)) for s in seeds)
    rand = statistics.median(best(optuna.samplers.RandomSampler(seed=s)) for s in seeds)
    assert tpe < 0.5 * rand


def test_maximize_direction() -> None:
    study = optuna.create_study(direction="maximize", sampler=TPESampler(seed=0))
    study.optimize(lambda t: -((t.suggest_float("x", -10, 10) - 3) ** 2), n_trials=60)
    assert abs(study.best_params["x"] - 3) < 1.0


def test_pruned_and_failed_trials() -> None:
    def objective(trial: optuna.Trial) -> float:
        x = trial.suggest_float("x", -5, 5)
        if trial.number % 7 == 3:
            raise ValueError("boom")
        if trial.number % 5 == 1:
            for step in range(trial.number % 3):
                trial.report(x * x + 10 - step, step)
            raise optuna.TrialPruned()
        return x * x

    study = optuna.create_study(sampler=TPESampler(seed=0, n_startup_trials=5))
    study.optimize(objective, n_trials=50, catch=(ValueError,))
    states = {t.state for t in study.trials}
    assert states == {TrialState.COMPLETE, TrialState.PRUNED, TrialState.FAIL}
    assert study.best_value < 0.5


def test_pruned_trials_rank_after_complete_by_step_then_value() -> None:
    study = optuna.create_study()
    for value in (3.0, 1.0):
        study.add_trial(_frozen(TrialState.COMPLETE, {"x": value}, value=value))
    study.add_trial(_frozen(TrialState.PRUNED, {"x": 0.5}, value=0.2, steps={0: 0.2}))
    study.add_trial(_frozen(TrialState.PRUNED, {"x": 0.6}, value=9.0, steps={0: 1.0, 1: 9.0}))
    study.add_trial(_frozen(TrialState.PRUNED, {"x": 0.7}, value=None, steps={}))
    study.add_trial(_frozen(TrialState.FAIL, {"x": 0.8}))
    snapshot = study._get_history()
    features = _split.RowFeatures()
    features.update(snapshot)
    ranks = []
    for n_below in range(1, 6):
        labels = _split.split_labels(
            snapshot, features, study.directions, lambda n: n_below, 0, False
        )
        ranks.append(set(np.flatnonzero(labels == _split.BELOW)))
        assert labels[5] == 0
    # complete 1.0, complete 3.0, pruned at step 1, pruned at step 0, pruned without values
    assert ranks == [{1}, {0, 1}, {0, 1, 3}, {0, 1, 2, 3}, {0, 1, 2, 3, 4}]


def _frozen(
    state: TrialState,
    params: Dict[str, float],
    value: Any = None,
    steps: Any = None,
    values: Any = None,
    system_attrs: Any = None,
) -> optuna.trial.FrozenTrial:
    return optuna.trial.create_trial(
        state=state,
        params=params,
        distributions={k: FloatDistribution(0, 10) for k in params},
        value=value,
        values=values,
        intermediate_values=steps,
        system_attrs=system_attrs,
    )


# --------------------------------------------------------------------------- parallel & liar


def test_constant_liar_with_threads() -> None:
    sampler = _sampler(seed=0, n_startup_trials=4, constant_liar=True)
    study = optuna.create_study(sampler=sampler)
    study.optimize(_mixed_objective, n_trials=30, n_jobs=2)
    assert len(study.trials) == 30
    assert all(t.state == TrialState.COMPLETE for t in study.trials)


@pytest.mark.parametrize("multivariate", [False, True])
def test_constant_liar_spreads_running_trials(multivariate: bool) -> None:
    sampler = _sampler(seed=0, n_startup_trials=5, constant_liar=True, multivariate=multivariate)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: t.suggest_float("x", -5, 5) ** 2, n_trials=20)
    trials = [study.ask() for _ in range(6)]
    xs = [t.suggest_float("x", -5, 5) for t in trials]
    assert len(set(xs)) == 6
    for trial in trials:
        study.tell(trial, trial.params["x"] ** 2)


def test_parallel_threads_without_liar() -> None:
    study = optuna.create_study(sampler=TPESampler(seed=0, n_startup_trials=4))
    study.optimize(_mixed_objective, n_trials=30, n_jobs=2)
    assert len(study.trials) == 30


# --------------------------------------------------------------------------- constraints


def test_constraints_are_stored_and_feasible_trials_preferred() -> None:
    def constraints(trial: optuna.trial.FrozenTrial) -> List[float]:
        return [trial.params["x"] - 1.0]  # feasible when x <= 1

    sampler = _sampler(seed=0, n_startup_trials=10, constraints_func=constraints)
    study = optuna.create_study(sampler=sampler)
    study.optimize(lambda t: -t.suggest_float("x", -5, 5), n_trials=60)
    for trial in study.trials:
        assert trial.system_attrs["constraints"] == [trial.params["x"] - 1.0]
    late = [t.params["x"] for t in study.trials[30:]]
    # Without the constraint TPE would push x towards 5; with it, x stays around the boundary.
    assert 0.0 < statistics.median(late) < 1.5
    assert max(t.params["x"] for t in study.trials if t.params["x"] <= 1.0) > 0.8


def test_infeasible_trials_ordered_by_violation() -> None:
    study = optuna.create_study()
    violations = [[3.0], [0.5, 0.5], [-1.0], [2.0, -5.0]]
    for i, c in enumerate(violations):
        study.add_trial(
            _frozen(
                TrialState.COMPLETE, {"x": 1.0}, value=float(-i), system_attrs={"constraints": c}
            )
        )
    snapshot = study._get_history()
    features = _split.RowFeatures()
    features.update(snapshot)
    order = []
    for n_below in range(1, 5):
        labels = _split.split_labels(
            snapshot, features, study.directions, lambda n: n_below, 0, True
        )
        order.append(set(np.flatnonzero(labels == _split.BELOW)))
    assert order == [{2}, {1, 2}, {1, 2, 3}, {0, 1, 2, 3}]


# --------------------------------------------------------------------------- multi-objective


@pytest.mark.parametrize("kwargs", [{}, {"multivariate": True}])
@pytest.mark.parametrize("n_objectives", [2, 3])
def test_multi_objective(kwargs: Dict[str, Any], n_objectives: int) -> None:
    def objective(trial: optuna.Trial) -> List[float]:
        x = trial.suggest_float("x", 0, 1)
        y = trial.suggest_float("y", 0, 1)
        values = [x, (1 - x) + y, y + x * y]
        return values[:n_objectives]

    sampler = _sampler(seed=0, n_startup_trials=10, **kwargs)
    study = optuna.create_study(directions=["minimize"] * n_objectives, sampler=sampler)
    study.optimize(objective, n_trials=40)
    assert len(study.best_trials) > 0
    late_y = [t.params["y"] for t in study.trials[20:]]
    assert statistics.median(late_y) < 0.3


def test_multi_objective_with_constraints_and_maximize() -> None:
    sampler = _sampler(seed=0, n_startup_trials=5, constraints_func=lambda t: [t.values[0] - 0.8])
    study = optuna.create_study(directions=["maximize", "minimize"], sampler=sampler)
    study.optimize(lambda t: (t.suggest_float("x", 0, 1), t.suggest_float("y", 0, 1)), n_trials=30)
    assert all("constraints" in t.system_attrs for t in study.trials)


def test_select_best_takes_fronts_then_spreads_the_last_one() -> None:
    losses = np.array([[0.0, 1.0], [0.5, 0.5], [1.0, 0.0], [0.9, 0.9], [0.45, 0.55], [2.0, 2.0]])
    assert set(_multi_objective.select_best(losses, 4)) == {0, 1, 2, 4}
    chosen = tuple(sorted(_multi_objective.select_best(losses, 2)))
    front = [0, 1, 2, 4]
    pairs = [(a, b) for a in front for b in front if a < b]
    best = max(_hypervolume_2d(losses[list(p)], (1.1, 1.1)) for p in pairs)
    # Greedy removal is near-optimal, far better than the two extremes (0.21).
    assert _hypervolume_2d(losses[list(chosen)], (1.1, 1.1)) >= 0.95 * best
    assert set(_multi_objective.select_best(losses, 5)) == {0, 1, 2, 3, 4}
    three = np.array([[0, 0, 1], [0, 1, 0], [1, 0, 0], [0.3, 0.3, 0.3], [2, 2, 2]], float)
    assert set(_multi_objective.select_best(three, 2)) <= {0, 1, 2, 3}
    assert len(_multi_objective.select_best(three, 2)) == 2


def _hypervolume_2d(points: np.ndarray, reference: Any) -> float:
    volume, previous_y = 0.0, reference[1]
    for x, y in sorted(map(tuple, points)):
        if y < previous_y:
            volume += (reference[0] - x) * (previous_y - y)
            previous_y = y
    return volume


# --------------------------------------------------------------------------- estimators


def _integrate(y: np.ndarray, x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Trapezoidal rule (numpy renamed ``trapz`` to ``trapezoid`` across versions)."""
    y = np.moveaxis(y, axis, -1)
    return np.sum((y[..., 1:] + y[..., :-1]) * np.diff(x) / 2, axis=-1)


def _reference_bandwidths(mu: np.ndarray, prior: bool, endpoints: bool) -> np.ndarray:
    out = []
    for row in mu:
        res = []
        for i, m in enumerate(row):
            left = [p for p in row[:i]]
            right = [p for p in row[i + 1 :]]
            lo = max(left) if left else None
            hi = min(right) if right else None
            if prior and m >= 0.5:
                lo = 0.5 if lo is None else max(lo, 0.5)
            if prior and m < 0.5:
                hi = 0.5 if hi is None else min(hi, 0.5)
            if endpoints:
                lo = 0.0 if lo is None else lo
                hi = 1.0 if hi is None else hi
            gaps = ([m - lo] if lo is not None else []) + ([hi - m] if hi is not None else [])
            clip = 1.0 / min(100.0, 1.0 + len(row) + prior)
            res.append(min(max(max(gaps) if gaps else 1.0, clip), 1.0))
        out.append(res)
    return np.array(out)


@pytest.mark.parametrize("k", [1, 2, 3, 7, 40])
@pytest.mark.parametrize("prior", [False, True])
@pytest.mark.parametrize("endpoints", [False, True])
def test_neighbour_bandwidths(k: int, prior: bool, endpoints: bool) -> None:
    rng = np.random.RandomState(k)
    mu = rng.rand(5, k)
    if k >= 3:
        mu[0, 1] = 0.5
    mu = np.sort(mu, axis=1)
    config = CONFIG._replace(consider_prior=prior, consider_endpoints=endpoints)
    np.testing.assert_allclose(
        neighbour_bandwidths(mu, config), _reference_bandwidths(mu, prior, endpoints)
    )


def _mixtures(
    below: np.ndarray, above: np.ndarray, config: ParzenConfig = CONFIG
) -> SplitMixtures:
    rng = np.random.RandomState(0)
    below, above = np.sort(below, axis=1), np.sort(above, axis=1)
    return SplitMixtures.fit(
        below, rng.rand(*below.shape) + 0.1, above, rng.rand(*above.shape) + 0.1, config
    )


@pytest.mark.parametrize("consider_prior", [True, False])
def test_split_mixtures_are_densities(consider_prior: bool) -> None:
    rng = np.random.RandomState(0)
    config = CONFIG._replace(consider_prior=consider_prior)
    mixtures = _mixtures(rng.rand(2, 7) * 0.3, rng.rand(2, 150) * 0.6 + 0.2, config)
    grid = np.linspace(0, 1, 20001)
    densities = np.exp(mixtures.log_densities(np.tile(grid, (2, 1))))
    np.testing.assert_allclose(_integrate(densities, grid, axis=1), 1.0, rtol=1e-3)


def test_fast_density_evaluation_is_accurate() -> None:
    rng = np.random.RandomState(1)
    mixtures = _mixtures(rng.rand(3, 20), rng.rand(3, 300))
    x = rng.rand(3, 24)
    fast = mixtures.log_densities(x)
    mixtures.bounded = False  # forces the exact float64 evaluation
    np.testing.assert_allclose(fast, mixtures.log_densities(x), atol=1e-3)


def test_mixture_parameters() -> None:
    mixtures = _mixtures(np.array([[0.2, 0.3]]), np.array([[0.1, 0.6, 0.9]]))
    # below kernels, below prior, unused column, above kernels, above prior
    np.testing.assert_allclose(mixtures.mu[0], [0.2, 0.3, 0.5, 0.5, 0.1, 0.6, 0.9, 0.5])
    clip_below, clip_above = 1 / 4, 1 / 5
    narrow = ABOVE_BANDWIDTH_SCALE  # the above group's kernels, after the clip
    np.testing.assert_allclose(
        mixtures.sigma[0],
        # 0.3 and 0.1 have the prior mean 0.5 as right neighbour
        [
            max(0.1, clip_below),
            max(0.1, 0.2, clip_below),
            1,
            1,
            narrow * max(0.4, clip_above),
            narrow * 0.3,
            narrow * 0.3,
            1,
        ],
    )
    assert np.all(mixtures.weights[0, 3:, 0] == 0) and np.all(mixtures.weights[0, :4, 1] == 0)


@pytest.mark.parametrize(
    "n_observations, discrete, scale",
    [
        (SETTLED_OBSERVATIONS - 1, False, 1.0),
        (SETTLED_OBSERVATIONS, False, SETTLED_CLIP_SCALE),
        (SETTLED_OBSERVATIONS, True, 1.0),
    ],
    ids=["few observations", "settled continuous", "settled discrete"],
)
def test_magic_clip_of_settled_continuous_parameters(
    n_observations: int, discrete: bool, scale: float
) -> None:
    # Five good observations 0.001 apart: the first four kernels sit on the floor (the fifth
    # has the prior mean 0.5 as right neighbour).
    below = np.array([[0.400, 0.401, 0.402, 0.403, 0.404]])
    above = np.linspace(0.0, 1.0, n_observations - 5)[None, :]
    min_sigma = np.array([1e-6]) if discrete else None
    mixtures = SplitMixtures.fit(
        below, np.ones_like(below), above, np.ones_like(above), CONFIG, min_sigma
    )
    floor = 1.0 / (1 + 5 + 1)  # five kernels and the prior
    np.testing.assert_allclose(mixtures.sigma[0, :4], scale * floor)


def test_above_kernels_of_discrete_parameters_are_not_narrowed() -> None:
    below, above = np.array([[0.2, 0.3]]), np.array([[0.1, 0.6, 0.9]])
    discrete = SplitMixtures.fit(
        below, np.ones_like(below), above, np.ones_like(above), CONFIG, np.array([0.01])
    )
    np.testing.assert_allclose(discrete.sigma[0, 4:7], [0.4, 0.3, 0.3])
    step = 0.35  # a kernel is at least one grid step wide
    coarse = SplitMixtures.fit(
        below, np.ones_like(below), above, np.ones_like(above), CONFIG, np.array([step])
    )
    np.testing.assert_allclose(coarse.sigma[0, 4:7], [0.4, step, step])


def test_samples_follow_the_below_density() -> None:
    mixtures = _mixtures(np.array([[0.2, 0.8]]), np.array([[0.5]]))
    rng = np.random.RandomState(0)
    u = rng.rand(2, 1, 20000)
    samples = mixtures.sample_below(u[0], u[1])[0]
    assert samples.min() >= 0.0 and samples.max() <= 1.0
    counts, edges = np.histogram(samples, bins=10, range=(0, 1))
    centres = (edges[:-1] + edges[1:]) / 2
    expected = np.exp(mixtures.log_densities(centres[None, :]))[0, :, 0] * 0.1 * len(samples)
    np.testing.assert_allclose(counts, expected, rtol=0.1)


def test_bin_masses_sum_to_one() -> None:
    scale = NumericScale(IntDistribution(1, 100, log=True))
    values = np.arange(1.0, 101.0)
    lower, upper = scale.bin_edges(values)
    below = scale.to_unit(np.array([[2.0, 3.0, 50.0]]))
    above = scale.to_unit(np.array([[1.0, 7.0, 80.0, 99.0]]))
    mixtures = _mixtures(below, above)
    total = np.exp(mixtures.log_bin_masses(lower[None, :], upper[None, :])).sum(axis=1)
    np.testing.assert_allclose(total, [[1.0, 1.0]], atol=1e-9)


def test_numeric_scale_round_trip() -> None:
    for distribution in (
        FloatDistribution(-2, 3),
        FloatDistribution(1e-3, 10, log=True),
        FloatDistribution(0, 1, step=0.25),
        IntDistribution(-3, 9, step=3),
        IntDistribution(1, 64, log=True),
    ):
        scale = NumericScale(distribution)
        u = np.linspace(0, 1, 101)
        values = scale.from_unit(u)
        assert all(distribution._contains(v) for v in values)
        assert np.all((scale.to_unit(values) >= 0) & (scale.to_unit(values) <= 1))
        assert [scale.value_from_unit(x) for x in u] == pytest.approx(list(values))


def test_categorical_pmf() -> None:
    pmf = fit_categorical(np.array([0, 0, 2]), np.ones(3), 4, CONFIG)
    assert pmf.sum() == pytest.approx(1.0)
    assert pmf[0] > pmf[2] > pmf[1] == pmf[3] > 0
    flat = fit_categorical(np.array([], dtype=int), np.array([]), 3, CONFIG)
    np.testing.assert_allclose(flat, [1 / 3] * 3)
    # A pseudo-count of prior_weight per choice, whatever the number of choices.
    np.testing.assert_allclose(pmf, np.array([3.0, 1.0, 2.0, 1.0]) / 7.0)
    config = CONFIG._replace(prior_weight=2.0)
    pmf = fit_categorical(np.array([1, 1]), np.array([0.5, 1.0]), 2, config)
    np.testing.assert_allclose(pmf, np.array([2.0, 3.5]) / 5.5)
    no_prior = CONFIG._replace(consider_prior=False)
    pmf = fit_categorical(np.array([0, 0, 2]), np.ones(3), 4, no_prior)
    np.testing.assert_allclose(pmf, (np.array([2.0, 0.0, 1.0, 0.0]) + 0.75) / 6.0)


@pytest.mark.parametrize("total_weight", [0.0, 3.0, 40.0])
def test_multivariate_categorical_marginal_matches_the_univariate_estimator(
    total_weight: float,
) -> None:
    # The categorical marginal of a product mixture (observation kernels and prior) is the
    # univariate estimator: the observation kernels spread the prior's pseudo-counts.
    rng = np.random.RandomState(1)
    layout = ProductLayout([Dimension(NumericScale(FloatDistribution(0, 1))), Dimension(None, 4)])
    k = 0 if total_weight == 0 else 12
    choices = rng.randint(0, 3, k)
    weights = rng.rand(k)
    weights *= total_weight / max(weights.sum(), 1e-300)
    observations = np.column_stack([rng.rand(k), choices])
    mixture = MultivariateMixture(observations, weights, layout, CONFIG)
    grid = np.linspace(0, 1, 4001)
    marginal = [
        _integrate(np.exp(mixture.log_pdf(np.column_stack([grid, np.full_like(grid, c)]))), grid)
        for c in range(4)
    ]
    expected = fit_categorical(choices, weights, 4, CONFIG)
    np.testing.assert_allclose(marginal, expected, rtol=2e-3)


@pytest.mark.parametrize("consider_magic_clip", [True, False])
def test_product_mixtures_are_densities(consider_magic_clip: bool) -> None:
    rng = np.random.RandomState(0)
    layout = ProductLayout(
        [
            Dimension(NumericScale(FloatDistribution(0, 1))),
            Dimension(None, 3),
            Dimension(NumericScale(IntDistribution(0, 4))),
        ]
    )
    scale = layout.scale(2)

    def observations(k: int) -> np.ndarray:
        grid = scale.to_unit(rng.randint(0, 5, k).astype(float))
        return np.column_stack([rng.rand(k) * 0.5, rng.randint(0, 3, k), grid])

    config = CONFIG._replace(consider_magic_clip=consider_magic_clip)
    mixture = MultivariateMixture(observations(30), rng.rand(30) + 0.5, layout, config)
    grid = np.linspace(0, 1, 4001)
    total = 0.0
    for choice in range(3):
        for value in range(5):
            x = np.column_stack(
                [grid, np.full_like(grid, choice), np.full_like(grid, scale.to_unit(value))]
            )
            total += _integrate(np.exp(mixture.log_pdf(x)), grid)
    assert total == pytest.approx(1.0, rel=2e-3)
    samples = mixture.sample(rng.rand(500, 4))
    assert samples[:, 0].min() >= 0 and samples[:, 0].max() <= 1
    assert set(samples[:, 1]) <= {0.0, 1.0, 2.0}
    assert set(np.round(scale.from_unit(samples[:, 2]))) <= {0.0, 1.0, 2.0, 3.0, 4.0}


def test_scott_bandwidths_bound_the_spread_by_the_magic_clip() -> None:
    rng = np.random.RandomState(0)
    # Column 0 is spread out (std capped at 0.2), column 1 collapsed onto one value.
    mu = np.column_stack([rng.rand(20), np.full(20, 0.3)])
    factor = 21 ** (-1.0 / 6)
    sigma = scott_bandwidths(mu, 21, 2, CONFIG)
    np.testing.assert_allclose(sigma, [0.2 * factor, 0.85 / 22 * factor])
    np.testing.assert_allclose(scott_bandwidths(mu, 21, 2, CONFIG, scale=0.5), 0.5 * sigma)


def test_tabulated_unit_masses_match_the_normal_cdf() -> None:
    rng = np.random.RandomState(0)
    mu = np.concatenate([[0.0, 1.0, 0.5], rng.rand(2000)])
    for sigma in (1e-9, 1e-3, 0.05, 0.3, 1.0):
        widths = np.full(mu.shape, sigma)
        exact = ndtr((1.0 - mu) / widths) - ndtr(-mu / widths)
        np.testing.assert_allclose(unit_masses(mu, widths), exact, rtol=0, atol=1e-9)


def test_product_mixtures_evaluate_each_group_as_its_own_mixture() -> None:
    rng = np.random.RandomState(1)
    layout = ProductLayout(
        [
            Dimension(NumericScale(FloatDistribution(0, 1))),
            Dimension(None, 3),
            Dimension(NumericScale(IntDistribution(0, 4))),
        ]
    )
    grid = layout.scale(2).to_unit(np.arange(5.0))

    def observations(k: int) -> np.ndarray:
        return np.column_stack([rng.rand(k), rng.randint(0, 3, k), grid[rng.randint(0, 5, k)]])

    groups = [(observations(k), rng.rand(k) + 0.5) for k in (4, 0, 30)]
    joint = ProductMixtures(groups, layout, CONFIG)
    x = joint.sample(rng.rand(50, 4), group=2)
    separate = [MultivariateMixture(obs, w, layout, CONFIG).log_pdf(x) for obs, w in groups]
    np.testing.assert_allclose(joint.log_pdfs(x), np.column_stack(separate), rtol=1e-10)


class _UnpicklableStorage(optuna.storages.InMemoryStorage):
    def __getstate__(self) -> Dict[str, Any]:
        raise AssertionError("the storage was pickled along with the sampler")


@pytest.mark.parametrize("multivariate", [False, True])
def test_pickled_sampler_leaves_the_study_storage_behind(multivariate: bool) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        sampler = TPESampler(
            seed=0, n_startup_trials=3, multivariate=multivariate, group=multivariate
        )
    study = optuna.create_study(sampler=sampler, storage=_UnpicklableStorage())
    study.optimize(lambda t: t.suggest_float("x", 0, 1) + t.suggest_float("y", 0, 1), 6)
    restored = pickle.loads(pickle.dumps(sampler))
    other = optuna.create_study(sampler=restored)
    other.optimize(lambda t: t.suggest_float("x", 0, 1) + t.suggest_float("y", 0, 1), 6)
    assert [t.state for t in other.trials] == [TrialState.COMPLETE] * 6
