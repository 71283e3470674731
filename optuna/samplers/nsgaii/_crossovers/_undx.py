from typing import TYPE_CHECKING, Optional

import numpy as np

from optuna._experimental import experimental_class
from optuna.samplers.nsgaii._crossovers._base import BaseCrossover

if TYPE_CHECKING:
    from optuna.study import Study


@experimental_class("3.0.0")
class UNDXCrossover(BaseCrossover):
    """Unimodal normal distribution crossover (Ono and Kobayashi, 1997).

    The first two parents define a primary axis; the child is their midpoint plus a normal
    step along that axis (standard deviation ``sigma_xi`` times the parents' distance) plus an
    isotropic normal step in the orthogonal complement, scaled by the distance of the third
    parent from the primary axis (standard deviation ``sigma_eta`` times that distance).

    Args:
        sigma_xi: Standard deviation of the step along the primary axis.
        sigma_eta: Standard deviation of the orthogonal step. When ``None``,
            ``0.35 / sqrt(n_params)``.
    """

    n_parents = 3

    def __init__(self, sigma_xi: float = 0.5, sigma_eta: Optional[float] = None) -> None:
        if sigma_xi < 0:
            raise ValueError(f"`sigma_xi` must be non-negative, got {sigma_xi!r}.")
        if sigma_eta is not None and sigma_eta < 0:
            raise ValueError(f"`sigma_eta` must be non-negative, got {sigma_eta!r}.")
        self._sigma_xi = sigma_xi
        self._sigma_eta = sigma_eta

    def crossover(
        self,
        parents_params: np.ndarray,
        rng: np.random.RandomState,
        study: "Study",
        search_space_bounds: np.ndarray,
    ) -> np.ndarray:
        x1, x2, x3 = parents_params[0], parents_params[1], parents_params[2]
        n_params = len(x1)
        sigma_eta = self._sigma_eta
        if sigma_eta is None:
            sigma_eta = 0.35 / np.sqrt(n_params)

        midpoint = 0.5 * (x1 + x2)
        axis = x2 - x1
        axis_norm = float(np.linalg.norm(axis))
        unit = axis / axis_norm if axis_norm > 0.0 else None

        def orthogonal(v: np.ndarray) -> np.ndarray:
            return v - np.dot(v, unit) * unit if unit is not None else v

        # Distance of the third parent from the line through the first two.
        distance = float(np.linalg.norm(orthogonal(x3 - midpoint)))

        xi = rng.normal(0.0, self._sigma_xi)
        eta = orthogonal(rng.normal(0.0, sigma_eta, n_params))
        return midpoint + xi * axis + distance * eta
