"""Multivariate Parzen estimators: mixtures of product kernels over several parameters.

Numeric dimensions live on the unit interval (see :mod:`._space`) and use normals truncated
to it, with one Scott's-rule bandwidth per dimension (:func:`scott_bandwidths`); categorical
dimensions use the kernels of :func:`~.parzen_estimator.choice_smoothing`.
"""

import math
from typing import List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from optuna.samplers._tpe._space import NumericScale
from optuna.samplers._tpe._tail_table import unit_masses
from optuna.samplers._tpe._truncnorm import LOG_SQRT_2PI, interval_mass, sample_unit
from optuna.samplers._tpe.parzen_estimator import ParzenConfig, choice_smoothing, min_bandwidth

_PRIOR_MU = 0.5
_PRIOR_SIGMA = 1.0
# Scott's rule never spreads kernels wider than 0.2 of the range (per dimension).
_MAX_SPREAD = 0.2
# The magic clip bounds the spread of Scott's rule, scaled by this: on unimodal problems the
# clip sets the kernel widths of the below group, and a smaller one exploits better (0.85
# keeps the share of multimodal runs that find the global basin; both chosen on benchmarks).
_CLIP_SCALE = 0.85


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
    mu: np.ndarray, n_components: int, n_dims: int, config: ParzenConfig, scale: float = 1.0
) -> np.ndarray:
    """Scott's rule for product kernels: ``spread * n ** (-1 / (d + 4))`` per dimension.

    The spread of a dimension is the standard deviation of the observations (on the unit
    interval), capped at 0.2; with fewer than two observations it is 0.2. The magic clip
    (scaled by 0.85) bounds the spread below, so that, like the rest of the rule, the smallest
    bandwidth shrinks by ``n ** (-1 / (d + 4))``.

    Args:
        mu: Observations of the numeric dimensions, shape ``(k, d_numeric)``.
        n_components: Number of kernels of the mixture (observations plus prior).
        n_dims: Number of dimensions of the mixture (numeric and categorical).
        config: Estimator options.
        scale: Factor applied to the bandwidths.
    """
    if len(mu) > 1:
        deviation = mu - np.add.reduce(mu, axis=0) / len(mu)
        spread = np.sqrt(np.add.reduce(deviation * deviation, axis=0) / len(mu))
        np.minimum(spread, _MAX_SPREAD, out=spread)
    else:
        spread = np.full(mu.shape[1], _MAX_SPREAD)
    np.maximum(spread, _CLIP_SCALE * min_bandwidth(n_components, config), out=spread)
    factor = max(n_components, 1) ** (-1.0 / (n_dims + 4))
    sigma = np.multiply(spread, scale * factor, out=spread)
    return np.minimum(sigma, _PRIOR_SIGMA, out=sigma)


class ProductMixtures:
    """Mixtures of product kernels over the same parameters, one per group of observations.

    Each group's observations give one mixture (plus an optional prior kernel). Numeric
    dimensions use normals truncated to the unit interval whose bandwidths follow Scott's
    rule within the group (see :func:`scott_bandwidths`); categorical dimensions use the
    kernels of :func:`~.parzen_estimator.choice_smoothing`, whose smoothing depends on the
    group's total weight.

    The kernels of all groups are stacked, so that their log densities at a set of points take
    one matrix product: with one bandwidth per dimension, the exponent of a kernel is
    ``-sum_d (x_d - mu_d) ** 2 / (2 sigma_d ** 2)``, a linear function of ``(x_d ** 2, x_d)``.

    Args:
        groups: For each mixture, its observations of shape ``(k, d)`` (unit values for
            numeric dimensions, choice indices for categorical ones) and their weights of
            shape ``(k,)``.
        layout: The dimensions (a :class:`ProductLayout`, or a sequence of
            :class:`Dimension`).
        config: Estimator options.
        bandwidth_scales: A factor on the Scott's-rule bandwidths of each group (default 1).
    """

    def __init__(
        self,
        groups: Sequence[Tuple[np.ndarray, np.ndarray]],
        layout: Union[ProductLayout, Sequence[Dimension]],
        config: ParzenConfig,
        bandwidth_scales: Optional[Sequence[float]] = None,
    ) -> None:
        if not isinstance(layout, ProductLayout):
            layout = ProductLayout(layout)
        self.layout = layout
        self.dims = layout.dims
        self.config = config
        self.n_obs = [len(observations) for observations, _ in groups]
        self.has_prior = [config.consider_prior or k == 0 for k in self.n_obs]
        sizes = [k + int(prior) for k, prior in zip(self.n_obs, self.has_prior)]
        self.starts = np.cumsum([0] + sizes[:-1])
        self.sizes = sizes
        n_kernels = sum(sizes)
        # Per numeric dimension and kernel (dimension-major, so that sums over dimensions
        # run along contiguous rows): centre and width. Per kernel: weight and choices.
        self.mu = np.empty((len(layout.numeric), n_kernels))
        self.sigma = np.empty((len(layout.numeric), n_kernels))
        self.weights = np.empty(n_kernels)
        self.choices = np.zeros((n_kernels, len(layout.categorical)), dtype=np.int64)
        self.is_prior = np.zeros(n_kernels, dtype=bool)
        # Per kernel and categorical dimension: the probability of the kernel's own choice
        # and of each other choice (1 / n_choices for the prior kernel).
        self.hit = np.zeros((n_kernels, len(layout.categorical)))
        self.miss = np.zeros((n_kernels, len(layout.categorical)))
        group_constants = np.empty(n_kernels)
        scales = [1.0] * len(groups) if bandwidth_scales is None else bandwidth_scales
        for g, (observations, obs_weights) in enumerate(groups):
            constant = self._fit_group(g, observations, obs_weights, scales[g])
            group_constants[self._slice(g)] = constant
        self._set_log_constants(group_constants)

    def _slice(self, group: int) -> slice:
        start = int(self.starts[group])
        return slice(start, start + self.sizes[group])

    def _fit_group(
        self, group: int, observations: np.ndarray, obs_weights: np.ndarray, scale: float
    ) -> float:
        """Fill the group's kernels; return the group's constant log-density term."""
        layout, config = self.layout, self.config
        start, k, size = int(self.starts[group]), self.n_obs[group], self.sizes[group]
        # Column-major (as a fancy-indexed copy is), so that reductions over observations are
        # pairwise sums along contiguous columns.
        mu = observations[:, layout.numeric_array]
        sigma = scott_bandwidths(mu, size, len(self.dims), config, scale)
        if layout.discrete:
            np.maximum(sigma, layout.min_sigma, out=sigma)
        self.mu[:, start : start + k] = mu.T
        self.sigma[:, start : start + k] = sigma[:, None]
        if self.categorical:
            self.choices[start : start + k] = observations[:, self.categorical]
            n_choices = np.array([self.dims[d].n_choices for d in self.categorical])
            smoothing = np.array(
                [choice_smoothing(float(np.sum(obs_weights)), n, config) for n in n_choices]
            )
            self.hit[start : start + size] = (1.0 + smoothing) / (1.0 + n_choices * smoothing)
            self.miss[start : start + size] = smoothing / (1.0 + n_choices * smoothing)
            if self.has_prior[group]:
                self.hit[start + k] = self.miss[start + k] = 1.0 / n_choices
        weights = self.weights[start : start + size]
        weights[:k] = obs_weights
        if self.has_prior[group]:
            self.mu[:, start + k] = _PRIOR_MU
            self.sigma[:, start + k] = _PRIOR_SIGMA
            self.is_prior[start + k] = True
            weights[k] = config.prior_weight if config.consider_prior else 1.0
        weights /= weights.sum()
        continuous_sigma = sigma if layout.all_continuous else sigma[layout.continuous_columns]
        # The prior kernel (sigma 1) gets the observations' term too; it is undone below.
        return -math.fsum(np.log(continuous_sigma)) - len(self.continuous) * LOG_SQRT_2PI

    @property
    def numeric(self) -> List[int]:
        return self.layout.numeric

    @property
    def continuous(self) -> List[int]:
        return self.layout.continuous

    @property
    def discrete(self) -> List[int]:
        return self.layout.discrete

    @property
    def categorical(self) -> List[int]:
        return self.layout.categorical

    def _set_log_constants(self, group_constants: np.ndarray) -> None:
        """Per-kernel log constants, and the coefficients of ``(x ** 2, x)`` in the exponents
        of the continuous dimensions."""
        layout = self.layout
        with np.errstate(divide="ignore"):
            log_weights = np.log(self.weights)
        # Kernel masses in [0.34, 1]: their product over a few hundred dimensions is safe.
        masses = unit_masses(self.mu, self.sigma)
        if len(masses) <= 256:
            log_mass = np.log(np.multiply.reduce(masses, axis=0))
        else:
            log_mass = np.add.reduce(np.log(masses), axis=0)
        constants = log_weights - log_mass
        constants += np.where(self.is_prior, -len(self.continuous) * LOG_SQRT_2PI, group_constants)
        if layout.all_continuous:
            mu, sigma = self.mu, self.sigma
        else:
            mu = self.mu[layout.continuous_columns]
            sigma = self.sigma[layout.continuous_columns]
        n = len(mu)
        # Rows: the coefficients of x_d ** 2, then those of x_d.
        coefficients = np.empty((2 * n, mu.shape[1]))
        inv_variance = coefficients[:n]
        np.multiply(sigma, sigma, out=inv_variance)
        np.reciprocal(inv_variance, out=inv_variance)
        linear = np.multiply(mu, inv_variance, out=coefficients[n:])
        constants -= 0.5 * np.add.reduce(mu * linear, axis=0)
        inv_variance *= -0.5
        self.coefficients = coefficients
        self.log_constants = constants

    def sample(self, u: np.ndarray, group: int = 0) -> np.ndarray:
        """Draw ``m`` points (shape ``(m, d)``) of a group's mixture from uniforms of shape
        ``(m, 1 + d)``."""
        m = len(u)
        part = self._slice(group)
        cumulative = np.cumsum(self.weights[part])
        cumulative /= cumulative[-1]
        component = np.minimum(
            np.searchsorted(cumulative, u[:, 0], side="right"), self.sizes[group] - 1
        )
        kernel = component + part.start
        x = np.empty((m, len(self.dims)))
        if self.numeric:
            columns = self.layout.numeric_array
            mu, sigma = self.mu[:, kernel].T, self.sigma[:, kernel].T
            x[:, columns] = sample_unit(mu, sigma, u[:, 1 + columns])
        for dim in self.discrete:
            scale = self._scale(dim)
            x[:, dim] = scale.to_unit(scale.from_unit(x[:, dim]))
        for column, dim in enumerate(self.categorical):
            x[:, dim] = self._sample_choices(column, dim, kernel, u[:, 1 + dim])
        return x

    def _sample_choices(
        self, column: int, dim: int, kernel: np.ndarray, u: np.ndarray
    ) -> np.ndarray:
        n_choices = self.dims[dim].n_choices
        pmf = np.repeat(self.miss[kernel, column, None], n_choices, axis=1)
        pmf[np.arange(len(u)), self.choices[kernel, column]] = self.hit[kernel, column]
        cumulative = np.cumsum(pmf, axis=1)
        cumulative /= cumulative[:, -1:]
        return np.sum(u[:, None] >= cumulative[:, :-1], axis=1)

    def log_pdfs(self, x: np.ndarray) -> np.ndarray:
        """Log density (probability for discrete dimensions) of each group's mixture at the
        points ``x`` (``(m, d)``), shape ``(m, n_groups)``."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return _segment_logsumexp(self._kernel_terms(x), self.starts, self.sizes)

    def _kernel_terms(self, x: np.ndarray) -> np.ndarray:
        """Log of each weighted kernel's density at each point, shape ``(m, n_kernels)``."""
        if self.continuous:
            continuous_x = x if self.layout.all_continuous else x[:, self.continuous]
            features = np.concatenate([continuous_x * continuous_x, continuous_x], axis=1)
            terms = np.matmul(features, self.coefficients)
            terms += self.log_constants
        else:
            terms = np.tile(self.log_constants, (len(x), 1))
        for dim in self.discrete:
            lower, upper = self._bin_edges(x[:, dim], dim)
            terms += self._discrete_terms(lower, upper, dim)
        for column, dim in enumerate(self.categorical):
            same = x[:, dim][:, None] == self.choices[None, :, column]
            terms += np.log(np.where(same, self.hit[:, column], self.miss[:, column]))
        return terms

    def _scale(self, dim: int) -> NumericScale:
        scale = self.dims[dim].scale
        assert scale is not None
        return scale

    def _bin_edges(self, unit: np.ndarray, dim: int) -> Tuple[np.ndarray, np.ndarray]:
        scale = self._scale(dim)
        return scale.bin_edges(scale.from_unit(unit))

    def _discrete_terms(self, lower: np.ndarray, upper: np.ndarray, dim: int) -> np.ndarray:
        column = self.layout.column[dim]
        mu = self.mu[column][None, :]
        sigma = self.sigma[column][None, :]
        return np.log(interval_mass((lower[:, None] - mu) / sigma, (upper[:, None] - mu) / sigma))


def _segment_logsumexp(terms: np.ndarray, starts: np.ndarray, sizes: List[int]) -> np.ndarray:
    """:func:`~._truncnorm.logsumexp` over consecutive column segments of ``terms``."""
    peak = np.maximum.reduceat(terms, starts, axis=1)
    if not np.isfinite(peak).all():
        peak[~np.isfinite(peak)] = 0.0
    shifted = np.empty(terms.shape, np.float32)
    for group, (start, size) in enumerate(zip(starts.tolist(), sizes)):
        part = slice(start, start + size)
        np.subtract(terms[:, part], peak[:, group, None], out=shifted[:, part], casting="unsafe")
    np.exp(shifted, out=shifted)
    total = np.log(np.add.reduceat(shifted, starts, axis=1, dtype=np.float64))
    total += peak
    return total


class MultivariateMixture(ProductMixtures):
    """The mixture of product kernels of one group of observations (plus an optional prior).

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
        super().__init__([(observations, obs_weights)], layout, config)

    def log_pdf(self, x: np.ndarray) -> np.ndarray:
        """Log density (probability for discrete dimensions) at the points ``x`` (``(m, d)``)."""
        return self.log_pdfs(x)[:, 0]
