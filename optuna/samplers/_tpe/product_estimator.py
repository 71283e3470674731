"""Multivariate Parzen estimators: mixtures of product kernels over several parameters.

Numeric dimensions live on the unit interval (see :mod:`._space`) and use normals truncated
to it, with one Scott's-rule bandwidth per dimension (:func:`scott_bandwidths`); categorical
dimensions use the kernel of :func:`~.parzen_estimator.fit_categorical`.
"""

import math
from typing import NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from optuna.samplers._tpe._space import NumericScale
from optuna.samplers._tpe._truncnorm import (
    LOG_SQRT_2PI,
    interval_mass,
    log_unit_mass,
    logsumexp,
    sample_unit,
)
from optuna.samplers._tpe.parzen_estimator import ParzenConfig, min_bandwidth

_PRIOR_MU = 0.5
_PRIOR_SIGMA = 1.0
# Scott's rule never spreads kernels wider than 0.2 of the range (per dimension).
_MAX_SPREAD = 0.2
# Log of the mass the prior kernel N(0.5, 1) puts on [0, 1].
_PRIOR_LOG_MASS = math.log(math.erf(0.5 / math.sqrt(2.0)))


class Dimension(NamedTuple):
    """One parameter of a multivariate estimator: a numeric scale or a number of choices."""

    scale: Optional[NumericScale]
    n_choices: int = 0


class ProductLayout:
    """Where the numeric, continuous, discrete and categorical dimensions of a multivariate
    estimator are (computed once per group of parameters).

    Args:
        dims: The :class:`Dimension` of each parameter.
    """

    def __init__(self, dims: Sequence[Dimension]) -> None:
        self.dims = list(dims)
        self.numeric = [i for i, d in enumerate(dims) if d.scale is not None]
        self.continuous = [i for i in self.numeric if not self.scale(i).discrete]
        self.discrete = [i for i in self.numeric if self.scale(i).discrete]
        self.categorical = [i for i, d in enumerate(dims) if d.scale is None]
        column = {dim: c for c, dim in enumerate(self.numeric)}
        self.column = column
        self.continuous_columns = [column[dim] for dim in self.continuous]
        self.numeric_array = np.asarray(self.numeric, dtype=np.int64)
        # Kernels stay at least one bin wide on discrete dimensions (0 on continuous ones).
        self.min_sigma = np.array([self.scale(i).min_bin_width for i in self.numeric])
        # Whether the continuous dimensions are all dimensions (then no column selection is
        # needed, neither among the numeric columns nor among the dimensions).
        self.all_continuous = self.continuous == list(range(len(self.dims)))

    def scale(self, dim: int) -> NumericScale:
        """The scale of a numeric dimension."""
        scale = self.dims[dim].scale
        assert scale is not None
        return scale


def scott_bandwidths(
    mu: np.ndarray, n_components: int, n_dims: int, config: ParzenConfig
) -> np.ndarray:
    """Scott's rule for product kernels: ``spread * n ** (-1 / (d + 4))`` per dimension.

    The spread of a dimension is the standard deviation of the observations (on the unit
    interval), capped at 0.2; with fewer than two observations it is 0.2, i.e. the rule falls
    back to ``0.2 * n ** (-1 / (d + 4)) * range``. The magic clip bounds the result below.

    Args:
        mu: Observations of the numeric dimensions, shape ``(k, d_numeric)``.
        n_components: Number of kernels of the mixture (observations plus prior).
        n_dims: Number of dimensions of the mixture (numeric and categorical).
        config: Estimator options.
    """
    if len(mu) > 1:
        deviation = mu - np.add.reduce(mu, axis=0) / len(mu)
        spread = np.sqrt(np.add.reduce(deviation * deviation, axis=0) / len(mu))
        np.minimum(spread, _MAX_SPREAD, out=spread)
    else:
        spread = np.full(mu.shape[1], _MAX_SPREAD)
    sigma = spread * max(n_components, 1) ** (-1.0 / (n_dims + 4))
    low = min_bandwidth(n_components, config)
    return np.minimum(np.maximum(sigma, low, out=sigma), _PRIOR_SIGMA, out=sigma)


class MultivariateMixture:
    """A mixture of product kernels over several parameters (plus an optional prior).

    Numeric dimensions use truncated normals whose bandwidth follows Scott's rule (see
    :func:`scott_bandwidths`); categorical dimensions use the kernel of
    :func:`fit_categorical`.

    Args:
        observations: Shape ``(k, d)``: unit values for numeric dimensions, choice indices for
            categorical ones.
        obs_weights: Weight of each observation, shape ``(k,)``.
        layout: The dimensions (a :class:`ProductLayout`, or a sequence of
            :class:`Dimension`).
        config: Estimator options.
    """

    def __init__(
        self,
        observations: np.ndarray,
        obs_weights: np.ndarray,
        layout: Union[ProductLayout, Sequence[Dimension]],
        config: ParzenConfig,
    ) -> None:
        if not isinstance(layout, ProductLayout):
            layout = ProductLayout(layout)
        self.layout = layout
        self.dims = layout.dims
        self.config = config
        self.numeric = layout.numeric
        self.continuous = layout.continuous
        self.discrete = layout.discrete
        self.categorical = layout.categorical
        dims = self.dims
        k = len(observations)
        self.n_obs = k
        self.has_prior = config.consider_prior or k == 0
        n_components = k + int(self.has_prior)
        self.mu = observations[:, layout.numeric_array]
        self.sigma = scott_bandwidths(self.mu, n_components, len(dims), config)
        if self.discrete:
            np.maximum(self.sigma, layout.min_sigma, out=self.sigma)
        log_mass = log_unit_mass(self.mu, self.sigma)
        if self.categorical:
            self.choices = observations[:, self.categorical].astype(np.int64)
        else:
            self.choices = np.empty((k, 0), dtype=np.int64)
        weights = np.empty(k + int(self.has_prior))
        weights[:k] = obs_weights
        if self.has_prior:
            weights[k] = config.prior_weight if config.consider_prior else 1.0
        self.weights = weights / weights.sum()
        with np.errstate(divide="ignore"):
            log_weights = np.log(self.weights)
        self.log_prior_weight = log_weights[-1] if self.has_prior else -np.inf
        # Per-kernel log constants and the scaled centres of the continuous dimensions.
        columns = layout.continuous_columns
        if layout.all_continuous:
            continuous_sigma = self.sigma
            self.continuous_inv_sigma = 1.0 / continuous_sigma
            self.scaled_mu = self.mu * self.continuous_inv_sigma
        else:
            continuous_sigma = self.sigma[columns]
            self.continuous_inv_sigma = 1.0 / continuous_sigma
            self.scaled_mu = self.mu[:, columns] * self.continuous_inv_sigma
        self.scaled_mu_norm = np.add.reduce(self.scaled_mu * self.scaled_mu, axis=1)
        self.log_constants = log_weights[:k] - np.add.reduce(log_mass, axis=1)
        self.log_constants -= math.fsum(np.log(continuous_sigma)) + len(columns) * LOG_SQRT_2PI
        self.log_mass = log_mass

    def _column(self, dim: int) -> int:
        return self.layout.column[dim]

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
        if self.numeric:
            prior_rows = from_prior[:, None]
            mu = self.mu[row] if self.n_obs else np.empty((m, len(self.numeric)))
            mu = np.where(prior_rows, _PRIOR_MU, mu)
            sigma = np.where(prior_rows, _PRIOR_SIGMA, self.sigma[None, :])
            columns = self.layout.numeric_array
            x[:, columns] = sample_unit(mu, sigma, u[:, 1 + columns])
        for dim in self.discrete:
            scale = self._scale(dim)
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
        if self.continuous:
            terms = self._continuous_terms(x)
            prior = self.log_prior_weight + self._prior_continuous_terms(x)
        else:
            terms = np.broadcast_to(self.log_constants, (m, self.n_obs)).copy()
            prior = np.full(m, self.log_prior_weight)
        for dim in self.discrete:
            lower, upper = self._bin_edges(x[:, dim], dim)
            terms += self._discrete_terms(lower, upper, dim)
            prior += np.log(
                interval_mass(
                    (lower - _PRIOR_MU) / _PRIOR_SIGMA, (upper - _PRIOR_MU) / _PRIOR_SIGMA
                )
            )
            prior -= _PRIOR_LOG_MASS
        for column, dim in enumerate(self.categorical):
            hit, miss = self._choice_probabilities(dim)
            same = x[:, dim][:, None] == self.choices[None, :, column]
            terms += np.where(same, math.log(hit), math.log(miss))
            prior -= math.log(self.dims[dim].n_choices)
        if self.has_prior:
            terms = np.concatenate([terms, prior[:, None]], axis=1)
        return logsumexp(terms, axis=1)

    def _continuous_terms(self, x: np.ndarray) -> np.ndarray:
        """Log constants plus the continuous dimensions' exponents, shape ``(m, k)``."""
        continuous_x = x if self.layout.all_continuous else x[:, self.continuous]
        scaled_x = continuous_x * self.continuous_inv_sigma
        # |x - mu|^2 = |x|^2 - 2 x.mu + |mu|^2 in scaled coordinates, as one matrix product.
        squared = np.matmul(scaled_x, self.scaled_mu.T)
        squared *= -2.0
        squared += np.add.reduce(scaled_x * scaled_x, axis=1)[:, None]
        squared += self.scaled_mu_norm
        np.maximum(squared, 0.0, out=squared)
        squared *= -0.5
        squared += self.log_constants
        return squared

    def _prior_continuous_terms(self, x: np.ndarray) -> np.ndarray:
        continuous_x = x if self.layout.all_continuous else x[:, self.continuous]
        z = (continuous_x - _PRIOR_MU) / _PRIOR_SIGMA
        constant = len(self.continuous) * (math.log(_PRIOR_SIGMA) + LOG_SQRT_2PI + _PRIOR_LOG_MASS)
        return -0.5 * np.add.reduce(z * z, axis=1) - constant

    def _scale(self, dim: int) -> NumericScale:
        scale = self.dims[dim].scale
        assert scale is not None
        return scale

    def _bin_edges(self, unit: np.ndarray, dim: int) -> Tuple[np.ndarray, np.ndarray]:
        scale = self._scale(dim)
        return scale.bin_edges(scale.from_unit(unit))

    def _discrete_terms(self, lower: np.ndarray, upper: np.ndarray, dim: int) -> np.ndarray:
        column = self._column(dim)
        mu = self.mu[:, column][None, :]
        sigma = self.sigma[column]
        mass = interval_mass((lower[:, None] - mu) / sigma, (upper[:, None] - mu) / sigma)
        with np.errstate(divide="ignore"):
            return np.log(mass)
