"""Maps between numeric distributions and the unit interval the Parzen estimators work on.

A float parameter ``[low, high]`` is mapped affinely (after a log for ``log=True``) onto
``[0, 1]``. A discrete parameter (an int, or a float with ``step``) is treated as continuous on
``[low - step / 2, high + step / 2]``: each grid value owns the bin of width ``step`` around
it, whose probability is a difference of CDFs. For log-scaled ints the bins are
``[v - 0.5, v + 0.5]`` in the original scale, taken to log scale.
"""

import math
from typing import Tuple, Union

import numpy as np

from optuna.distributions import FloatDistribution, IntDistribution

NumericDistribution = Union[FloatDistribution, IntDistribution]


class NumericScale:
    """The unit-interval view of one numeric distribution.

    Args:
        distribution: A :class:`FloatDistribution` or :class:`IntDistribution`.
    """

    __slots__ = (
        "low",
        "high",
        "log",
        "step",
        "is_int",
        "discrete",
        "origin",
        "width",
        "min_bin_width",
    )

    def __init__(self, distribution: NumericDistribution) -> None:
        self.low = float(distribution.low)
        self.high = float(distribution.high)
        self.log = bool(distribution.log)
        self.is_int = isinstance(distribution, IntDistribution)
        step = distribution.step
        self.discrete = step is not None
        self.step = 0.0 if step is None else float(step)
        if self.log and self.is_int:
            start, end = math.log(self.low - 0.5), math.log(self.high + 0.5)
        elif self.log:
            start, end = math.log(self.low), math.log(self.high)
        elif self.discrete:
            start, end = self.low - 0.5 * self.step, self.high + 0.5 * self.step
        else:
            start, end = self.low, self.high
        self.origin = start
        self.width = end - start
        # Unit width of the narrowest bin (0 for continuous parameters).
        if self.log and self.is_int:
            self.min_bin_width = math.log((self.high + 0.5) / (self.high - 0.5)) / self.width
        else:
            self.min_bin_width = self.step / self.width if self.width > 0 else 0.0

    def to_unit(self, values: np.ndarray) -> np.ndarray:
        """Map internal values onto ``[0, 1]`` (values outside the range land outside)."""
        values = np.asarray(values, dtype=float)
        if self.log:
            with np.errstate(divide="ignore", invalid="ignore"):
                values = np.log(values)
        return (values - self.origin) / self.width

    def from_unit(self, unit: np.ndarray) -> np.ndarray:
        """Map unit values back to valid internal values (on the grid, inside the range)."""
        values = self.origin + np.asarray(unit, dtype=float) * self.width
        if self.log:
            values = np.exp(values)
        if self.discrete and self.log:
            values = np.round(values)
        elif self.discrete:
            n_steps = round((self.high - self.low) / self.step)
            k = np.clip(np.round((values - self.low) / self.step), 0, n_steps)
            values = self.low + k * self.step
        return np.clip(values, self.low, self.high)

    def value_from_unit(self, unit: float) -> float:
        """Scalar version of :meth:`from_unit` (pure Python, for single values)."""
        value = self.origin + unit * self.width
        if self.log:
            value = math.exp(value)
        if self.discrete and self.log:
            value = float(round(value))
        elif self.discrete:
            n_steps = round((self.high - self.low) / self.step)
            value = (
                self.low + min(max(round((value - self.low) / self.step), 0), n_steps) * self.step
            )
        return min(max(value, self.low), self.high)

    def scalar_to_unit(self, value: float) -> float:
        """Scalar version of :meth:`to_unit`."""
        if self.log:
            value = math.log(value) if value > 0 else -math.inf
        return (value - self.origin) / self.width

    def bin_edges(self, values: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
        """Return the unit-interval edges of the bins of the grid ``values``."""
        half = 0.5 if self.log else 0.5 * self.step
        return self.to_unit(values - half), self.to_unit(values + half)

    def to_external(self, value: float) -> Union[int, float]:
        """Return the user-facing value (``int`` for int distributions)."""
        return int(round(value)) if self.is_int else float(value)
