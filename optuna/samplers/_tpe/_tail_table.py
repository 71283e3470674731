"""Masses of normals truncated to the unit interval, interpolated from a table.

A multivariate estimator needs the mass ``Phi((1 - mu) / sigma) - Phi(-mu / sigma)`` of every
kernel in every dimension, i.e. thousands of normal tail probabilities per trial. scipy's
``ndtr`` costs 10-30 ns per value; a piecewise-cubic (Hermite) interpolation of the upper tail
``Q(t) = Phi(-t)`` on a grid of step 1/64 takes a few numpy passes and is accurate to about
``2e-10`` (absolute), far below what changes the ratio of two densities.
"""

from typing import Optional

import numpy as np

from optuna.samplers._tpe._truncnorm import ndtr
from optuna.samplers._tpe._workspace import scratch

_STEPS_PER_UNIT = 64
# Q(9) < 2e-19: beyond this the tail is zero in float64 arithmetic against masses >= 0.34.
_T_MAX = 9.0
_N_INTERVALS = int(_T_MAX * _STEPS_PER_UNIT)

_table: Optional[np.ndarray] = None
# Below this many kernels, selecting those near the ends costs more than it saves.
_MIN_SIZE_TO_SELECT = 2048


def _build_table() -> np.ndarray:
    """Cubic coefficients ``(c0, c1, c2, c3)`` of ``Q`` on each interval, in the local
    coordinate ``s`` in ``[0, 1)``; the last row holds the constant ``Q(t_max)``."""
    h = 1.0 / _STEPS_PER_UNIT
    t = np.arange(_N_INTERVALS + 1) * h
    q = ndtr(-t)
    dq = -h * np.exp(-0.5 * t * t) / np.sqrt(2.0 * np.pi)  # h * Q'(t)
    table = np.zeros((_N_INTERVALS + 1, 4))
    table[:, 0] = q
    table[:-1, 1] = dq[:-1]
    table[:-1, 2] = 3.0 * (q[1:] - q[:-1]) - 2.0 * dq[:-1] - dq[1:]
    table[:-1, 3] = 2.0 * (q[:-1] - q[1:]) + dq[:-1] + dq[1:]
    return table


def _table_columns() -> np.ndarray:
    """The table transposed, shape ``(4, n_intervals + 1)``, contiguous (built on first use)."""
    global _table
    if _table is None:
        _table = np.ascontiguousarray(_build_table().T)
    return _table


def unit_masses(
    mu: np.ndarray, sigma: np.ndarray, inv_sigma: Optional[np.ndarray] = None
) -> np.ndarray:
    """Return the mass that ``N(mu, sigma)`` puts on ``[0, 1]``, elementwise.

    Args:
        mu: Kernel centres, all in ``[0, 1]``.
        sigma: Positive widths of the same shape as ``mu``.
        inv_sigma: ``1 / sigma``, if the caller has it already.
    """
    # Grid positions of both tails: mu / sigma (lower end) and (1 - mu) / sigma (upper end).
    if inv_sigma is None:
        scaled = np.divide(float(_STEPS_PER_UNIT), sigma)
    else:
        # Scaling by a power of two is exact, so this equals the division.
        scaled = np.multiply(inv_sigma, float(_STEPS_PER_UNIT))
    position = np.empty((2,) + mu.shape)
    np.multiply(mu, scaled, out=position[0])
    np.subtract(scaled, position[0], out=position[1])
    position = position.reshape(2, -1)
    if mu.size < _MIN_SIZE_TO_SELECT:
        return _masses_at(position).reshape(mu.shape)
    # A kernel whose two tails both lie beyond the table has mass 1 - 2 Q(t_max), which is
    # exactly 1.0 in float64. Late in a study most kernels are narrow and away from the ends,
    # so only the others go through the interpolation.
    near = np.flatnonzero(np.minimum(position[0], position[1]) < _N_INTERVALS)
    if 2 * len(near) > mu.size:
        return _masses_at(position).reshape(mu.shape)
    mass = np.ones(mu.size)
    if len(near):
        mass[near] = _masses_at(position[:, near])
    return mass.reshape(mu.shape)


def _masses_at(position: np.ndarray) -> np.ndarray:
    """``1 - Q(position[0]) - Q(position[1])``, positions in grid steps (``(2, r)``, >= 0,
    contiguous; overwritten)."""
    # Positions are >= 0, so truncation is the floor. Beyond the table, "clip" picks its last
    # column, a constant (whatever s is); it also keeps numpy from buffering `out`.
    flat = position.ravel()
    index = flat.astype(np.intp)
    s = np.subtract(flat, index, out=flat)
    # One gather from the transposed table (np.take beats fancy indexing), so that Horner's
    # scheme runs on contiguous rows, into a reused buffer (see _workspace).
    c = scratch("tail_columns", (4, len(index)), np.float64)
    np.take(_table_columns(), index, axis=1, out=c, mode="clip")
    tail = c[3]
    tail *= s
    tail += c[2]
    tail *= s
    tail += c[1]
    tail *= s
    tail += c[0]
    tail = tail.reshape(position.shape)
    mass = np.subtract(1.0, tail[0])
    mass -= tail[1]
    return mass
