"""The Tree-structured Parzen Estimator (TPE) sampler."""

import math
import numbers
import threading
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    List,
    NamedTuple,
    Optional,
    Sequence,
    Set,
    Tuple,
)

import numpy as np

from optuna import logging as _logging
from optuna._experimental import warn_experimental_argument
from optuna.distributions import (
    BaseDistribution,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.samplers._base import BaseSampler, _check_seed
from optuna.samplers._constraints import store_constraints
from optuna.samplers._random import sample_uniform
from optuna.samplers._search_space import IntersectionSearchSpace
from optuna.samplers._tpe._context import SamplingContext, StudyCache
from optuna.samplers._tpe._group import GroupDecomposedSearchSpace
from optuna.samplers._tpe._observations import (
    ObservationTable,
    SortedColumn,
    SortedMatrix,
    checked_weights,
    observation_weights,
)
from optuna.samplers._tpe._space import NumericDistribution, NumericScale
from optuna.samplers._tpe._split import ABOVE, BELOW
from optuna.samplers._tpe._streams import TrialStreams, counter_uniforms
from optuna.samplers._tpe.parzen_estimator import (
    ABOVE_BANDWIDTH_SCALE,
    ParzenConfig,
    SplitMixtures,
    fit_categorical,
    sample_categorical,
)
from optuna.samplers._tpe.product_estimator import (
    Dimension,
    ProductLayout,
    ProductMixtures,
)
from optuna.study._history import HistorySnapshot
from optuna.trial import FrozenTrial, TrialState

if TYPE_CHECKING:
    from optuna.study import Study

_logger = _logging.get_logger(__name__)

_OBSERVED_STATES = (TrialState.COMPLETE.value, TrialState.PRUNED.value)


def default_gamma(x: int) -> int:
    """Number of "good" observations among ``x``: 10%, rounded up, at most 25."""
    return min(math.ceil(0.1 * x), 25)


def hyperopt_default_gamma(x: int) -> int:
    """Hyperopt's number of "good" observations: ``ceil(0.25 * sqrt(x))``, at most 25."""
    return min(int(np.ceil(0.25 * np.sqrt(x))), 25)


def default_weights(x: int) -> np.ndarray:
    """Weights of ``x`` observations, oldest first.

    The 25 most recent observations weigh 1; older ones ramp linearly from ``1 / x`` up.
    """
    if x == 0:
        return np.asarray([])
    if x < 25:
        return np.ones(x)
    ramp = np.linspace(1.0 / x, 1.0, num=x - 25)
    return np.concatenate([ramp, np.ones(25)], axis=0)


class _MemoizedDefaultWeights:
    """:func:`default_weights` with its recent results memoized (it is called twice per
    trial with slowly changing arguments), computed with fewer numpy calls than
    ``np.linspace`` (but the same arithmetic, hence the same values)."""

    checked = True  # its values need no validation (see checked_weights)

    def __init__(self) -> None:
        self._cache: Dict[int, np.ndarray] = {}
        self._counting = np.arange(256, dtype=np.float64)

    def __call__(self, x: int) -> np.ndarray:
        value = self._cache.get(x)
        if value is None:
            if len(self._cache) > 64:
                self._cache.clear()
            value = self._cache[x] = self._compute(x)
            value.flags.writeable = False
        return value

    def _compute(self, x: int) -> np.ndarray:
        n_ramp = x - 25
        if n_ramp <= 1:
            return default_weights(x)
        if len(self._counting) < n_ramp:
            self._counting = np.arange(2 * n_ramp, dtype=np.float64)
        start = 1.0 / x
        value = np.ones(x)
        ramp = value[:n_ramp]
        # np.linspace(start, 1.0, n_ramp): arange * step + start, with the exact end point.
        np.multiply(self._counting[:n_ramp], (1.0 - start) / (n_ramp - 1), out=ramp)
        ramp += start
        ramp[-1] = 1.0
        return value


class TPESampler(BaseSampler):
    """Sampler based on the Tree-structured Parzen Estimator (TPE).

    After ``n_startup_trials`` random trials, each new parameter value is chosen as follows.
    The finished trials are split into a small "good" group (the best ``gamma(n)``) and the
    "bad" rest. A Parzen estimator (a mixture of kernels centred on the observed values) is
    fitted to each group, giving densities ``l(x)`` and ``g(x)``. ``n_ei_candidates`` points
    are drawn from ``l`` and the one with the largest ``l(x) / g(x)`` is returned, which
    maximizes the expected improvement under the TPE model.

    By default every parameter is modelled on its own (univariate TPE). With
    ``multivariate=True`` the parameters that all trials share are modelled jointly with
    product kernels, which captures dependencies between parameters. A conditional parameter
    (one that only some trials have) is modelled from the trials that have it, split into
    good and bad among them.

    Multi-objective studies are supported: the good group is then chosen by non-dominated
    sorting, ties in the last front being broken by hypervolume contribution.

    Example:
        .. code-block:: python

            import optuna


            def objective(trial):
                x = trial.suggest_float("x", -10, 10)
                return x**2


            study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
            study.optimize(objective, n_trials=50)

    Args:
        consider_prior: Add a prior kernel (normal centred on the range, as wide as the
            range; uniform for categorical parameters) to both estimators.
        prior_weight: Weight of the prior kernel. For a categorical parameter, the
            pseudo-count of every choice (added to the weighted counts of the observations;
            without ``consider_prior``, the smoothing mass that each observation's kernel
            spreads over all choices). Must be positive.
        consider_magic_clip: Bound kernel widths below by ``range / min(100, 1 + n)`` for
            ``n`` kernels, so that estimators do not collapse on dense observations. For a
            continuous parameter observed 50 times or more, univariate TPE uses 0.6 times
            that bound; multivariate TPE applies 0.85 times it to the spread in Scott's rule.
            Both converge faster that way on standard test functions.
        consider_endpoints: Count the ends of the range as neighbours when computing kernel
            widths from the distances between neighbouring observations.
        n_startup_trials: Number of trials sampled at random before TPE starts.
        n_ei_candidates: Number of candidates drawn from ``l`` per parameter (or group).
        gamma: ``gamma(n)`` is the size of the good group among ``n`` observations.
        weights: ``weights(n)`` gives the kernel weights of ``n`` observations ordered from
            the oldest trial to the newest.
        seed: Seed of the random number generator.
        multivariate: Model the parameters jointly (experimental).
        group: With ``multivariate``, split the search space into groups of parameters that
            always appear together and model each group jointly; useful for conditional
            search spaces (experimental).
        warn_independent_sampling: With ``multivariate``, log a warning when a parameter
            falls back to univariate sampling.
        constant_liar: Treat RUNNING trials as bad observations, so that parallel workers do
            not all sample around the same point (experimental).
        constraints_func: ``constraints_func(trial)`` returns constraint values of a COMPLETE
            or PRUNED trial (seen in its final state); a trial is feasible when all are
            ``<= 0``. Feasible trials rank before
            infeasible ones, which rank by total violation. The values are stored in the
            trial's system attributes under ``"constraints"`` (experimental).

    Raises:
        ValueError: For an invalid argument value, or ``group=True`` without
            ``multivariate=True``.
        TypeError: When ``gamma``, ``weights`` or ``constraints_func`` is not callable.
    """

    def __init__(
        self,
        consider_prior: bool = True,
        prior_weight: float = 1.0,
        consider_magic_clip: bool = True,
        consider_endpoints: bool = False,
        n_startup_trials: int = 10,
        n_ei_candidates: int = 24,
        gamma: Callable[[int], int] = default_gamma,
        weights: Callable[[int], np.ndarray] = default_weights,
        seed: Optional[int] = None,
        *,
        multivariate: bool = False,
        group: bool = False,
        warn_independent_sampling: bool = True,
        constant_liar: bool = False,
        constraints_func: Optional[Callable[[FrozenTrial], Sequence[float]]] = None,
    ) -> None:
        _validate_arguments(
            consider_prior=consider_prior,
            prior_weight=prior_weight,
            consider_magic_clip=consider_magic_clip,
            consider_endpoints=consider_endpoints,
            n_startup_trials=n_startup_trials,
            n_ei_candidates=n_ei_candidates,
            gamma=gamma,
            weights=weights,
            multivariate=multivariate,
            group=group,
            warn_independent_sampling=warn_independent_sampling,
            constant_liar=constant_liar,
            constraints_func=constraints_func,
        )
        for option, enabled in (
            ("multivariate", multivariate),
            ("group", group),
            ("constant_liar", constant_liar),
            ("constraints_func", constraints_func is not None),
        ):
            if enabled:
                warn_experimental_argument(option)

        self._config = ParzenConfig(
            consider_prior=consider_prior,
            prior_weight=float(prior_weight),
            consider_magic_clip=consider_magic_clip,
            consider_endpoints=consider_endpoints,
        )
        self._n_startup_trials = n_startup_trials
        self._n_ei_candidates = n_ei_candidates
        self._gamma = gamma
        self._weights = weights
        self._weights_for = _MemoizedDefaultWeights() if weights is default_weights else weights
        _check_seed(seed)
        self._rng = np.random.RandomState(seed)
        self._multivariate = multivariate
        self._group = group
        self._warn_independent_sampling = warn_independent_sampling
        self._constant_liar = constant_liar
        self._constraints_func = constraints_func
        self._search_space = IntersectionSearchSpace(include_pruned=True)
        # (the search space's shared dict, its parameters that are not single-valued)
        self._relative_space_cache: Tuple[Any, Dict[str, BaseDistribution]] = (None, {})
        self._group_search_space = GroupDecomposedSearchSpace() if group else None
        self._lock = threading.RLock()
        self._cache: Optional[StudyCache] = None
        self._batch: Optional[_Batch] = None
        self._streams = TrialStreams()

    # ------------------------------------------------------------------ public API
    @staticmethod
    def hyperopt_parameters() -> Dict[str, Any]:
        """Return the arguments that make TPE behave like hyperopt's defaults.

        Example:
            .. code-block:: python

                sampler = optuna.samplers.TPESampler(**TPESampler.hyperopt_parameters())
        """
        return {
            "consider_prior": True,
            "prior_weight": 1.0,
            "consider_magic_clip": True,
            "consider_endpoints": False,
            "n_startup_trials": 20,
            "n_ei_candidates": 24,
            "gamma": hyperopt_default_gamma,
            "weights": default_weights,
        }

    def reseed_rng(self) -> None:
        with self._lock:
            self._batch = None
            self._streams.clear()
            self._rng.seed()

    def infer_relative_search_space(
        self, study: "Study", trial: FrozenTrial
    ) -> Dict[str, BaseDistribution]:
        if not self._multivariate:
            return {}
        with self._lock:
            if self._group_search_space is not None:
                space: Dict[str, BaseDistribution] = {}
                for group in self._group_search_space.calculate(study):
                    space.update(group)
                return space
            shared = self._search_space._shared(study)
            if self._relative_space_cache[0] is not shared:
                self._relative_space_cache = (
                    shared,
                    {name: d for name, d in shared.items() if not d.single()},
                )
            return dict(self._relative_space_cache[1])

    def sample_relative(
        self, study: "Study", trial: FrozenTrial, search_space: Dict[str, BaseDistribution]
    ) -> Dict[str, Any]:
        if not search_space:
            return {}
        with self._lock:
            context = self._context(study, trial)
            if context.n_observed < self._n_startup_trials:
                return {}
            params: Dict[str, Any] = {}
            for group in self._relative_groups(study, search_space):
                params.update(self._sample_jointly(context, group))
            return params

    def sample_independent(
        self,
        study: "Study",
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Any:
        with self._lock:
            value = self._batched_value(study, trial, param_name, param_distribution)
            if value is not _MISSING:
                return value
            context = self._context(study, trial)
            if context.n_observed < self._n_startup_trials:
                return self._sample_uniform(param_distribution)
            if self._multivariate and self._warn_independent_sampling:
                _logger.warning(
                    f"The parameter '{param_name}' in trial#{trial.number} is sampled "
                    "independently by univariate TPE instead of jointly by multivariate TPE, "
                    "which may degrade the optimization. Pass "
                    "`warn_independent_sampling=False` to TPESampler to silence this warning "
                    "if that is intended."
                )
            return self._sample_univariate(context, trial, param_name, param_distribution)

    def _sample_independent_repr(
        self,
        study: "Study",
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Tuple[float, Any]:
        # A trial's parameters after its first come from the batch sampled with it: hand
        # them out without the work of a full sampling call (which sample_independent would
        # start with the same check).
        value = self._batched_value(study, trial, param_name, param_distribution)
        if value is not _MISSING:
            internal = param_distribution.to_internal_repr(value)
            return internal, param_distribution.to_external_repr(internal)
        return super()._sample_independent_repr(study, trial, param_name, param_distribution)

    def _batched_value(
        self, study: "Study", trial: FrozenTrial, name: str, distribution: BaseDistribution
    ) -> Any:
        """The value sampled ahead for this parameter of ``trial``, or ``_MISSING``."""
        if self._batch is None:
            return _MISSING
        with self._lock:
            return self._take_from_batch(
                ((study._storage, study._study_id), trial.number),
                study._get_history().n,
                name,
                distribution,
            )

    def after_trial(
        self,
        study: "Study",
        trial: FrozenTrial,
        state: TrialState,
        values: Optional[Sequence[float]],
    ) -> None:
        if self._constraints_func is not None:
            store_constraints(study, trial, state, values, self._constraints_func)

    # ------------------------------------------------------------------ pickling
    def __getstate__(self) -> Dict[str, Any]:
        state = self.__dict__.copy()
        del state["_lock"]
        state["_cache"] = None
        state["_batch"] = None
        state["_relative_space_cache"] = (None, {})
        state["_streams"] = TrialStreams()  # its keys hold the storage of open trials
        return state

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.RLock()

    # ------------------------------------------------------------------ randomness
    def _draw(self, size: int) -> np.ndarray:
        return self._rng.random_sample(size)

    def _sample_uniform(self, distribution: BaseDistribution) -> Any:
        return sample_uniform(self._rng, distribution)

    def _uniforms_per_param(self) -> int:
        return 2 * self._n_ei_candidates

    # ------------------------------------------------------------------ observations
    def _context(self, study: "Study", trial: FrozenTrial) -> SamplingContext:
        key = (study._storage, study._study_id)
        if self._cache is None or self._cache.key != key:
            self._cache = StudyCache(key)
        running: List[FrozenTrial] = []
        if self._constant_liar:
            running = [
                t
                for t in study._storage.get_all_trials(
                    study._study_id, deepcopy=False, states=(TrialState.RUNNING,)
                )
                if t.number != trial.number
            ]
        return SamplingContext(
            study,
            self._cache,
            study._get_history(),
            running,
            self._gamma,
            self._constraints_func is not None,
        )

    def _sorted_column(
        self, context: SamplingContext, name: str, distribution: BaseDistribution
    ) -> SortedColumn:
        cache = context.cache
        column = context.snapshot.params.get(name)
        entry = cache.columns.get(name)
        if entry is None or (entry[0] is not distribution and entry[0] != distribution):
            scale = NumericScale(_numeric(distribution))
            entry = cache.columns[name] = (distribution, SortedColumn(scale))
        sorted_column = entry[1]
        if sorted_column.update(column):
            return sorted_column
        fresh = SortedColumn(sorted_column.scale)
        fresh.update(column)
        return fresh

    def _numeric_observations(
        self, context: SamplingContext, name: str, distribution: BaseDistribution
    ) -> "_NumericObservations":
        """Unit values (sorted) and rows of the usable observations of a numeric parameter."""
        sorted_column = self._sorted_column(context, name, distribution)
        scale = sorted_column.scale
        unit, rows = sorted_column.unit, sorted_column.rows
        clean = sorted_column.in_range() and not context.running
        if context.running:
            extra_unit, extra_rows = context.running_values(name, scale.to_unit)
            unit = np.concatenate([unit, extra_unit])
            rows = np.concatenate([rows, extra_rows])
            order = np.argsort(unit, kind="stable")
            unit, rows = unit[order], rows[order]
        if clean and context.every_row_observed:
            keep = None
        else:
            keep = context.labels[rows] != 0
            if not clean:
                keep &= (unit >= 0.0) & (unit <= 1.0)
        if keep is not None and not keep.all():
            unit, rows = unit[keep], rows[keep]
        return _NumericObservations(scale, unit, rows)

    # ------------------------------------------------------------------ univariate TPE
    def _sample_univariate(
        self,
        context: SamplingContext,
        trial: FrozenTrial,
        name: str,
        distribution: BaseDistribution,
    ) -> Any:
        trial_key = (context.cache.key, trial.number)
        value = self._take_from_batch(trial_key, context.snapshot.n, name, distribution)
        if value is not _MISSING:
            return value
        self._batch = None
        plan = self._batch_plan(context, trial, name, distribution)
        if plan is None:
            plan = [(name, distribution)]
        stream = self._streams.reserve(trial_key, self._rng, 1)
        seed, first = stream[0], stream[1] - 1
        u = counter_uniforms(seed, first, len(plan), self._uniforms_per_param())
        values = self._sample_params(context, plan, u)
        if len(plan) > 1:
            self._batch = _Batch(trial_key, context.snapshot.n, plan, values, stream)
            self._batch.position = 1
        return values[0]

    def _batch_plan(
        self,
        context: SamplingContext,
        trial: FrozenTrial,
        name: str,
        distribution: BaseDistribution,
    ) -> Optional[List[Tuple[str, BaseDistribution]]]:
        """Guess the parameters this trial will ask for: those of the latest finished trial.

        The i-th univariate draw of a trial uses its own random numbers (see
        :mod:`._streams`), so sampling the guessed parameters at once gives the values that
        sampling them one by one would; a wrong guess only wastes the work.
        """
        snapshot = context.snapshot
        if self._multivariate or self._constant_liar or snapshot.n == 0:
            return None
        reference = snapshot.trials[_latest_observed_row(snapshot)].distributions
        suggested = trial.params
        plan = [(n, d) for n, d in reference.items() if n not in suggested and not d.single()]
        if len(plan) < 2 or plan[0][0] != name or plan[0][1] != distribution:
            return None
        return plan

    def _take_from_batch(
        self, trial_key: Tuple, history_size: int, name: str, distribution: BaseDistribution
    ) -> Any:
        batch = self._batch
        if batch is None or batch.trial_key != trial_key or batch.history_size != history_size:
            return _MISSING
        planned_name, planned_distribution = batch.plan[batch.position]
        if planned_name != name or (
            planned_distribution is not distribution and planned_distribution != distribution
        ):
            return _MISSING
        value = batch.values[batch.position]
        batch.position += 1
        batch.stream[1] += 1  # the draw handed out counts as made
        if batch.position == len(batch.plan):
            self._batch = None
        return value

    def _sample_params(
        self,
        context: SamplingContext,
        params: Sequence[Tuple[str, BaseDistribution]],
        u: np.ndarray,
    ) -> List[Any]:
        """Sample each parameter with univariate TPE; ``u[i]`` holds parameter i's uniforms.

        Numeric parameters observed in exactly the same trials are processed together as
        rows of the same arrays, which gives the same values as one by one.
        """
        values: List[Any] = [None] * len(params)
        numeric: Dict[bool, List[int]] = {}
        for i, (name, distribution) in enumerate(params):
            if isinstance(distribution, CategoricalDistribution):
                values[i] = self._sample_categorical(context, name, distribution, u[i])
            else:
                discrete = distribution.step is not None  # type: ignore[attr-defined]
                numeric.setdefault(discrete, []).append(i)
        for members in numeric.values():
            matrix = None
            if len(members) > 1 and not context.running:
                matrix = self._sorted_matrix(context, [params[i] for i in members])
            if matrix is not None:
                chosen = self._sample_numeric(
                    context,
                    matrix.unit,
                    matrix.rows,
                    matrix.observed_rows,
                    True,
                    matrix.scales,
                    u if len(members) == len(u) else u[members],  # members increase
                )
            else:
                chosen = []
                for i in members:
                    obs = self._numeric_observations(context, *params[i])
                    chosen += self._sample_numeric(
                        context,
                        obs.unit[None],
                        obs.rows[None],
                        obs.rows,
                        False,
                        [obs.scale],
                        u[i : i + 1],
                    )
            for i, value in zip(members, chosen):
                values[i] = value
        return values

    def _sorted_matrix(
        self, context: SamplingContext, params: List[Tuple[str, BaseDistribution]]
    ) -> Optional[SortedMatrix]:
        """The joint sorted observations of ``params``, if they share their rows."""
        key = tuple(name for name, _ in params)
        distributions = [distribution for _, distribution in params]
        matrices = context.cache.matrices
        if key in matrices and matrices[key] is None:
            return None  # these parameters were seen in different trials
        entry: Any = matrices.get(key)
        if entry is None or any(a is not b and a != b for a, b in zip(entry[0], distributions)):
            scales = [NumericScale(_numeric(d)) for d in distributions]
            entry = matrices[key] = (distributions, SortedMatrix(scales))
        matrix: SortedMatrix = entry[1]
        status = matrix.update(
            [context.snapshot.params.get(name) for name in key], context.snapshot.states
        )
        if status == "diverged":
            matrices[key] = None
        if status != "ok" or not matrix.in_range():
            return None
        return matrix

    def _sample_numeric(
        self,
        context: SamplingContext,
        unit: np.ndarray,
        rows: np.ndarray,
        weight_rows: np.ndarray,
        weight_rows_in_order: bool,
        scales: List[NumericScale],
        u: np.ndarray,
    ) -> List[Any]:
        """TPE for numeric parameters whose sorted observations are the rows of ``unit``.

        Args:
            context: The sampling call's observations.
            unit: Sorted unit-interval observations, one parameter per row.
            rows: The history row of each observation.
            weight_rows: The (common) set of rows observed, for the kernel weights.
            weight_rows_in_order: Whether ``weight_rows`` increases.
            scales: The unit-interval view of each parameter.
            u: Uniforms, one row per parameter.
        """
        active = weight_rows if weight_rows_in_order else np.sort(weight_rows)
        all_labels = context.labels_among(active)
        labels = all_labels[rows]
        row_weights = observation_weights(
            weight_rows,
            all_labels,
            context.numbers,
            self._weights_for,
            numbers_follow_rows=weight_rows_in_order
            and context.cache.numbers_increase(context.snapshot),
        )
        min_sigma = None
        if scales[0].discrete:
            # A kernel narrower than a bin puts all its mass on one grid value: g would become
            # a histogram of the values tried and l / g would favour any untried value.
            min_sigma = np.array([scale.min_bin_width for scale in scales])
        mixtures = _split_mixtures(unit, rows, labels, row_weights, self._config, min_sigma)
        m = self._n_ei_candidates
        x = mixtures.sample_below(u[:, :m], u[:, m:])
        if scales[0].discrete:
            grid = np.stack([scale.from_unit(row) for scale, row in zip(scales, x)])
            edges = [scale.bin_edges(row) for scale, row in zip(scales, grid)]
            lower = np.stack([edge[0] for edge in edges])
            upper = np.stack([edge[1] for edge in edges])
            log_lg = mixtures.log_bin_masses(lower, upper)
            score = log_lg[:, :, 0] - log_lg[:, :, 1]
            best = _row_picks(grid, np.argmax(score, axis=1)).tolist()
        else:
            log_lg = mixtures.log_densities(x)
            score = log_lg[:, :, 0] - log_lg[:, :, 1]
            best_unit = _row_picks(x, np.argmax(score, axis=1)).tolist()
            return [
                scale.to_external(scale.value_from_unit(value))
                for scale, value in zip(scales, best_unit)
            ]
        return [scale.to_external(value) for scale, value in zip(scales, best)]

    def _sample_categorical(
        self,
        context: SamplingContext,
        name: str,
        distribution: CategoricalDistribution,
        u: np.ndarray,
    ) -> Any:
        n_choices = len(distribution.choices)
        column = context.snapshot.params.get(name)
        indices = np.empty(0) if column is None else column.values
        rows = np.empty(0, dtype=np.int64) if column is None else column.rows
        if context.running:
            extra_indices, extra_rows = context.running_values(name, lambda v: v)
            indices = np.concatenate([indices, extra_indices])
            rows = np.concatenate([rows, extra_rows])
        keep = (context.labels[rows] != 0) & (indices < n_choices)
        indices, rows = indices[keep].astype(np.int64), rows[keep]
        all_labels = context.labels_among(rows)
        row_weights = observation_weights(rows, all_labels, context.numbers, self._weights_for)
        labels = all_labels[rows]
        below, above = (
            fit_categorical(
                indices[labels == label],
                row_weights[rows[labels == label]],
                n_choices,
                self._config,
            )
            for label in (BELOW, ABOVE)
        )
        candidates = sample_categorical(below, u[: self._n_ei_candidates])
        score = np.log(below[candidates]) - np.log(above[candidates])
        return distribution.choices[int(candidates[np.argmax(score)])]

    # ------------------------------------------------------------------ multivariate TPE
    def _relative_groups(
        self, study: "Study", search_space: Dict[str, BaseDistribution]
    ) -> List[Dict[str, BaseDistribution]]:
        if self._group_search_space is None:
            return [search_space]
        groups = []
        covered: Set[str] = set()
        for group in self._group_search_space.calculate(study):
            part = {n: search_space[n] for n in group if n in search_space}
            if part:
                groups.append(part)
                covered.update(part)
        rest = {n: d for n, d in search_space.items() if n not in covered}
        return groups + ([rest] if rest else [])

    def _sample_jointly(
        self, context: SamplingContext, space: Dict[str, BaseDistribution]
    ) -> Dict[str, Any]:
        """Multivariate TPE over the parameters of ``space``."""
        names = list(space)
        observed, valid, layout = self._observation_table(context, space)
        groups = []
        for rows, weights in self._split_rows(context, valid):
            groups.append((observed[rows], weights))
        mixtures = ProductMixtures(groups, layout, self._config, (1.0, ABOVE_BANDWIDTH_SCALE))
        m = self._n_ei_candidates
        u = self._draw(m * (1 + len(names))).reshape(m, 1 + len(names))
        x = mixtures.sample(u)
        log_pdfs = mixtures.log_pdfs(x)
        best = x[int(np.argmax(log_pdfs[:, 0] - log_pdfs[:, 1]))].tolist()
        params = {}
        for name, distribution, dim, value in zip(names, space.values(), layout.dims, best):
            if dim.scale is None:
                params[name] = distribution.choices[int(value)]  # type: ignore[attr-defined]
            else:
                params[name] = dim.scale.to_external(dim.scale.value_from_unit(value))
        return params

    def _split_rows(
        self, context: SamplingContext, valid: Optional[np.ndarray]
    ) -> List[Tuple[np.ndarray, np.ndarray]]:
        """The usable rows of the below and the above group (increasing), and their weights.

        Args:
            context: The sampling call's observations.
            valid: Whether each row's values are all in range; None when all are.
        """
        labels = context.labels
        if valid is not None:
            labels = context.labels_among(np.flatnonzero(valid & (labels != 0)))
        groups = [np.flatnonzero(labels == label) for label in (BELOW, ABOVE)]
        # Rows increase; when trial numbers do too, the weights need no sorting.
        if not context.running and context.cache.numbers_increase(context.snapshot):
            return [(rows, checked_weights(self._weights_for, len(rows))) for rows in groups]
        rows = np.sort(np.concatenate(groups))
        row_weights = observation_weights(rows, labels, context.numbers, self._weights_for)
        return [(rows, row_weights[rows]) for rows in groups]

    def _observation_table(
        self, context: SamplingContext, space: Dict[str, BaseDistribution]
    ) -> Tuple[np.ndarray, Optional[np.ndarray], ProductLayout]:
        """Observed values of ``space``'s parameters by row (RUNNING trials appended), whether
        each row's values are in range (None when all are), and the layout of the dimensions."""
        key = tuple(space)
        distributions = list(space.values())
        entry = context.cache.tables.get(key)
        if entry is None or any(a is not b and a != b for a, b in zip(entry[0], distributions)):
            dims = [
                (
                    Dimension(None, len(d.choices))
                    if isinstance(d, CategoricalDistribution)
                    else Dimension(NumericScale(_numeric(d)))
                )
                for d in distributions
            ]
            table = ObservationTable(
                [d.scale for d in dims], [1.0 if d.scale else d.n_choices - 1.0 for d in dims]
            )
            entry = (distributions, table, ProductLayout(dims))
            context.cache.tables[key] = entry
        table = entry[1]
        layout: ProductLayout = entry[2]
        columns = [context.snapshot.params.get(name) for name in key]
        update = table.update(columns, context.snapshot.n)
        if update is None:  # an older snapshot than the cached table (threads)
            table = ObservationTable(table.scales, table.highs)
            update = table.update(columns, context.snapshot.n)
            assert update is not None
        observed, valid = update
        if not context.running:
            return observed, (valid if table.n_invalid else None), layout
        extra = np.full((len(context.running), len(key)), np.nan)
        for j, name in enumerate(key):
            values, rows = context.running_values(name, lambda v: table.transform(j, v))
            extra[rows - context.snapshot.n, j] = values
        valid = np.concatenate([valid, table.valid_rows(extra)])
        return np.concatenate([observed, extra]), valid, layout


_MISSING = object()


def _latest_observed_row(snapshot: HistorySnapshot, look_back: int = 16) -> int:
    """The last row of a COMPLETE or PRUNED trial among the latest ones (else the last)."""
    for row in range(snapshot.n - 1, max(snapshot.n - 1 - look_back, -1), -1):
        if snapshot.states[row] in _OBSERVED_STATES:
            return row
    return snapshot.n - 1


def _numeric(distribution: BaseDistribution) -> NumericDistribution:
    assert isinstance(distribution, (FloatDistribution, IntDistribution))
    return distribution


def _row_picks(values: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """``values[i, columns[i]]`` for each row ``i`` of a 2-d array (``columns`` is overwritten):
    one ``take`` of C-order flat indices, cheaper than fancy indexing with two index arrays."""
    n_rows, n_columns = values.shape
    if n_rows > 1:
        columns += np.arange(0, n_rows * n_columns, n_columns)
    return values.take(columns)


def _split_mixtures(
    unit: np.ndarray,
    rows: np.ndarray,
    labels: np.ndarray,
    row_weights: np.ndarray,
    config: ParzenConfig,
    min_sigma: Optional[np.ndarray] = None,
) -> SplitMixtures:
    """Fit l and g to sorted observations ``unit`` (one parameter per row) given their
    ``labels``; every row has as many observations of each label."""
    n_params = len(unit)
    below, above = labels == BELOW, labels == ABOVE
    weights = row_weights.take(rows)
    return SplitMixtures.fit(
        unit[below].reshape(n_params, -1),
        weights[below].reshape(n_params, -1),
        unit[above].reshape(n_params, -1),
        weights[above].reshape(n_params, -1),
        config,
        min_sigma,
    )


class _NumericObservations(NamedTuple):
    """The usable observations of one numeric parameter, sorted on the unit interval."""

    scale: NumericScale
    unit: np.ndarray
    rows: np.ndarray


class _Batch:
    """Values sampled ahead for the next parameters of one trial."""

    __slots__ = ("trial_key", "history_size", "plan", "values", "position", "stream")

    def __init__(
        self,
        trial_key: Tuple,
        history_size: int,
        plan: List[Tuple[str, BaseDistribution]],
        values: List[Any],
        stream: List[int],
    ) -> None:
        self.trial_key = trial_key
        self.history_size = history_size
        self.plan = plan
        self.values = values
        self.position = 0
        # The trial's entry of TrialStreams, ``[seed, number of draws made]``: while the
        # batch lives, no other trial samples, so the entry stays open.
        self.stream = stream


def _validate_arguments(**arguments: Any) -> None:
    for name in (
        "consider_prior",
        "consider_magic_clip",
        "consider_endpoints",
        "multivariate",
        "group",
        "warn_independent_sampling",
        "constant_liar",
    ):
        if not isinstance(arguments[name], (bool, np.bool_)):
            raise ValueError(f"`{name}` must be a bool, got {arguments[name]!r}.")
    prior_weight = arguments["prior_weight"]
    if (
        isinstance(prior_weight, bool)
        or not isinstance(prior_weight, numbers.Real)
        or not math.isfinite(prior_weight)
        or prior_weight <= 0
    ):
        raise ValueError(f"`prior_weight` must be a positive number, got {prior_weight!r}.")
    for name, minimum in (("n_startup_trials", 0), ("n_ei_candidates", 1)):
        value = arguments[name]
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
            raise ValueError(f"`{name}` must be an integer >= {minimum}, got {value!r}.")
    for name in ("gamma", "weights"):
        if not callable(arguments[name]):
            raise TypeError(f"`{name}` must be callable, got {arguments[name]!r}.")
    constraints_func = arguments["constraints_func"]
    if constraints_func is not None and not callable(constraints_func):
        raise TypeError(f"`constraints_func` must be callable or None, got {constraints_func!r}.")
    if arguments["group"] and not arguments["multivariate"]:
        raise ValueError(
            "`group` can be enabled only together with `multivariate`: "
            "pass multivariate=True as well."
        )
