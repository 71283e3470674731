from typing import TYPE_CHECKING, Optional

import numpy as np

from optuna._experimental import experimental_class
from optuna.samplers.nsgaii._crossovers._base import BaseCrossover

if TYPE_CHECKING:
    from optuna.study import Study

_EPS = 1e-14


def _default_eta(study: "Study") -> float:
    # A wider spread (small eta) suits a single objective; a multi-objective search wants
    # children close to their parents.
    try:
        multi_objective = len(study.directions) > 1
    except AttributeError:
        multi_objective = True
    return 20.0 if multi_objective else 2.0


@experimental_class("3.0.0")
class SBXCrossover(BaseCrossover):
    """Simulated binary crossover (Deb and Agrawal, 1995), in its bounded form.

    Each coordinate is crossed with probability 1/2 (otherwise it is copied from a randomly
    chosen parent). A crossed coordinate is spread around the parents' midpoint by a factor
    drawn from a polynomial distribution whose tails are cut at the search-space bounds, so the
    child always stays inside them.

    Args:
        eta: Distribution index; larger values keep children closer to their parents. When
            ``None``, 2 for single-objective and 20 for multi-objective studies.
    """

    n_parents = 2

    def __init__(self, eta: Optional[float] = None) -> None:
        if eta is not None and eta < 0:
            raise ValueError(f"`eta` must be non-negative, got {eta!r}.")
        self._eta = eta

    def crossover(
        self,
        parents_params: np.ndarray,
        rng: np.random.RandomState,
        study: "Study",
        search_space_bounds: np.ndarray,
    ) -> np.ndarray:
        eta = self._eta if self._eta is not None else _default_eta(study)
        lower = search_space_bounds[:, 0]
        upper = search_space_bounds[:, 1]
        parents = np.clip(parents_params[:2], lower, upper)
        n_params = parents.shape[1]
        y1 = parents.min(axis=0)
        y2 = parents.max(axis=0)
        diff = y2 - y1
        distinct = diff > _EPS
        safe_diff = np.where(distinct, diff, 1.0)
        exponent = 1.0 / (eta + 1.0)

        u = rng.rand(n_params)

        def spread(beta: np.ndarray) -> np.ndarray:
            alpha = 2.0 - np.power(beta, -(eta + 1.0))
            ua = u * alpha
            with np.errstate(divide="ignore", invalid="ignore"):
                inner = np.where(u <= 1.0 / alpha, ua, 1.0 / (2.0 - ua))
            return np.power(np.maximum(inner, 0.0), exponent)

        mid = y1 + y2
        beta_low = 1.0 + 2.0 * (y1 - lower) / safe_diff
        beta_up = 1.0 + 2.0 * (upper - y2) / safe_diff
        child_low = 0.5 * (mid - spread(beta_low) * safe_diff)
        child_up = 0.5 * (mid + spread(beta_up) * safe_diff)
        sbx = np.where(rng.rand(n_params) < 0.5, child_low, child_up)

        inherited = np.where(rng.rand(n_params) < 0.5, parents[0], parents[1])
        crossed = distinct & (rng.rand(n_params) < 0.5)
        child = np.where(crossed, sbx, inherited)
        return np.clip(child, lower, upper)
