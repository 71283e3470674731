import math
import random
from typing import TYPE_CHECKING, Any, Optional, Tuple, Union

import numpy as np

from optuna.distributions import (
    BaseDistribution,
    CategoricalDistribution,
    FloatDistribution,
    IntDistribution,
)
from optuna.samplers._base import BaseSampler, _check_seed
from optuna.trial import FrozenTrial

if TYPE_CHECKING:
    from optuna.study import Study


class RandomSampler(BaseSampler):
    """Sample every parameter independently and uniformly (log-uniformly for ``log=True``).

    Args:
        seed: Seed for the random number generator.
    """

    def __init__(self, seed: Optional[int] = None) -> None:
        # Python's generator: a scalar draw costs a fraction of numpy's per-call overhead.
        _check_seed(seed)
        self._rng = random.Random(seed)

    def reseed_rng(self) -> None:
        self._rng.seed()

    def sample_independent(
        self,
        study: "Study",
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Any:
        return sample_uniform(self._rng, param_distribution)

    def _sample_independent_repr(
        self,
        study: "Study",
        trial: FrozenTrial,
        param_name: str,
        param_distribution: BaseDistribution,
    ) -> Tuple[float, Any]:
        # Same draw as sample_independent; a categorical one is picked by index directly.
        if isinstance(param_distribution, CategoricalDistribution):
            choices = param_distribution.choices
            n = len(choices)
            index = min(int(self._rng.random() * n), n - 1)
            return float(index), choices[index]
        internal = float(sample_uniform(self._rng, param_distribution))
        return internal, param_distribution.to_external_repr(internal)


def sample_uniform(
    rng: Union[random.Random, np.random.RandomState], distribution: BaseDistribution
) -> Any:
    """Draw one value (external representation) uniformly from ``distribution``.

    ``rng`` is anything with a ``random()`` method returning a float in ``[0, 1)``.
    """
    u = rng.random()
    if isinstance(distribution, FloatDistribution):
        low, high = distribution.low, distribution.high
        if distribution.log:
            log_low = math.log(low)
            return min(high, max(low, math.exp(log_low + u * (math.log(high) - log_low))))
        step = distribution.step
        if step is None:
            return min(high, low + u * (high - low))
        n_values = int(round((high - low) / step)) + 1
        return min(high, low + min(int(u * n_values), n_values - 1) * step)
    if isinstance(distribution, IntDistribution):
        low, high = distribution.low, distribution.high
        if distribution.log:
            log_low, log_high = math.log(low - 0.5), math.log(high + 0.5)
            value = int(round(math.exp(log_low + u * (log_high - log_low))))
            return min(high, max(low, value))
        n_values = (high - low) // distribution.step + 1
        return low + min(int(u * n_values), n_values - 1) * distribution.step
    if isinstance(distribution, CategoricalDistribution):
        n = len(distribution.choices)
        return distribution.choices[min(int(u * n), n - 1)]
    raise NotImplementedError(f"Unsupported distribution {distribution!r}.")
