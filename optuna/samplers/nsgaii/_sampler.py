import math
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from optuna._experimental import warn_experimental_argument
from optuna.distributions import BaseDistribution
from optuna.samplers._base import BaseSampler, _check_seed
from optuna.samplers._constraints import CONSTRAINTS_KEY, store_constraints
from optuna.samplers._dominance import _constraint_violation, _select_elites
from optuna.samplers._random import sample_uniform
from optuna.samplers._search_space import IntersectionSearchSpace
from optuna.samplers.nsgaii._crossover import _make_child, _SearchSpaceCoding
from optuna.samplers.nsgaii._crossovers._base import BaseCrossover
from optuna.samplers.nsgaii._crossovers._uniform import UniformCrossover
from optuna.study._multi_objective import _loss_matrix
from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study
    from optuna.study._history import HistorySnapshot

_GENERATION_KEY = "nsga2:generation"
# Breeding attempts per trial when the children duplicate a member of the population.
_MAX_ATTEMPTS = 4
_COMPLETE = TrialState.COMPLETE.value


class _Population:
    """An elite population: the parents of the next generation.

    ``ranks`` / ``crowding`` are each member's front index and crowding distance, as found
    when the population was selected; they drive the binary tournaments.
    """

    __slots__ = ("trials", "losses", "violations", "ranks", "crowding", "_tables")

    def __init__(
        self,
        trials: List[FrozenTrial],
        losses: np.ndarray,
        violations: Optional[np.ndarray],
        ranks: np.ndarray,
        crowding: np.ndarray,
    ) -> None:
        self.trials = trials
        self.losses = losses
        self.violations = violations
        self.ranks = ranks.tolist()
        self.crowding = crowding.tolist()
        self._tables: Dict[int, Tuple[Any, ...]] = {}

    def table(self, coding: _SearchSpaceCoding) -> Tuple[Any, ...]:
        """Members usable as parents for ``coding``'s search space, and their genes.

        Returns ``(members, numeric, categorical, keys, key_set)``: the positions of the
        members that hold every parameter with the same distribution, the numeric coordinates
        ``(n_members, n_numeric)`` and categorical indices ``(n_members, n_categorical)`` of
        every member (indexed by position), each member's genes as a tuple (``None`` for an
        unusable member) and the set of those tuples.
        """
        entry = self._tables.get(id(coding))
        if entry is not None and entry[0] is coding:
            return entry[1:]
        n = len(self.trials)
        numeric = np.zeros((n, len(coding.numeric_names)))
        categorical = np.zeros((n, len(coding.categorical_names)), dtype=np.int64)
        members: List[int] = []
        numeric_items = list(zip(coding.numeric_names, coding.numeric_distributions))
        categorical_items = list(zip(coding.categorical_names, coding.categorical_distributions))
        for position, trial in enumerate(self.trials):
            params, dists = trial.params, trial.distributions
            usable = True
            for j, (name, dist) in enumerate(numeric_items):
                own = dists.get(name)
                if own is None or (own is not dist and own != dist):
                    usable = False
                    break
                numeric[position, j] = dist.to_internal_repr(params[name])
            if usable:
                for j, (name, dist) in enumerate(categorical_items):
                    own = dists.get(name)
                    if own is None or (own is not dist and own != dist):
                        usable = False
                        break
                    categorical[position, j] = int(dist.to_internal_repr(params[name]))
            if usable:
                members.append(position)
        numeric = coding.encode(numeric)
        keys: List[Optional[tuple]] = [None] * n
        for position in members:
            keys[position] = coding.key(numeric[position], categorical[position])
        key_set = set(k for k in keys if k is not None)
        self._tables[id(coding)] = (coding, members, numeric, categorical, keys, key_set)
        return members, numeric, categorical, keys, key_set


class _StudyCache:
    """What one sampler knows about one study, rebuilt from the storage when missing.

    Finished trials are scanned once (incrementally, through the study's history) to count the
    COMPLETE trials of every generation; elite populations are computed once per generation.
    """

    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.cursor = 0
        self.snapshot: Optional["HistorySnapshot"] = None
        self.max_generation = -1
        self.complete_rows: Dict[int, List[int]] = {}
        self.populations: Dict[int, _Population] = {}
        self.codings: Dict[Tuple[str, ...], _SearchSpaceCoding] = {}
        self.last_coding: Optional[_SearchSpaceCoding] = None

    def update(self, study: "Study") -> "HistorySnapshot":
        snapshot = study._get_history()
        with self.lock:
            if self.snapshot is None or snapshot.n >= self.snapshot.n:
                self.snapshot = snapshot
            trials, states = snapshot.trials, snapshot.states
            for row in range(self.cursor, snapshot.n):
                generation = trials[row].system_attrs.get(_GENERATION_KEY)
                if generation is None:
                    continue  # not sampled by NSGA-II (e.g. added with Study.add_trial)
                if generation > self.max_generation:
                    self.max_generation = generation
                if states[row] == _COMPLETE:
                    rows = self.complete_rows.get(generation)
                    if rows is None:
                        self.complete_rows[generation] = [row]
                    else:
                        rows.append(row)
            self.cursor = max(self.cursor, snapshot.n)
            return self.snapshot

    def coding(self, search_space: Dict[str, BaseDistribution]) -> _SearchSpaceCoding:
        last = self.last_coding
        if last is not None and last.matches(search_space):
            return last
        key = tuple(search_space)
        coding = self.codings.get(key)
        if coding is None or not coding.matches(search_space):
            coding = _SearchSpaceCoding(search_space)
            self.codings[key] = coding
        self.last_coding = coding
        return coding


class NSGAIISampler(BaseSampler):
    """Multi-objective sampler based on NSGA-II (Deb et al., 2002).

    Trials are grouped into generations of ``population_size`` COMPLETE trials. The first
    generation is sampled uniformly at random. Each later trial is bred from the elite
    population of the previous generation: the best ``population_size`` trials of that
    generation together with its own parents, ranked by (constrained) non-dominated sorting
    and, within a front, by crowding distance. Parents are picked by binary tournaments on
    (rank, crowding distance); with probability ``crossover_prob`` their numerical parameters
    are recombined by ``crossover`` and their categorical ones by uniform swapping (otherwise
    the child copies one parent); finally every parameter is redrawn at random with
    probability ``mutation_prob``.

    The generation of each trial is stored in its system attributes, so several processes that
    share a storage cooperate on the same populations. Single-objective studies are supported
    too. Parameters outside the relative (intersection) search space, e.g. conditional ones,
    are sampled at random.

    Args:
        population_size: Number of trials per generation (at least 2, and at least the number
            of parents the crossover needs).
        mutation_prob: Probability of redrawing each parameter of a child at random. ``None``
            means ``1 / number_of_parameters``.
        crossover: The operator recombining numerical parameters; one of
            :mod:`optuna.samplers.nsgaii`'s crossovers.
            :class:`~optuna.samplers.nsgaii.UniformCrossover` when ``None``.
        crossover_prob: Probability that a child is produced by crossover rather than copied
            from a single parent.
        swapping_prob: Probability of taking a gene from the other parent in uniform
            crossover (and for categorical parameters).
        seed: Seed for the random number generator.
        constraints_func: Maps a finished trial to a sequence of constraint values; a trial is
            feasible when all of them are ``<= 0``. It is called after every COMPLETE or PRUNED
            trial (which it sees in its final state) and the values are stored in the trial's
            system attributes under ``"constraints"``.
            Feasible trials dominate infeasible ones, and among infeasible trials the one with
            the smaller total violation dominates.
    """

    def __init__(
        self,
        *,
        population_size: int = 50,
        mutation_prob: Optional[float] = None,
        crossover: Optional[BaseCrossover] = None,
        crossover_prob: float = 0.9,
        swapping_prob: float = 0.5,
        seed: Optional[int] = None,
        constraints_func: Optional[Callable[[FrozenTrial], Sequence[float]]] = None,
    ) -> None:
        if isinstance(population_size, bool) or not isinstance(population_size, int):
            raise ValueError(
                f"`population_size` must be an integer value, got {population_size!r}."
            )
        if population_size < 2:
            raise ValueError(
                f"`population_size` must be greater than or equal to 2, got {population_size}."
            )
        if mutation_prob is not None and not _is_probability(mutation_prob):
            raise ValueError(
                f"`mutation_prob` must be None or a float value within [0, 1], "
                f"got {mutation_prob!r}."
            )
        if not _is_probability(crossover_prob):
            raise ValueError(
                f"`crossover_prob` must be a float value within [0, 1], got {crossover_prob!r}."
            )
        if not _is_probability(swapping_prob):
            raise ValueError(
                f"`swapping_prob` must be a float value within [0, 1], got {swapping_prob!r}."
            )
        if crossover is None:
            crossover = UniformCrossover(swapping_prob)
        if not isinstance(crossover, BaseCrossover):
            raise ValueError(
                f"`crossover` must be an instance of BaseCrossover (e.g. UniformCrossover, "
                f"SBXCrossover), got {crossover!r}."
            )
        if population_size < crossover.n_parents:
            raise ValueError(
                f"`population_size` ({population_size}) must be greater than or equal to the "
                f"number of parents required by `crossover` {crossover} "
                f"({crossover.n_parents})."
            )
        if constraints_func is not None:
            if not callable(constraints_func):
                raise TypeError(
                    f"`constraints_func` must be callable or None, got {constraints_func!r}."
                )
            warn_experimental_argument("constraints_func")

        self._population_size = population_size
        self._mutation_prob = mutation_prob
        self._crossover = crossover
        self._crossover_prob = crossover_prob
        self._swapping_prob = swapping_prob
        self._constraints_func = constraints_func
        _check_seed(seed)
        self._rng = np.random.RandomState(seed)
        self._search_space = IntersectionSearchSpace()
        self._search_space_lock = threading.Lock()
        self._caches: Dict[Tuple[Any, int], _StudyCache] = {}
        self._caches_lock = threading.Lock()

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> Dict[str, Any]:
        state = self.__dict__.copy()
        state["_caches"] = {}
        del state["_caches_lock"]
        del state["_search_space_lock"]
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._caches_lock = threading.Lock()
        self._search_space_lock = threading.Lock()

    # ------------------------------------------------------------------ BaseSampler API
    def reseed_rng(self) -> None:
        self._rng.seed()

    def before_trial(self, study: "Study", trial: FrozenTrial) -> None:
        cache = self._cache(study)
        cache.update(study)
        generation = self._current_generation(cache)
        study._storage.set_trial_system_attr(trial._trial_id, _GENERATION_KEY, generation)
        trial.system_attrs[_GENERATION_KEY] = generation

    def infer_relative_search_space(
        self, study: "Study", trial: FrozenTrial
    ) -> Dict[str, BaseDistribution]:
        if self._generation_of(study, trial) == 0:
            return {}
        with self._search_space_lock:
            space = self._search_space.calculate(study)
        return {name: dist for name, dist in space.items() if not dist.single()}

    def sample_relative(
        self, study: "Study", trial: FrozenTrial, search_space: Dict[str, BaseDistribution]
    ) -> Dict[str, Any]:
        if not search_space:
            return {}
        generation = self._generation_of(study, trial)
        if generation == 0:
            return {}
        cache = self._cache(study)
        with cache.lock:
            population = self._population(study, cache, generation - 1)
            if population is None:
                return {}
            coding = cache.coding(search_space)
            members, numeric, categorical, keys, key_set = population.table(coding)
        if not members:
            return {}

        rng = self._rng
        n_parents = self._crossover.n_parents
        can_cross = len(members) >= n_parents
        names = coding.ordered_names
        mutation_prob = self._mutation_prob
        if mutation_prob is None:
            mutation_prob = 1.0 / max(1, len(names))
        n_draws = 1 + 2 * n_parents + len(names)
        for _ in range(_MAX_ATTEMPTS):
            # One batch of uniforms: crossover decision, two per tournament, one per parameter.
            draws = rng.rand(n_draws).tolist()
            if can_cross and draws[0] < self._crossover_prob:
                parents = _tournaments(population, members, n_parents, draws, 1)
                params, key = _make_child(
                    coding,
                    self._crossover,
                    numeric[parents],
                    categorical[parents] if coding.categorical_names else categorical,
                    rng,
                    study,
                    self._swapping_prob,
                )
            else:
                (parent,) = _tournaments(population, members, 1, draws, 1)
                params = _inherited(population.trials[parent].params, search_space, names)
                key = keys[parent]
            # A mutated parameter is left out, so it is drawn at random by sample_independent.
            mutated = [
                name for name, u in zip(names, draws[1 + 2 * n_parents :]) if u < mutation_prob
            ]
            # A child identical to a member of the population would only repeat a known
            # evaluation: breed again (a few times at most).
            if mutated or key not in key_set:
                break
        for name in mutated:
            params.pop(name, None)
        return params

    def sample_independent(
        self,
        study: "Study",
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Any:
        return sample_uniform(self._rng, param_distribution)

    def after_trial(
        self,
        study: "Study",
        trial: FrozenTrial,
        state: TrialState,
        values: Optional[Sequence[float]],
    ) -> None:
        if self._constraints_func is not None:
            store_constraints(study, trial, state, values, self._constraints_func)

    # ------------------------------------------------------------------ internals
    def _cache(self, study: "Study") -> _StudyCache:
        key = (study._storage, study._study_id)
        cache = self._caches.get(key)
        if cache is None:
            with self._caches_lock:
                cache = self._caches.get(key)
                if cache is None:
                    cache = self._caches[key] = _StudyCache()
        return cache

    def _current_generation(self, cache: _StudyCache) -> int:
        with cache.lock:
            generation = max(cache.max_generation, 0)
            if len(cache.complete_rows.get(generation, ())) >= self._population_size:
                generation += 1
            return generation

    def _generation_of(self, study: "Study", trial: FrozenTrial) -> int:
        generation = trial.system_attrs.get(_GENERATION_KEY)
        if generation is None:
            # before_trial was not called (e.g. the sampler is used directly).
            cache = self._cache(study)
            cache.update(study)
            generation = self._current_generation(cache)
        return generation

    def _population(
        self, study: "Study", cache: _StudyCache, generation: int
    ) -> Optional[_Population]:
        """The elite population selected after ``generation`` (parents of the next one)."""
        population = cache.populations.get(generation)
        if population is not None:
            return population
        snapshot = cache.update(study)
        start = generation
        while start > 0 and (start - 1) not in cache.populations:
            start -= 1
        previous = cache.populations.get(start - 1)
        directions = study.directions
        for g in range(start, generation + 1):
            rows = cache.complete_rows.get(g, [])
            trials = [snapshot.trials[r] for r in rows]
            losses = _loss_matrix(snapshot.values[rows], directions) if rows else None
            violations = None
            if self._constraints_func is not None:
                violations = np.array(
                    [_constraint_violation(t.system_attrs.get(CONSTRAINTS_KEY)) for t in trials],
                    dtype=float,
                )
            if previous is not None:
                trials = trials + previous.trials
                losses = (
                    previous.losses if losses is None else np.vstack([losses, previous.losses])
                )
                if violations is not None:
                    previous_violations = previous.violations
                    if previous_violations is None:
                        previous_violations = np.full(len(previous.trials), math.inf)
                    violations = np.concatenate([violations, previous_violations])
            if not trials:
                previous = None
                continue
            assert losses is not None
            selected, ranks, crowding = _select_elites(losses, violations, self._population_size)
            positions = selected.tolist()
            current = _Population(
                [trials[i] for i in positions],
                losses[selected],
                None if violations is None else violations[selected],
                ranks,
                crowding,
            )
            # A generation still missing trials may gain members later: do not freeze it.
            if len(rows) >= self._population_size:
                cache.populations[g] = current
            previous = current
        return previous


def _inherited(
    parent_params: Dict[str, Any], search_space: Dict[str, BaseDistribution], names: List[str]
) -> Dict[str, Any]:
    """The parent's values of ``names`` that lie in their distribution; one outside it (an
    enqueued out-of-range value) is not passed on, so it is drawn at random instead."""
    params = {}
    for name in names:
        value = parent_params[name]
        distribution = search_space[name]
        if distribution._contains(distribution.to_internal_repr(value)):
            params[name] = value
    return params


def _tournaments(
    population: _Population, members: List[int], n_parents: int, draws: List[float], offset: int
) -> List[int]:
    """Pick ``n_parents`` distinct members by binary tournaments on (rank, crowding distance).

    ``draws[offset:]`` supplies two uniforms per tournament.
    """
    ranks, crowding = population.ranks, population.crowding
    pool = list(members)
    parents = []
    for k in range(n_parents):
        n = len(pool)
        a = min(int(draws[offset + 2 * k] * n), n - 1)
        b = min(int(draws[offset + 2 * k + 1] * n), n - 1)
        i, j = pool[a], pool[b]
        if ranks[j] < ranks[i] or (ranks[j] == ranks[i] and crowding[j] > crowding[i]):
            a, i = b, j
        parents.append(i)
        pool.pop(a)
    return parents


def _is_probability(value: Any) -> bool:
    try:
        return 0.0 <= float(value) <= 1.0 and not isinstance(value, bool)
    except (TypeError, ValueError):
        return False
