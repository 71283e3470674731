"""Parzen estimators: the kernel mixtures TPE fits to its good and bad observations.

All numeric parameters live on the unit interval (see :mod:`._space`), where every kernel is a
normal distribution truncated to ``[0, 1]``. Three estimators are provided:

* :class:`NumericMixture`, univariate, for ``P`` parameters at once (one row per parameter),
  with hyperopt-style bandwidths taken from the distances between neighbouring observations;
* :func:`fit_categorical`, the probability vector of a categorical parameter;
* :class:`MultivariateMixture`, product kernels over several parameters with a Scott-like
  bandwidth.

Each estimator optionally includes a *prior* component: the normal centred on the interval
with the interval's width as standard deviation (uniform for categorical dimensions).
"""

import math
from typing import List, NamedTuple, Optional, Sequence, Tuple

import numpy as np

from optuna.samplers._tpe._space import NumericScale
from optuna.samplers._tpe._truncnorm import (
    LOG_SQRT_2PI,
    interval_mass,
    log_unit_mass,
    logsumexp,
    sample_unit,
    unit_mass,
)

_PRIOR_MU = 0.5
_PRIOR_SIGMA = 1.0
# Scott's rule never spreads kernels wider than 0.2 of the range (per dimension).
_MAX_SPREAD = 0.2
_MIN_SIGMA = 1e-12
# The float32 matrix evaluation of mixtures needs bandwidths that keep the expanded quadratic
# form well conditioned (|terms| <= 1 / sigma ** 2).
_FAST_MIN_SIGMA = 1e-3


class ParzenConfig(NamedTuple):
    """The estimator options of :class:`~optuna.samplers.TPESampler`."""

    consider_prior: bool
    prior_weight: float
    consider_magic_clip: bool
    consider_endpoints: bool


def min_bandwidth(n_components: int, config: ParzenConfig) -> float:
    """Return the smallest kernel width allowed (the "magic clip") on the unit interval."""
    if not config.consider_magic_clip:
        return _MIN_SIGMA
    return 1.0 / min(100.0, 1.0 + n_components)


def neighbour_bandwidths(mu_sorted: np.ndarray, config: ParzenConfig) -> np.ndarray:
    """Hyperopt's adaptive bandwidths: the larger distance to a neighbouring observation.

    Args:
        mu_sorted: Observations, shape ``(P, k)``, sorted along each row.
        config: The prior mean counts as a neighbour with ``consider_prior``; the interval
            ends do with ``consider_endpoints``.

    Returns:
        The standard deviation of each observation's kernel, shape ``(P, k)``.
    """
    n_rows, k = mu_sorted.shape
    n_components = k + int(config.consider_prior)
    if k == 0:
        return np.empty((n_rows, 0))
    if k == 1 and not (config.consider_prior or config.consider_endpoints):
        return np.full((n_rows, 1), _PRIOR_SIGMA)
    # gaps[:, i] is the distance between observations i - 1 and i, where observation -1 and k
    # are the interval ends, or the outermost observations themselves (a gap of 0 never wins
    # the max below) when the ends do not count.
    padded = np.empty((n_rows, k + 2))
    padded[:, 1:-1] = mu_sorted
    padded[:, 0] = 0.0 if config.consider_endpoints else mu_sorted[:, 0]
    padded[:, -1] = 1.0 if config.consider_endpoints else mu_sorted[:, -1]
    gaps = np.diff(padded, axis=1)
    sigma = np.maximum(gaps[:, :-1], gaps[:, 1:])
    if config.consider_prior:
        _insert_prior_neighbour(mu_sorted, gaps, sigma, config.consider_endpoints)
    return np.clip(sigma, min_bandwidth(n_components, config), _PRIOR_SIGMA, out=sigma)


def _insert_prior_neighbour(
    mu_sorted: np.ndarray, gaps: np.ndarray, sigma: np.ndarray, endpoints: bool
) -> None:
    """Recompute the bandwidths of the two observations around the prior mean, for which the
    prior mean is the nearer neighbour on one side (observations equal to it count as above
    it)."""
    n_rows, k = mu_sorted.shape
    rows = np.arange(n_rows)
    last_below = np.count_nonzero(mu_sorted < _PRIOR_MU, axis=1) - 1
    r, i = rows[last_below >= 0], last_below[last_below >= 0]
    if len(r):
        right = gaps[r, i + 1]
        if not endpoints:
            right = np.where(i + 1 < k, right, np.inf)
        sigma[r, i] = np.maximum(gaps[r, i], np.minimum(right, _PRIOR_MU - mu_sorted[r, i]))
    first_above = last_below + 1
    r, j = rows[first_above < k], first_above[first_above < k]
    if len(r):
        left = gaps[r, j]
        if not endpoints:
            left = np.where(j > 0, left, np.inf)
        sigma[r, j] = np.maximum(gaps[r, j + 1], np.minimum(left, mu_sorted[r, j] - _PRIOR_MU))


class NumericMixture:
    """Mixtures of normals truncated to ``[0, 1]``, one mixture per row.

    Args:
        mu: Kernel centres, shape ``(P, K)``.
        sigma: Kernel standard deviations, shape ``(P, K)``.
        weights: Non-negative kernel weights, shape ``(P, K)`` (normalized here).
        has_prior: Whether a prior kernel is among the components (the density is then
            bounded away from zero on the whole interval).
    """

    __slots__ = ("mu", "sigma", "weights", "mass", "has_prior")

    def __init__(
        self, mu: np.ndarray, sigma: np.ndarray, weights: np.ndarray, has_prior: bool
    ) -> None:
        self.mu = mu
        self.sigma = sigma
        self.weights = weights / weights.sum(axis=1, keepdims=True)
        self.mass = unit_mass(mu, sigma)
        self.has_prior = has_prior

    @classmethod
    def fit(
        cls, mu_sorted: np.ndarray, obs_weights: np.ndarray, config: ParzenConfig
    ) -> "NumericMixture":
        """Fit one mixture per row of sorted observations ``mu_sorted`` (shape ``(P, k)``)."""
        n_rows, k = mu_sorted.shape
        sigma = neighbour_bandwidths(mu_sorted, config)
        if not config.consider_prior and k > 0:
            return cls(mu_sorted, sigma, np.asarray(obs_weights, dtype=float), False)
        prior_weight = config.prior_weight if config.consider_prior else 1.0
        mu = np.concatenate([mu_sorted, np.full((n_rows, 1), _PRIOR_MU)], axis=1)
        sigma = np.concatenate([sigma, np.full((n_rows, 1), _PRIOR_SIGMA)], axis=1)
        weights = np.concatenate([obs_weights, np.full((n_rows, 1), prior_weight)], axis=1)
        return cls(mu, sigma, weights, True)

    def sample(self, u_component: np.ndarray, u_value: np.ndarray) -> np.ndarray:
        """Draw ``(P, m)`` points given uniforms choosing the kernel and the point."""
        cumulative = np.cumsum(self.weights, axis=1)
        cumulative /= cumulative[:, -1:]
        index = np.sum(u_component[:, :, None] >= cumulative[:, None, :-1], axis=2)
        mu = np.take_along_axis(self.mu, index, axis=1)
        sigma = np.take_along_axis(self.sigma, index, axis=1)
        return sample_unit(mu, sigma, u_value)

    def log_pdf(self, x: np.ndarray) -> np.ndarray:
        """Log density at the points ``x`` of shape ``(P, m)``."""
        if self.has_prior and self.sigma.min() >= _FAST_MIN_SIGMA:
            return self._log_pdf_by_matmul(x)
        with np.errstate(divide="ignore"):
            log_coefficients = np.log(self.weights / (self.sigma * self.mass)) - LOG_SQRT_2PI
        z = (x[:, :, None] - self.mu[:, None, :]) / self.sigma[:, None, :]
        return logsumexp(log_coefficients[:, None, :] - 0.5 * z * z, axis=2)

    def _log_pdf_by_matmul(self, x: np.ndarray) -> np.ndarray:
        # -(x - mu)^2 / (2 sigma^2) is a quadratic in x: c + b x + a x^2, so the exponents of
        # all kernels at all points come from one (m, 3) @ (3, K) product per row, and the
        # weighted sum of their exp() from one (m, K) @ (K,) product. Both run in float32
        # (centring on 0.5 keeps the terms small), which is ample for comparing densities and
        # several times faster than float64.
        neg_half_precision = -0.5 / (self.sigma * self.sigma)
        centred_mu = self.mu - _PRIOR_MU
        quadratic = np.empty((len(x), 3, self.mu.shape[1]), dtype=np.float32)
        quadratic[:, 0] = neg_half_precision * centred_mu * centred_mu
        quadratic[:, 1] = -2.0 * neg_half_precision * centred_mu
        quadratic[:, 2] = neg_half_precision
        centred_x = x - _PRIOR_MU
        powers = np.empty(x.shape + (3,), dtype=np.float32)
        powers[:, :, 0] = 1.0
        powers[:, :, 1] = centred_x
        powers[:, :, 2] = centred_x * centred_x
        kernels = np.matmul(powers, quadratic)
        np.exp(kernels, out=kernels)
        coefficients = (self.weights / (self.sigma * self.mass)).astype(np.float32)
        density = np.matmul(kernels, coefficients[:, :, None])[:, :, 0]
        return np.log(density.astype(np.float64)) - LOG_SQRT_2PI

    def log_bin_mass(self, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
        """Log probability of the intervals ``[lower, upper]`` (each of shape ``(P, m)``)."""
        sigma = self.sigma[:, None, :]
        lower_z = (lower[:, :, None] - self.mu[:, None, :]) / sigma
        upper_z = (upper[:, :, None] - self.mu[:, None, :]) / sigma
        mass = interval_mass(lower_z, upper_z)
        coefficients = self.weights / self.mass
        total = np.sum(mass * coefficients[:, None, :], axis=2)
        with np.errstate(divide="ignore"):
            return np.log(total)


def fit_categorical(
    indices: np.ndarray, obs_weights: np.ndarray, n_choices: int, config: ParzenConfig
) -> np.ndarray:
    """Return the probability vector of a categorical Parzen estimator.

    Each observation's kernel is its one-hot vector plus ``prior_weight / n_choices`` on every
    choice, normalized; the prior component (``consider_prior``) is uniform.
    """
    alpha = config.prior_weight
    total_weight = float(np.sum(obs_weights))
    pmf = np.bincount(indices, weights=obs_weights, minlength=n_choices)[:n_choices]
    pmf = (pmf + total_weight * alpha / n_choices) / (1.0 + alpha)
    if config.consider_prior or len(indices) == 0:
        prior_weight = config.prior_weight if config.consider_prior else 1.0
        pmf = pmf + prior_weight / n_choices
    return pmf / pmf.sum()


def sample_categorical(pmf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Draw choice indices from ``pmf`` by inverting its CDF at the uniforms ``u``."""
    cumulative = np.cumsum(pmf)
    cumulative /= cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, u, side="right"), len(pmf) - 1)


class Dimension(NamedTuple):
    """One parameter of a multivariate estimator: a numeric scale or a number of choices."""

    scale: Optional[NumericScale]
    n_choices: int = 0


def scott_bandwidths(
    mu: np.ndarray, n_components: int, n_dims: int, config: ParzenConfig
) -> np.ndarray:
    """Scott's rule for product kernels: ``spread * n ** (-1 / (d + 4))`` per dimension.

    The spread of each dimension is the robust ``min(std, IQR / 1.349)`` of the observations
    (on the unit interval), capped at 0.2; with fewer than two observations it is 0.2, i.e.
    the bandwidth falls back to ``0.2 * n ** (-1 / (d + 4)) * range``. The magic clip bounds
    the result below.

    Args:
        mu: Observations of the numeric dimensions, shape ``(k, d_numeric)``.
        n_components: Number of kernels of the mixture (observations plus prior).
        n_dims: Number of dimensions of the mixture (numeric and categorical).
        config: Estimator options.
    """
    n_numeric = mu.shape[1]
    spread = np.full(n_numeric, _MAX_SPREAD)
    if len(mu) > 1:
        q75, q25 = np.percentile(mu, [75.0, 25.0], axis=0)
        spread = np.minimum(spread, np.minimum(mu.std(axis=0), (q75 - q25) / 1.349))
    sigma = spread * n_components ** (-1.0 / (n_dims + 4))
    return np.clip(sigma, min_bandwidth(n_components, config), _PRIOR_SIGMA)


class MultivariateMixture:
    """A mixture of product kernels over several parameters (plus an optional prior).

    Numeric dimensions use truncated normals whose bandwidth follows Scott's rule (see
    :func:`scott_bandwidths`); categorical dimensions use the kernel of
    :func:`fit_categorical`.

    Args:
        observations: Shape ``(k, d)``: unit values for numeric dimensions, choice indices for
            categorical ones.
        obs_weights: Weight of each observation, shape ``(k,)``.
        dims: The :class:`Dimension` of each column.
        config: Estimator options.
    """

    def __init__(
        self,
        observations: np.ndarray,
        obs_weights: np.ndarray,
        dims: Sequence[Dimension],
        config: ParzenConfig,
    ) -> None:
        self.dims = list(dims)
        self.config = config
        self.numeric = [i for i, d in enumerate(dims) if d.scale is not None]
        self.continuous = [i for i in self.numeric if not dims[i].scale.discrete]
        self.discrete = [i for i in self.numeric if dims[i].scale.discrete]
        self.categorical = [i for i, d in enumerate(dims) if d.scale is None]
        k = len(observations)
        self.n_obs = k
        self.has_prior = config.consider_prior or k == 0
        n_components = k + int(self.has_prior)
        self.mu = observations[:, self.numeric].astype(float)
        self.sigma = scott_bandwidths(self.mu, n_components, len(dims), config)
        self.log_mass = log_unit_mass(self.mu, np.broadcast_to(self.sigma, self.mu.shape))
        self.choices = observations[:, self.categorical].astype(np.int64)
        prior_weight = config.prior_weight if config.consider_prior else 1.0
        weights = np.append(np.asarray(obs_weights, dtype=float), prior_weight)
        if not self.has_prior:
            weights = weights[:-1]
        self.weights = weights / weights.sum()

    def _column(self, dim: int) -> int:
        return self.numeric.index(dim)

    def sample(self, u: np.ndarray) -> np.ndarray:
        """Draw ``m`` points (shape ``(m, d)``) from uniforms of shape ``(m, 1 + d)``."""
        m = len(u)
        cumulative = np.cumsum(self.weights)
        cumulative /= cumulative[-1]
        component = np.minimum(
            np.searchsorted(cumulative, u[:, 0], side="right"), len(self.weights) - 1
        )
        from_prior = component >= self.n_obs
        row = np.minimum(component, max(self.n_obs - 1, 0))
        x = np.empty((m, len(self.dims)))
        for column, dim in enumerate(self.numeric):
            if self.n_obs:
                mu = np.where(from_prior, _PRIOR_MU, self.mu[row, column])
            else:
                mu = np.full(m, _PRIOR_MU)
            sigma = np.where(from_prior, _PRIOR_SIGMA, self.sigma[column])
            x[:, dim] = sample_unit(mu, sigma, u[:, 1 + dim])
            scale = self.dims[dim].scale
            if scale.discrete:
                x[:, dim] = scale.to_unit(scale.from_unit(x[:, dim]))
        for column, dim in enumerate(self.categorical):
            x[:, dim] = self._sample_choices(column, dim, row, from_prior, u[:, 1 + dim])
        return x

    def _choice_probabilities(self, dim: int) -> Tuple[float, float]:
        n_choices = self.dims[dim].n_choices
        alpha = self.config.prior_weight
        return (1.0 + alpha / n_choices) / (1.0 + alpha), (alpha / n_choices) / (1.0 + alpha)

    def _sample_choices(
        self, column: int, dim: int, row: np.ndarray, from_prior: np.ndarray, u: np.ndarray
    ) -> np.ndarray:
        n_choices = self.dims[dim].n_choices
        hit, miss = self._choice_probabilities(dim)
        pmf = np.full((len(u), n_choices), miss)
        if self.n_obs:
            pmf[np.arange(len(u)), self.choices[row, column]] = hit
        pmf[from_prior] = 1.0 / n_choices
        cumulative = np.cumsum(pmf, axis=1)
        cumulative /= cumulative[:, -1:]
        return np.sum(u[:, None] >= cumulative[:, :-1], axis=1)

    def log_pdf(self, x: np.ndarray) -> np.ndarray:
        """Log density (probability for discrete dimensions) at the points ``x`` (``(m, d)``)."""
        m = len(x)
        with np.errstate(divide="ignore"):
            log_weights = np.log(self.weights)
        terms = np.zeros((m, self.n_obs)) + log_weights[: self.n_obs]
        prior = np.full(m, log_weights[-1] if self.has_prior else -np.inf)
        if self.continuous:
            terms += self._continuous_terms(x)
            prior += self._prior_continuous_terms(x)
        for dim in self.discrete:
            lower, upper = self._bin_edges(x[:, dim], dim)
            terms += self._discrete_terms(lower, upper, dim)
            prior += np.log(interval_mass((lower - _PRIOR_MU) / _PRIOR_SIGMA,
                                          (upper - _PRIOR_MU) / _PRIOR_SIGMA))
            prior -= float(log_unit_mass(np.array(_PRIOR_MU), np.array(_PRIOR_SIGMA)))
        for column, dim in enumerate(self.categorical):
            hit, miss = self._choice_probabilities(dim)
            same = x[:, dim][:, None] == self.choices[None, :, column]
            terms += np.where(same, math.log(hit), math.log(miss))
            prior -= math.log(self.dims[dim].n_choices)
        if self.has_prior:
            terms = np.concatenate([terms, prior[:, None]], axis=1)
        return logsumexp(terms, axis=1)

    def _continuous_terms(self, x: np.ndarray) -> np.ndarray:
        columns = [self._column(dim) for dim in self.continuous]
        sigma = self.sigma[columns]
        scaled_x = x[:, self.continuous] / sigma
        scaled_mu = self.mu[:, columns] / sigma
        squared = (
            np.sum(scaled_x * scaled_x, axis=1)[:, None]
            - 2.0 * scaled_x @ scaled_mu.T
            + np.sum(scaled_mu * scaled_mu, axis=1)[None, :]
        )
        constant = float(np.sum(np.log(sigma))) + len(columns) * LOG_SQRT_2PI
        return -0.5 * np.maximum(squared, 0.0) - constant - self.log_mass[:, columns].sum(axis=1)

    def _prior_continuous_terms(self, x: np.ndarray) -> np.ndarray:
        z = (x[:, self.continuous] - _PRIOR_MU) / _PRIOR_SIGMA
        log_mass = float(log_unit_mass(np.array(_PRIOR_MU), np.array(_PRIOR_SIGMA)))
        constant = len(self.continuous) * (math.log(_PRIOR_SIGMA) + LOG_SQRT_2PI + log_mass)
        return -0.5 * np.sum(z * z, axis=1) - constant

    def _bin_edges(self, unit: np.ndarray, dim: int) -> Tuple[np.ndarray, np.ndarray]:
        scale = self.dims[dim].scale
        return scale.bin_edges(scale.from_unit(unit))

    def _discrete_terms(self, lower: np.ndarray, upper: np.ndarray, dim: int) -> np.ndarray:
        column = self._column(dim)
        mu = self.mu[:, column][None, :]
        sigma = self.sigma[column]
        mass = interval_mass((lower[:, None] - mu) / sigma, (upper[:, None] - mu) / sigma)
        with np.errstate(divide="ignore"):
            return np.log(mass) - self.log_mass[:, column][None, :]
