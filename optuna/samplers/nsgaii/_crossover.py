"""Child generation shared by every crossover operator of the NSGA-II sampler.

Numerical parameters are mapped to a continuous coordinate system in which the operators work:
log-scaled parameters become their logarithm, and integers / stepped floats are widened by
half a step on each side so that every reachable value owns an equally long interval. Children
are mapped back by rounding to the grid and clipping to the range. Categorical parameters are
recombined by uniform swapping between the parents.
"""

import math
from typing import TYPE_CHECKING, Any, Dict, List, Tuple

import numpy as np

from optuna.distributions import (
    BaseDistribution,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.samplers.nsgaii._crossovers._base import BaseCrossover

if TYPE_CHECKING:
    from optuna.study import Study

# How many times a child that left the bounds is redrawn before it is clipped.
_MAX_REDRAWS = 8


class _SearchSpaceCoding:
    """Coordinate system of one relative search space.

    Attributes:
        names: All parameter names, in search-space order.
        numeric_names / categorical_names: The two groups of parameters.
        bounds: ``(n_numeric, 2)`` bounds of the continuous coordinates.
    """

    def __init__(self, search_space: Dict[str, BaseDistribution]) -> None:
        self.names = tuple(search_space)
        self.distributions = tuple(search_space.values())
        numeric: List[Tuple[str, BaseDistribution]] = []
        categorical: List[Tuple[str, CategoricalDistribution]] = []
        for name, dist in search_space.items():
            if isinstance(dist, CategoricalDistribution):
                categorical.append((name, dist))
            elif isinstance(dist, (FloatDistribution, IntDistribution)):
                numeric.append((name, dist))
            else:
                raise NotImplementedError(f"Unsupported distribution {dist!r}.")
        self.numeric_names = [n for n, _ in numeric]
        self.numeric_distributions = [d for _, d in numeric]
        self.categorical_names = [n for n, _ in categorical]
        self.categorical_distributions = [d for _, d in categorical]
        # The order of the genes in a child (numerical ones first).
        self.ordered_names = self.numeric_names + self.categorical_names

        n = len(numeric)
        self.log = np.zeros(n, dtype=bool)
        self.step = np.zeros(n)  # 0 for continuous parameters
        self.low = np.zeros(n)
        self.high = np.zeros(n)
        self.is_int = np.zeros(n, dtype=bool)
        bounds = np.zeros((n, 2))
        for i, dist in enumerate(self.numeric_distributions):
            low, high = float(dist.low), float(dist.high)  # type: ignore[attr-defined]
            self.low[i], self.high[i] = low, high
            log = bool(dist.log)  # type: ignore[attr-defined]
            self.log[i] = log
            if isinstance(dist, IntDistribution):
                self.is_int[i] = True
                if log:
                    self.step[i] = 1.0
                    bounds[i] = (math.log(low - 0.5), math.log(high + 0.5))
                else:
                    self.step[i] = dist.step
                    bounds[i] = (low - 0.5 * dist.step, high + 0.5 * dist.step)
            elif dist.step is not None:  # type: ignore[attr-defined]
                step = float(dist.step)  # type: ignore[attr-defined]
                self.step[i] = step
                bounds[i] = (low - 0.5 * step, high + 0.5 * step)
            elif log:
                bounds[i] = (math.log(low), math.log(high))
            else:
                bounds[i] = (low, high)
        self.bounds = bounds
        self._lower = bounds[:, 0].tolist()
        self._upper = bounds[:, 1].tolist()
        self._specs = [
            (
                bool(self.log[i]),
                float(self.step[i]),
                float(self.low[i]),
                float(self.high[i]),
                bool(self.is_int[i]),
            )
            for i in range(n)
        ]
        self.any_log = bool(self.log.any())
        self.any_step = bool((self.step > 0).any())
        self.any_int = bool(self.is_int.any())

    def matches(self, search_space: Dict[str, BaseDistribution]) -> bool:
        if len(search_space) != len(self.names):
            return False
        for (name, dist), my_name, my_dist in zip(
            search_space.items(), self.names, self.distributions
        ):
            if name != my_name or (dist is not my_dist and dist != my_dist):
                return False
        return True

    def encode(self, internal: np.ndarray) -> np.ndarray:
        """Map internal numeric values (``(..., n_numeric)``) to continuous coordinates.

        Values outside their distribution (e.g. enqueued out of range) are clipped into it
        first, so a log-scaled parameter never meets a non-positive value.
        """
        low = np.array([spec[2] for spec in self._specs], dtype=float)
        high = np.array([spec[3] for spec in self._specs], dtype=float)
        out = np.clip(internal.astype(float), low, high)
        if self.any_log:
            out[..., self.log] = np.log(out[..., self.log])
        return out

    def key(self, numeric: np.ndarray, categorical: np.ndarray) -> tuple:
        """Hashable identity of a gene vector (numeric coordinates, categorical indices)."""
        return tuple(numeric.tolist()) + tuple(categorical.tolist())

    def is_inside(self, coords: List[float]) -> bool:
        """Whether the coordinates (a list) lie within the bounds (NaN never does)."""
        for y, lower, upper in zip(coords, self._lower, self._upper):
            if not (lower <= y <= upper):
                return False
        return True

    def decode(self, coords: List[float]) -> List[Any]:
        """Map one child's coordinates (a list) back to external parameter values."""
        out: List[Any] = []
        for y, (log, step, low, high, is_int) in zip(coords, self._specs):
            value = math.exp(y) if log else y
            if step:
                value = low + round((value - low) / step) * step
            if value < low:
                value = low
            elif value > high:
                value = high
            out.append(int(round(value)) if is_int else value)
        return out


def _numeric_child(
    coding: _SearchSpaceCoding,
    crossover: BaseCrossover,
    parents: np.ndarray,
    rng: np.random.RandomState,
    study: "Study",
) -> List[float]:
    """Apply ``crossover`` to the parents' coordinates; redraw (then clip) escaped children."""
    bounds = coding.bounds
    child = _call(crossover, parents, rng, study, bounds)
    redraws = 0
    while not coding.is_inside(child):
        if redraws == _MAX_REDRAWS:
            # Clip what is left outside; a NaN (degenerate parents) falls back to the first
            # parent's coordinate.
            first = parents[0].tolist()
            return [
                f if y != y else min(max(y, lower), upper)
                for y, f, lower, upper in zip(child, first, coding._lower, coding._upper)
            ]
        child = _call(crossover, parents, rng, study, bounds)
        redraws += 1
    return child


def _call(
    crossover: BaseCrossover,
    parents: np.ndarray,
    rng: np.random.RandomState,
    study: "Study",
    bounds: np.ndarray,
) -> List[float]:
    child = crossover.crossover(parents, rng, study, bounds)
    if not isinstance(child, np.ndarray):
        child = np.asarray(child, dtype=float)
    if child.shape != (len(bounds),):
        raise ValueError(
            f"{crossover} returned a child of shape {child.shape}; expected ({len(bounds)},)."
        )
    return child.tolist()


def _categorical_child(
    parents: np.ndarray, rng: np.random.RandomState, swapping_prob: float
) -> np.ndarray:
    """Uniform swapping: each gene comes from the first parent, or with probability
    ``swapping_prob`` from another parent chosen at random."""
    n_parents, n_params = parents.shape
    if n_parents == 1 or n_params == 0:
        return parents[0].copy()
    swap = rng.rand(n_params) < swapping_prob
    donors = 1 + (rng.rand(n_params) * (n_parents - 1)).astype(int)
    donors = np.minimum(donors, n_parents - 1)
    return np.where(swap, parents[donors, np.arange(n_params)], parents[0])


def _make_child(
    coding: _SearchSpaceCoding,
    crossover: BaseCrossover,
    numeric_parents: np.ndarray,
    categorical_parents: np.ndarray,
    rng: np.random.RandomState,
    study: "Study",
    swapping_prob: float,
) -> Tuple[Dict[str, Any], tuple]:
    """Recombine the parents (rows of the two matrices) into one child.

    Returns the child's external parameter values (in ``coding.ordered_names`` order) and its
    genes as a tuple comparable with :meth:`_SearchSpaceCoding.key`.
    """
    params: Dict[str, Any] = {}
    key: tuple = ()
    if coding.numeric_names:
        child = _numeric_child(coding, crossover, numeric_parents, rng, study)
        params.update(zip(coding.numeric_names, coding.decode(child)))
        key = tuple(child)
    if coding.categorical_names:
        indices = _categorical_child(categorical_parents, rng, swapping_prob).tolist()
        for name, dist, index in zip(
            coding.categorical_names, coding.categorical_distributions, indices
        ):
            params[name] = dist.to_external_repr(index)
        key += tuple(indices)
    return params, key
