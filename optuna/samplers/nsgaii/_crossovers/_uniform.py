from typing import TYPE_CHECKING

import numpy as np

from optuna.samplers.nsgaii._crossovers._base import BaseCrossover

if TYPE_CHECKING:
    from optuna.study import Study


class UniformCrossover(BaseCrossover):
    """Uniform crossover: every coordinate of the child comes from one of two parents.

    The child starts as a copy of the first parent; each coordinate is then taken from the
    second parent with probability ``swapping_prob``.

    Args:
        swapping_prob: Probability of taking a coordinate from the second parent. Must be in
            ``[0, 1]``.
    """

    n_parents = 2

    def __init__(self, swapping_prob: float = 0.5) -> None:
        if not (0.0 <= swapping_prob <= 1.0):
            raise ValueError(
                f"`swapping_prob` must be a float value within [0, 1], got {swapping_prob!r}."
            )
        self._swapping_prob = swapping_prob

    def crossover(
        self,
        parents_params: np.ndarray,
        rng: np.random.RandomState,
        study: "Study",
        search_space_bounds: np.ndarray,
    ) -> np.ndarray:
        first, second = parents_params[0], parents_params[1]
        take_second = rng.rand(len(first)) < self._swapping_prob
        return np.where(take_second, second, first)
