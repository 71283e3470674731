"""Counter-based random numbers for the parameters of a trial.

Each trial draws one seed from the sampler's generator; the uniforms of the trial's k-th
univariate sampling are then a hash (splitmix64) of the seed and k. Sampling several
parameters at once therefore gives exactly the values of sampling them one by one, whatever
the order in which the objective finally asks for them, with no generator state to save or
rewind.
"""

from collections import OrderedDict
from typing import Hashable, List

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_MAX_OPEN_TRIALS = 256


def counter_uniforms(seed: int, first: int, count: int, block: int) -> np.ndarray:
    """Uniforms in ``[0, 1)`` for draws ``first .. first + count - 1`` of a trial, ``block``
    each: shape ``(count, block)``."""
    counters = np.arange(first * block, (first + count) * block, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + (counters + np.uint64(1)) * _GOLDEN
        z ^= z >> np.uint64(30)
        z *= _MIX1
        z ^= z >> np.uint64(27)
        z *= _MIX2
        z ^= z >> np.uint64(31)
    return ((z >> np.uint64(11)).astype(np.float64) * 2.0**-53).reshape(count, block)


class TrialStreams:
    """The seed and the number of draws made so far of each open trial."""

    def __init__(self) -> None:
        self._open: "OrderedDict[Hashable, List[int]]" = OrderedDict()

    def reserve(self, trial_key: Hashable, rng: np.random.RandomState, count: int) -> List[int]:
        """Reserve ``count`` draws for a trial; returns ``[seed, index of the first]``."""
        entry = self._open.get(trial_key)
        if entry is None:
            entry = self._open[trial_key] = [int(rng.randint(0, 2**62)), 0]
            if len(self._open) > _MAX_OPEN_TRIALS:
                self._open.popitem(last=False)
        first = entry[1]
        entry[1] += count
        return [entry[0], first]

    def clear(self) -> None:
        self._open.clear()
