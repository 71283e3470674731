from typing import TYPE_CHECKING, Optional

import numpy as np

from optuna._experimental import experimental_class
from optuna.samplers.nsgaii._crossovers._base import BaseCrossover

if TYPE_CHECKING:
    from optuna.study import Study


@experimental_class("3.0.0")
class SPXCrossover(BaseCrossover):
    """Simplex crossover (Tsutsui, Yamamura and Higuchi, 1999) with three parents.

    The simplex spanned by the parents is expanded around its centroid by ``epsilon`` and the
    child is drawn uniformly from the expanded simplex.

    Args:
        epsilon: Expansion rate. When ``None``, ``sqrt(n_params + 2)``.
    """

    n_parents = 3

    def __init__(self, epsilon: Optional[float] = None) -> None:
        if epsilon is not None and epsilon < 0:
            raise ValueError(f"`epsilon` must be non-negative, got {epsilon!r}.")
        self._epsilon = epsilon

    def crossover(
        self,
        parents_params: np.ndarray,
        rng: np.random.RandomState,
        study: "Study",
        search_space_bounds: np.ndarray,
    ) -> np.ndarray:
        n_vertices, n_params = parents_params.shape
        epsilon = self._epsilon
        if epsilon is None:
            epsilon = np.sqrt(n_params + 2.0)

        centroid = parents_params.mean(axis=0)
        vertices = centroid + epsilon * (parents_params - centroid)
        # Uniform sampling in a simplex, built up one vertex at a time: with r_k = u^(1/k),
        # C_k = r_k * (y_{k-1} - y_k + C_{k-1}) and the child is y_last + C_last.
        offset = np.zeros(n_params)
        for k in range(1, n_vertices):
            r = rng.rand() ** (1.0 / k)
            offset = r * (vertices[k - 1] - vertices[k] + offset)
        return vertices[-1] + offset
