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
        return _uniform_repr(self._rng, param_distribution)


def sample_uniform(
    rng: Union[random.Random, np.random.RandomState], distribution: BaseDistribution
) -> Any:
    """Draw one value (external representation) uniformly from ``distribution``.

    ``rng`` is anything with a ``random()`` method returning a float in ``[0, 1)``.
    """
    return _uniform_repr(rng, distribution)[1]


def _uniform_repr(
    rng: Union[random.Random, np.random.RandomState], distribution: BaseDistribution
) -> Tuple[float, Any]:
    """Draw one value uniformly, as ``(internal, external)``.

    The external value is the internal one converted back, exactly what a trial records.
    """
    u = rng.random()
    if isinstance(distribution, FloatDistribution):
        low, high = distribution.low, distribution.high
        if distribution.log:
            log_low = math.log(low)
            value = min(high, max(low, math.exp(log_low + u * (math.log(high) - log_low))))
        elif distribution.step is None:
            value = min(high, low + u * (high - low))
        else:
            step = distribution.step
            n_values = int(round((high - low) / step)) + 1
            value = min(high, low + min(int(u * n_values), n_values - 1) * step)
        if type(distribution) is FloatDistribution:
            return value, value
        return value, distribution.to_external_repr(value)
    if isinstance(distribution, IntDistribution):
        low, high, step = distribution.low, distribution.high, distribution.step
        if distribution.log:
            log_low, log_high = math.log(low - 0.5), math.log(high + 0.5)
            k = int(round(math.exp(log_low + u * (log_high - log_low))))
            internal = float(min(high, max(low, k)))
        else:
            n_values = (high - low) // step + 1
            internal = float(low + min(int(u * n_values), n_values - 1) * step)
        if type(distribution) is IntDistribution:
            return internal, int(internal)
        return internal, distribution.to_external_repr(internal)
    if isinstance(distribution, CategoricalDistribution):
        choices = distribution.choices
        n = len(choices)
        index = min(int(u * n), n - 1)
        return float(index), choices[index]
    raise NotImplementedError(f"Unsupported distribution {distribution!r}.")
