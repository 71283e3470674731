"""Normal distributions truncated to the unit interval, vectorized with numpy.

Every numeric parameter is modelled on ``[0, 1]`` (see :mod:`._space`), so the kernels of the
Parzen estimators are normal distributions truncated to that interval. Kernel centres always
lie inside it, which keeps the formulas below free of catastrophic cancellation.
"""

import math

import numpy as np
from scipy.special import ndtr, ndtri

LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)

# Beyond this many standard deviations the normal tail (< 1e-18) is negligible in float64.
_NEGLIGIBLE_TAIL_Z = 9.0


def log_unit_mass(mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Return the log of the mass that ``N(mu, sigma)`` puts on ``[0, 1]`` (``0 <= mu <= 1``).

    Only kernels within a few standard deviations of an end of the interval lose mass, so the
    normal CDF is evaluated for those alone.
    """
    lower_z = -mu / sigma
    upper_z = (1.0 - mu) / sigma
    lost = np.zeros(np.shape(mu))
    near_low = lower_z > -_NEGLIGIBLE_TAIL_Z
    if near_low.any():
        lost[near_low] = ndtr(lower_z[near_low])
    near_high = upper_z < _NEGLIGIBLE_TAIL_Z
    if near_high.any():
        lost[near_high] += ndtr(-upper_z[near_high])
    return np.log1p(-np.minimum(lost, 1.0 - 1e-300))


def sample_unit(mu: np.ndarray, sigma: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Draw from ``N(mu, sigma)`` truncated to ``[0, 1]`` by inverting the CDF at ``u``."""
    cdf_low = ndtr(-mu / sigma)
    cdf_high = ndtr((1.0 - mu) / sigma)
    z = ndtri(cdf_low + u * (cdf_high - cdf_low))
    return np.clip(mu + sigma * z, 0.0, 1.0)


def interval_mass(lower_z: np.ndarray, upper_z: np.ndarray) -> np.ndarray:
    """Return ``Phi(upper_z) - Phi(lower_z)`` computed on the side of the smaller tail."""
    flip = lower_z > 0.0
    low = np.where(flip, -upper_z, lower_z)
    high = np.where(flip, -lower_z, upper_z)
    return ndtr(high) - ndtr(low)


def logsumexp(values: np.ndarray, axis: int) -> np.ndarray:
    """``log(sum(exp(values)))`` along ``axis``; rows of ``-inf`` give ``-inf``."""
    peak = np.max(values, axis=axis, keepdims=True)
    peak = np.where(np.isfinite(peak), peak, 0.0)
    with np.errstate(divide="ignore"):
        total = np.log(np.sum(np.exp(values - peak), axis=axis))
    return total + np.squeeze(peak, axis=axis)
