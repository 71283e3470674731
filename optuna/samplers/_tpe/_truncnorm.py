"""Normal distributions truncated to the unit interval, vectorized with numpy.

Every numeric parameter is modelled on ``[0, 1]`` (see :mod:`._space`), so the kernels of the
Parzen estimators are normal distributions truncated to that interval. Kernel centres always
lie inside it, which keeps the formulas below free of catastrophic cancellation.
"""

import math
from typing import Any

import numpy as np


def ndtr(x: Any, out: Any = None) -> Any:
    """The standard normal CDF (scipy's ufunc, bound on first use)."""
    return _bind_scipy_ufuncs()[0](x, out=out)


def ndtri(p: Any) -> Any:
    """The standard normal quantile function (scipy's ufunc, bound on first use)."""
    return _bind_scipy_ufuncs()[1](p)


def _bind_scipy_ufuncs() -> Any:
    # scipy.special takes ~0.3 s to import; `import optuna` should not pay for it. After the
    # first call the module-level names point straight at the ufuncs.
    global ndtr, ndtri
    from scipy import special

    ndtr, ndtri = special.ndtr, special.ndtri
    return ndtr, ndtri


LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)

# Beyond this many standard deviations the normal tail (< 1e-18) is negligible in float64.
_NEGLIGIBLE_TAIL_Z = 9.0
# Up to this size, evaluating the CDF everywhere takes fewer numpy calls than finding the
# kernels near an end of the interval.
_SMALL = 1024


def unit_mass(mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Return the mass that ``N(mu, sigma)`` puts on ``[0, 1]`` (for ``0 <= mu <= 1``).

    Only kernels within a few standard deviations of an end of the interval lose mass, so the
    normal CDF is evaluated for those alone.
    """
    mu = np.asarray(mu, dtype=float)
    if mu.size <= _SMALL:
        return _full_unit_mass(mu, sigma)
    if np.size(sigma) < mu.size and np.min(sigma) * _NEGLIGIBLE_TAIL_Z >= 0.5:
        # Kernels this wide all lose mass (cheap test for per-dimension bandwidths).
        return _full_unit_mass(mu, sigma)
    distance = np.subtract(1.0, mu)
    np.minimum(mu, distance, out=distance)
    near = np.flatnonzero(np.less(distance, np.multiply(sigma, _NEGLIGIBLE_TAIL_Z)))
    if 2 * len(near) > mu.size:  # wide kernels: most lose mass, evaluate everywhere
        return _full_unit_mass(mu, sigma)
    if np.shape(sigma) != mu.shape:
        sigma = np.broadcast_to(sigma, mu.shape)
    mass = np.ones(mu.shape)
    if len(near):
        near_mu, near_sigma = mu.flat[near], sigma.flat[near]
        lost = ndtr(-near_mu / near_sigma) + ndtr((near_mu - 1.0) / near_sigma)
        mass.flat[near] = np.maximum(1.0 - lost, 1e-300)
    return mass


def _full_unit_mass(mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """``Phi((1 - mu) / sigma) - Phi(-mu / sigma)``, with few temporaries."""
    shape = np.shape(sigma)
    if mu.ndim == 0 or (shape != mu.shape and shape not in ((), (1,), mu.shape[-1:])):
        return ndtr((1.0 - mu) / sigma) - ndtr(-mu / sigma)  # sigma broadcasts mu
    high = np.subtract(1.0, mu)
    high /= sigma
    ndtr(high, out=high)
    low = np.negative(mu)
    low /= sigma
    ndtr(low, out=low)
    high -= low
    return high


def log_unit_mass(mu: np.ndarray, sigma: np.ndarray) -> np.ndarray:
    """Return the log of :func:`unit_mass`."""
    return np.log(unit_mass(mu, sigma))


def sample_unit(mu: np.ndarray, sigma: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Draw from ``N(mu, sigma)`` truncated to ``[0, 1]`` by inverting the CDF at ``u``."""
    cdf_low = ndtr(-mu / sigma)
    cdf_high = ndtr((1.0 - mu) / sigma)
    z = ndtri(cdf_low + u * (cdf_high - cdf_low))
    x = mu + sigma * z
    return np.minimum(np.maximum(x, 0.0, out=x), 1.0, out=x)


def interval_mass(lower_z: np.ndarray, upper_z: np.ndarray) -> np.ndarray:
    """Return ``Phi(upper_z) - Phi(lower_z)`` computed on the side of the smaller tail."""
    flip = lower_z > 0.0
    low = np.where(flip, -upper_z, lower_z)
    high = np.where(flip, -lower_z, upper_z)
    return ndtr(high) - ndtr(low)


def logsumexp(values: np.ndarray, axis: int) -> np.ndarray:
    """``log(sum(exp(values)))`` along ``axis``; rows of ``-inf`` give ``-inf``.

    The exponentials of the shifted values (all <= 0) are taken in float32, which is ample
    precision for a sum and several times faster.
    """
    peak = np.maximum.reduce(values, axis=axis, keepdims=True)
    peak[~np.isfinite(peak)] = 0.0
    # The difference is taken in float64 and rounded to float32 on output.
    shifted = np.subtract(values, peak, out=np.empty(values.shape, np.float32), casting="unsafe")
    np.exp(shifted, out=shifted)
    with np.errstate(divide="ignore"):
        total = np.log(np.add.reduce(shifted, axis=axis, dtype=np.float64))
    return total + np.squeeze(peak, axis=axis)
