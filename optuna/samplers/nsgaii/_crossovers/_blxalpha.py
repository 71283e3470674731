from typing import TYPE_CHECKING

import numpy as np

from optuna._experimental import experimental_class
from optuna.samplers.nsgaii._crossovers._base import BaseCrossover

if TYPE_CHECKING:
    from optuna.study import Study


@experimental_class("3.0.0")
class BLXAlphaCrossover(BaseCrossover):
    """Blend crossover BLX-alpha (Eshelman and Schaffer, 1993).

    For each coordinate, with ``d`` the distance between the two parents, the child is drawn
    uniformly from the parents' interval widened by ``alpha * d`` on both sides.

    Args:
        alpha: Relative widening of the parents' interval; must be non-negative.
    """

    n_parents = 2

    def __init__(self, alpha: float = 0.5) -> None:
        if alpha < 0:
            raise ValueError(f"`alpha` must be non-negative, got {alpha!r}.")
        self._alpha = alpha

    def crossover(
        self,
        parents_params: np.ndarray,
        rng: np.random.RandomState,
        study: "Study",
        search_space_bounds: np.ndarray,
    ) -> np.ndarray:
        low = parents_params.min(axis=0)
        high = parents_params.max(axis=0)
        margin = self._alpha * (high - low)
        low = low - margin
        high = high + margin
        return low + rng.rand(parents_params.shape[1]) * (high - low)
