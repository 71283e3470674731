from typing import TYPE_CHECKING, Optional

import numpy as np

from optuna._experimental import experimental_class
from optuna.samplers.nsgaii._crossovers._base import BaseCrossover
from optuna.samplers.nsgaii._crossovers._sbx import _default_eta

if TYPE_CHECKING:
    from optuna.study import Study


@experimental_class("3.0.0")
class VSBXCrossover(BaseCrossover):
    """Vectorized simulated binary crossover.

    Unlike :class:`SBXCrossover`, the spread distribution is not truncated at the search-space
    bounds: every coordinate gets its own spread factor from the unbounded SBX polynomial
    distribution (contracting or expanding with equal probability) and a random side of the
    parents' midpoint, all drawn as one vector. Each coordinate then keeps the spread value
    with probability 1/2 and otherwise inherits the gene of a randomly chosen parent.
    Children outside the bounds are redrawn (then clipped) by the sampler.

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
        first, second = parents_params[0], parents_params[1]
        n_params = len(first)
        exponent = 1.0 / (eta + 1.0)

        u = rng.rand(n_params)
        contracting = u <= 0.5
        with np.errstate(divide="ignore"):
            beta = np.where(
                contracting,
                np.power(2.0 * u, exponent),
                np.power(1.0 / (2.0 * (1.0 - u)), exponent),
            )
        sign = np.where(rng.rand(n_params) < 0.5, -1.0, 1.0)
        spread = 0.5 * (first + second) + sign * beta * 0.5 * np.abs(second - first)

        inherited = np.where(rng.rand(n_params) < 0.5, first, second)
        return np.where(rng.rand(n_params) < 0.5, spread, inherited)
