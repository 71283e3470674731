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

# 0-d arrays rather than numpy scalars: ufuncs take them several times faster.
_MIX1 = np.array(0xBF58476D1CE4E5B9, dtype=np.uint64)
_MIX2 = np.array(0x94D049BB133111EB, dtype=np.uint64)
_SHIFTS = [np.array(k, dtype=np.uint64) for k in (30, 27, 31, 11)]
_MAX_OPEN_TRIALS = 256
# (counter + 1) * golden ratio (mod 2**64) for the first counters, extended on demand.
_steps = np.arange(1, 4097, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def counter_uniforms(seed: int, first: int, count: int, block: int) -> np.ndarray:
    """Uniforms in ``[0, 1)`` for draws ``first .. first + count - 1`` of a trial, ``block``
    each: shape ``(count, block)``."""
    z = np.add(_golden_steps(first * block, (first + count) * block), np.uint64(seed))
    shifted = np.empty_like(z)
    for shift, multiplier in zip(_SHIFTS, (_MIX1, _MIX2, None)):
        z ^= np.right_shift(z, shift, out=shifted)
        if multiplier is not None:
            z *= multiplier
    z >>= _SHIFTS[3]
    return np.multiply(z.astype(np.float64), 2.0**-53).reshape(count, block)


def _golden_steps(start: int, stop: int) -> np.ndarray:
    global _steps
    if stop > len(_steps):
        size = max(stop, 2 * len(_steps))
        _steps = np.arange(1, size + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    return _steps[start:stop]


class TrialStreams:
    """The seed and the number of draws made so far of each open trial."""

    def __init__(self) -> None:
        self._open: "OrderedDict[Hashable, List[int]]" = OrderedDict()

    def reserve(self, trial_key: Hashable, rng: np.random.RandomState, count: int) -> List[int]:
        """Reserve ``count`` draws for a trial; returns its entry ``[seed, number of draws
        made]`` (updated), whose second item a caller may advance to count further draws."""
        entry = self._open.get(trial_key)
        if entry is None:
            entry = self._open[trial_key] = [int(rng.randint(0, 2**62)), 0]
            if len(self._open) > _MAX_OPEN_TRIALS:
                self._open.popitem(last=False)
        entry[1] += count
        return entry

    def clear(self) -> None:
        self._open.clear()
