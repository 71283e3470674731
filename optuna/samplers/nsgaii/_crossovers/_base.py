import abc
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from optuna.study import Study


class BaseCrossover(abc.ABC):
    """Interface of the crossover operators used by :class:`~optuna.samplers.NSGAIISampler`.

    An operator combines the numerical parameters of :attr:`n_parents` parent trials into one
    child. The sampler hands it the parents in a continuous coordinate system (log-scaled
    parameters are given as their logarithm, integers and stepped floats as floats) together
    with the bounds of that system; children that leave the bounds are redrawn a few times and
    finally clipped by the sampler. Categorical parameters never reach the operator.
    """

    def __str__(self) -> str:
        return self.__class__.__name__

    @property
    @abc.abstractmethod
    def n_parents(self) -> int:
        """How many parents the operator needs to produce one child."""
        raise NotImplementedError

    @abc.abstractmethod
    def crossover(
        self,
        parents_params: np.ndarray,
        rng: np.random.RandomState,
        study: "Study",
        search_space_bounds: np.ndarray,
    ) -> np.ndarray:
        """Produce one child.

        Args:
            parents_params: Parent coordinates, shape ``(n_parents, n_params)``.
            rng: The sampler's random number generator.
            study: The study being optimized.
            search_space_bounds: Lower and upper bound of each coordinate, shape
                ``(n_params, 2)``.

        Returns:
            The child's coordinates, shape ``(n_params,)``.
        """
        raise NotImplementedError
