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
