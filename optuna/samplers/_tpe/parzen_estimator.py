"""Parzen estimators: the kernel mixtures TPE fits to its good and bad observations.

All numeric parameters live on the unit interval (see :mod:`._space`), where every kernel is a
normal distribution truncated to ``[0, 1]``. Three estimators are provided:

* :class:`NumericMixture`, univariate, for ``P`` parameters at once (one row per parameter),
  with hyperopt-style bandwidths taken from the distances between neighbouring observations;
* :func:`fit_categorical`, the probability vector of a categorical parameter;
* multivariate estimators live in :mod:`.product_estimator`.

Each estimator optionally includes a *prior* component: the normal centred on the interval
with the interval's width as standard deviation (uniform for categorical dimensions).
"""

from typing import NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from optuna.samplers._tpe._tail_table import unit_masses
from optuna.samplers._tpe._truncnorm import (
    LOG_SQRT_2PI,
    interval_mass,
    logsumexp,
    sample_unit,
)
from optuna.samplers._tpe._workspace import scratch

_PRIOR_MU = 0.5
_PRIOR_SIGMA = 1.0
_MIN_SIGMA = 1e-12
# The float32 matrix evaluation of mixtures needs bandwidths that keep the expanded quadratic
# form well conditioned (|terms| <= 1 / sigma ** 2).
_FAST_MIN_SIGMA = 1e-3
# Hyperopt's magic clip relaxes only with the size of each group, which gamma caps (at most
# 25 good observations): late in a study the good group's kernels all sit on the floor,
# range / 27 or wider, which limits how closely TPE homes in on an optimum. Once a continuous
# parameter has this many observations, both groups use a floor 0.6 times as wide. Measured
# on 100 seeds each (5-d sphere, Rosenbrock, Rastrigin, Styblinski-Tang; 200 trials) and on
# 30 seeds each (5-d Ackley and Levy, Branin, Hartmann-6, 10-d sphere), it lowered every
# median best value (e.g. sphere 0.24 -> 0.11, Rastrigin 17.3 -> 15.6). Discrete parameters
# keep hyperopt's clip: their kernels are at least one grid step wide anyway, and their
# floor did not gain.
SETTLED_OBSERVATIONS = 50
SETTLED_CLIP_SCALE = 0.6
# TPE narrows the kernels of the above group by this (after the magic clip): l / g then
# penalizes candidates near observed bad points more sharply, which keeps exploring. Chosen
# on benchmarks for both estimators: more Styblinski-Tang runs find every global basin. For
# univariate TPE, on 150 seeds each (5-d, 200 trials), it lowered every median best value:
# sphere 0.116 -> 0.083, Rosenbrock 13.3 -> 10.6, Rastrigin 15.0 -> 13.7, Styblinski-Tang
# -181.2 -> -185.2. Univariate TPE keeps the kernels of discrete parameters as they are (at
# least one grid step wide): narrowing them lowered the mean accuracy of the random-forest
# benchmark (3 ints, 1 float; 20 seeds) from 0.9654 to 0.9623.
ABOVE_BANDWIDTH_SCALE = 0.7
# Kernel values evaluated per numpy call: large enough to amortize the call overhead, small
# enough for the float32 buffer to stay in cache.
_CHUNK_ELEMENTS = 120000


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
    empty = np.empty((n_rows, 0))
    mixtures = SplitMixtures.fit(mu_sorted, np.ones((n_rows, k)), empty, empty, config)
    return mixtures.sigma[:, :k]


class SplitMixtures:
    """The below (``l``) and above (``g``) mixtures of ``P`` numeric parameters.

    Kernels are normals truncated to ``[0, 1]``, with hyperopt's adaptive bandwidths: the
    larger distance to a neighbouring observation (the prior mean counts as a neighbour with
    ``consider_prior``, the interval ends with ``consider_endpoints``), clipped below by the
    magic clip (narrower for continuous parameters with many observations, see
    ``SETTLED_CLIP_SCALE``) and above by the interval width; the above group's kernels of
    continuous parameters are then narrowed by ``ABOVE_BANDWIDTH_SCALE``.

    Both mixtures of a parameter live in one row of the arrays, so that fitting and
    evaluating them takes the same few numpy calls for any number of parameters. Columns of a
    row: ``k_below`` observations, the below prior, an unused column, ``k_above``
    observations and the above prior. :attr:`column_weights` holds each kernel's weight in
    its own mixture (zero for the unused column and for a prior kernel that is not used);
    :attr:`weights` spreads them over one layer per mixture.

    Use :meth:`fit` to build it.
    """

    __slots__ = (
        "mu",
        "sigma",
        "inv_sigma",
        "column_weights",
        "total",
        "mass",
        "n_below",
        "bounded",
        "sigma_floor",
    )

    def __init__(
        self,
        mu: np.ndarray,
        sigma: np.ndarray,
        column_weights: np.ndarray,
        n_below: int,
        bounded: bool,
        total: np.ndarray,
        sigma_floor: float = 0.0,
    ) -> None:
        self.mu = mu
        self.sigma = sigma
        self.column_weights = column_weights
        self.total = total
        self.inv_sigma = np.divide(1.0, sigma)
        self.mass = unit_masses(mu, sigma, self.inv_sigma)
        self.n_below = n_below
        self.bounded = bounded
        # A lower bound of every bandwidth known from the fit (0 when unknown), which spares
        # log_densities a reduction.
        self.sigma_floor = sigma_floor

    @property
    def weights(self) -> np.ndarray:
        """The kernel weights of ``l`` and ``g``, shape ``(P, K, 2)``: zero outside each
        mixture's own columns."""
        split = self.n_below + 1
        weights = np.zeros(self.column_weights.shape + (2,))
        weights[:, :split, 0] = self.column_weights[:, :split]
        weights[:, split + 1 :, 1] = self.column_weights[:, split + 1 :]
        return weights

    @classmethod
    def fit(
        cls,
        below: np.ndarray,
        below_weights: np.ndarray,
        above: np.ndarray,
        above_weights: np.ndarray,
        config: ParzenConfig,
        min_sigma: Optional[np.ndarray] = None,
    ) -> "SplitMixtures":
        """Fit both mixtures from sorted observations.

        Args:
            below: Good observations, shape ``(P, k_below)``, sorted along each row.
            below_weights: Their weights.
            above: Bad observations, shape ``(P, k_above)``, sorted along each row.
            above_weights: Their weights.
            config: Estimator options.
            min_sigma: Smallest bandwidth of each row's kernels, shape ``(P,)``, for discrete
                parameters (one grid step). Without it the parameters are continuous, and
                the magic clip narrows once there are ``SETTLED_OBSERVATIONS`` of them.
        """
        n_rows, k_below = below.shape
        k_above = above.shape[1]
        # Padded layout: [left end, below..., right end, left end, above..., right end]; the
        # end columns turn into the prior kernels (and one unused column) once the bandwidths
        # are known.
        padded = np.empty((n_rows, k_below + k_above + 4))
        blocks = ((1, below), (k_below + 3, above))
        for start, block in blocks:
            padded[:, start : start + block.shape[1]] = block
            _set_ends(padded, start, block, config.consider_endpoints)
        gaps, sigma = _neighbour_gaps(padded)
        if config.consider_prior:
            _insert_prior_neighbour(padded, gaps, sigma, blocks)
        settled = min_sigma is None and k_below + k_above >= SETTLED_OBSERVATIONS
        below_low, above_low = (
            _clip_floor(block.shape[1], config, settled, min_sigma) for _, block in blocks
        )
        # The above group fills most of each row: clipping (and narrowing) whole rows in
        # contiguous passes is cheaper than working on its block, and the small below block
        # is then redone from its values before the clip. The other columns are overwritten.
        below_sigma = sigma[:, 1 : k_below + 1]
        unclipped_below = below_sigma.copy()
        # np.minimum(np.maximum(...)) is np.clip without its Python wrapper (a few us).
        np.minimum(np.maximum(sigma, above_low, out=sigma), _PRIOR_SIGMA, out=sigma)
        if min_sigma is None:  # the above group of continuous parameters
            sigma *= ABOVE_BANDWIDTH_SCALE
        np.maximum(unclipped_below, below_low, out=below_sigma)
        np.minimum(below_sigma, _PRIOR_SIGMA, out=below_sigma)
        for column in (k_below + 1, k_below + 2, k_below + k_above + 3):
            padded[:, column] = _PRIOR_MU
            sigma[:, column] = _PRIOR_SIGMA
        column_weights = np.empty((n_rows, k_below + k_above + 3))
        column_weights[:, :k_below] = below_weights
        column_weights[:, k_below + 2 : -1] = above_weights
        prior_weights = (_prior_weight(k_below, config), _prior_weight(k_above, config))
        column_weights[:, k_below], column_weights[:, -1] = prior_weights
        column_weights[:, k_below + 1] = 0.0
        total = np.empty((n_rows, 2))
        np.add.reduce(below_weights, axis=1, out=total[:, 0])
        np.add.reduce(above_weights, axis=1, out=total[:, 1])
        total += prior_weights
        bounded = config.consider_prior or (k_below == 0 and k_above == 0)
        sigma_floor = 0.0
        if min_sigma is None:  # the clip floors (both floats), the above one narrowed
            sigma_floor = min(
                float(below_low), min(float(above_low), _PRIOR_SIGMA) * ABOVE_BANDWIDTH_SCALE
            )
        return cls(
            padded[:, 1:], sigma[:, 1:], column_weights, k_below, bounded, total, sigma_floor
        )

    def sample_below(self, u_component: np.ndarray, u_value: np.ndarray) -> np.ndarray:
        """Draw ``(P, m)`` points from ``l`` given uniforms choosing the kernel and the point."""
        n_rows, n_columns = self.mu.shape
        cumulative = np.add.accumulate(self.column_weights[:, : self.n_below + 1], axis=1)
        threshold = u_component * self.total[:, 0:1]
        # Kernel index: how many cumulative weights the threshold reaches. Reducing over the
        # middle axis (kernels) adds whole rows of m candidates at once, which is faster
        # than reducing short runs along the last axis.
        index = np.add.reduce(cumulative[:, :-1, None] <= threshold[:, None, :], axis=1)
        index += np.arange(0, n_rows * n_columns, n_columns)[:, None]
        return sample_unit(self.mu.take(index), self.sigma.take(index), u_value)

    def log_densities(self, x: np.ndarray) -> np.ndarray:
        """``log l`` and ``log g`` at the points ``x`` (shape ``(P, m)``): shape ``(P, m, 2)``."""
        if self.bounded and (
            self.sigma_floor >= _FAST_MIN_SIGMA or self.sigma.min() >= _FAST_MIN_SIGMA
        ):
            density = self._densities_by_matmul(x)
        else:
            z = (x[:, :, None] - self.mu[:, None, :]) / self.sigma[:, None, :]
            with np.errstate(divide="ignore"):
                log_coefficients = np.log(self.weights) - np.log(self.sigma * self.mass)[..., None]
            log_kernels = (-0.5 * z * z)[..., None] + log_coefficients[:, None, :, :]
            return logsumexp(log_kernels, axis=2) - np.log(self.total)[:, None, :] - LOG_SQRT_2PI
        # The float32 densities are widened (exactly) by the division itself.
        log_density = np.divide(density, self.total[:, None, :])
        with np.errstate(divide="ignore"):
            np.log(log_density, out=log_density)
        log_density -= LOG_SQRT_2PI
        return log_density

    def _densities_by_matmul(self, x: np.ndarray) -> np.ndarray:
        """The unnormalized densities of l and g at ``x``: float32, shape ``(P, m, 2)``."""
        # -(x - mu)^2 / (2 sigma^2) is a quadratic in x: c + b x + a x^2, so the exponents of
        # all kernels at all points come from one (m, 3) @ (3, K) product per row, and the
        # weighted sums of their exp() from one (m, K) @ (K, 2) product. Both run in float32
        # (centring on 0.5 keeps the terms small), which is ample for comparing densities and
        # several times faster than float64.
        n_rows, n_columns = self.mu.shape
        inv_sigma = self.inv_sigma
        scaled_mu = np.subtract(self.mu, _PRIOR_MU)
        scaled_mu *= inv_sigma
        quadratic = scratch("quadratic", (n_rows, 3, n_columns), np.float32)
        np.multiply(scaled_mu, scaled_mu, out=quadratic[:, 0], casting="unsafe")
        np.multiply(scaled_mu, inv_sigma, out=quadratic[:, 1], casting="unsafe")
        np.multiply(inv_sigma, inv_sigma, out=quadratic[:, 2], casting="unsafe")
        # The -0.5 factors of c and a go to the powers of x (m values, not K): scaling by a
        # power of two is exact, so every product of the matmul is the same either way.
        centred_x = x - _PRIOR_MU
        powers = np.empty(x.shape + (3,), dtype=np.float32)
        powers[:, :, 0] = -0.5
        powers[:, :, 1] = centred_x
        powers[:, :, 2] = centred_x * centred_x * -0.5
        # Each column belongs to one mixture (below: up to its prior; above: after the unused
        # column): its coefficient goes to that mixture's layer, a zero to the other's.
        ratio = np.divide(inv_sigma, self.mass, out=scaled_mu)
        coefficients = scratch("coefficients", (n_rows, n_columns, 2), np.float32)
        split = self.n_below + 1
        weights = self.column_weights
        np.multiply(
            weights[:, :split], ratio[:, :split], out=coefficients[:, :split, 0], casting="unsafe"
        )
        np.multiply(
            weights[:, split:], ratio[:, split:], out=coefficients[:, split:, 1], casting="unsafe"
        )
        coefficients[:, :split, 1] = 0.0
        coefficients[:, split:, 0] = 0.0
        chunk = max(1, _CHUNK_ELEMENTS // (x.shape[1] * n_columns))
        if chunk >= n_rows:
            kernels = scratch("kernels", x.shape + (n_columns,), np.float32)
            np.matmul(powers, quadratic, out=kernels)
            np.exp(kernels, out=kernels)
            return np.matmul(kernels, coefficients)
        density = np.empty(x.shape + (2,), dtype=np.float32)
        buffer = scratch("kernels", (chunk,) + x.shape[1:] + (n_columns,), np.float32)
        for start in range(0, n_rows, chunk):
            stop = min(start + chunk, n_rows)
            kernels = buffer[: stop - start]
            np.matmul(powers[start:stop], quadratic[start:stop], out=kernels)
            np.exp(kernels, out=kernels)
            np.matmul(kernels, coefficients[start:stop], out=density[start:stop])
        return density

    def log_bin_masses(self, lower: np.ndarray, upper: np.ndarray) -> np.ndarray:
        """``log l`` and ``log g`` of the intervals ``[lower, upper]``: shape ``(P, m, 2)``."""
        sigma = self.sigma[:, None, :]
        lower_z = (lower[:, :, None] - self.mu[:, None, :]) / sigma
        upper_z = (upper[:, :, None] - self.mu[:, None, :]) / sigma
        mass = interval_mass(lower_z, upper_z)
        coefficients = self.weights / self.mass[:, :, None]
        with np.errstate(divide="ignore"):
            return np.log(np.matmul(mass, coefficients) / self.total[:, None, :])


def _clip_floor(
    k: int, config: ParzenConfig, settled: bool, min_sigma: Optional[np.ndarray]
) -> Union[float, np.ndarray]:
    """The smallest bandwidth of a group of ``k`` observations: a float, or one per row
    (shape ``(P, 1)``) with ``min_sigma``."""
    low = min_bandwidth(k + int(config.consider_prior), config)
    if k == 1 and not (config.consider_prior or config.consider_endpoints):
        low = _PRIOR_SIGMA  # a lone observation with no neighbour at all
    elif settled:
        low *= SETTLED_CLIP_SCALE
    if min_sigma is not None:
        return np.maximum(low, min_sigma)[:, None]
    return low


def _neighbour_gaps(padded: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Distances between neighbouring columns and the larger one around each column.

    Returns ``gaps`` (flat, size ``P * W + 1``: ``gaps[k] = flat[k] - flat[k - 1]`` for the
    flattened ``padded``) and ``sigma`` (shape ``(P, W)``, the max of the gaps on both sides).
    Computed on the flattened array (one contiguous pass each), the gaps across the end of a
    row and the first and last columns of ``sigma`` hold scratch values: they belong to the
    end columns, which never keep their bandwidth.
    """
    size = padded.size
    flat = padded.ravel()
    gaps = np.empty(size + 1)
    gaps[0] = gaps[size] = 0.0
    np.subtract(flat[1:], flat[:-1], out=gaps[1:size])
    sigma = np.maximum(gaps[:size], gaps[1:])
    return gaps, sigma.reshape(padded.shape)


def _set_ends(padded: np.ndarray, start: int, block: np.ndarray, endpoints: bool) -> None:
    """Fill the columns around a block: the interval ends, or when the ends do not count,
    copies of the outermost observations (a gap of 0 never wins the max of two gaps)."""
    k = block.shape[1]
    if endpoints or k == 0:
        padded[:, start - 1] = 0.0
        padded[:, start + k] = 1.0
    else:
        padded[:, start - 1] = block[:, 0]
        padded[:, start + k] = block[:, -1]


def _insert_prior_neighbour(
    padded: np.ndarray,
    gaps: np.ndarray,
    sigma: np.ndarray,
    blocks: Sequence[Tuple[int, np.ndarray]],
) -> None:
    """Recompute the bandwidths of the observations around the prior mean in each block.

    The prior mean sits between padded columns c and c + 1 (observations equal to it count as
    above it): it becomes the right neighbour of column c and the left neighbour of column
    c + 1, whose bandwidths become the larger of their other gap and their distance to it.
    Either may be an end column, which only holds scratch values.
    """
    n_rows, width = padded.shape
    n_blocks = len(blocks)
    # Flat indices (cheaper than 2-d fancy indexing) of the columns c of every block, then of
    # the columns c + 1. Column c + 1 may be a row's last (end) column, whose right gap
    # crosses into the next row: a scratch value for a scratch column.
    flat = np.empty((n_rows, 2 * n_blocks), dtype=np.int64)
    for j, (_, block) in enumerate(blocks):
        np.add.reduce(block < _PRIOR_MU, axis=1, dtype=np.int64, out=flat[:, j])
    flat[:, n_blocks:] = flat[:, :n_blocks]
    flat += [start - 1 for start, _ in blocks] + [start for start, _ in blocks]
    flat += np.arange(0, n_rows * width, width)[:, None]
    # The gaps left and right of flat position k are gaps[k] and gaps[k + 1]: column c keeps
    # its left gap, column c + 1 its right one. Column c lies below the prior mean and
    # column c + 1 at or above it, so the distance is |x - mu| either way (exactly).
    other_gap = gaps.take(flat + ([0] * n_blocks + [1] * n_blocks))
    distance = np.subtract(padded.take(flat), _PRIOR_MU)
    np.absolute(distance, out=distance)
    sigma.put(flat, np.maximum(other_gap, distance, out=distance))


def _prior_weight(n_observations: int, config: ParzenConfig) -> float:
    if config.consider_prior:
        return config.prior_weight
    return 1.0 if n_observations == 0 else 0.0


def fit_categorical(
    indices: np.ndarray, obs_weights: np.ndarray, n_choices: int, config: ParzenConfig
) -> np.ndarray:
    """Return the probability vector of a categorical Parzen estimator.

    With ``consider_prior``, the observations' (weighted) counts plus ``prior_weight`` on
    every choice, normalized: a pseudo-count of ``prior_weight`` per choice (see
    :func:`choice_smoothing` for why). Without it, each observation's kernel is its one-hot
    vector plus ``prior_weight / n_choices`` on every choice, normalized (uniform without
    observations).
    """
    counts = np.bincount(indices, weights=obs_weights, minlength=n_choices)[:n_choices]
    if config.consider_prior:
        pmf: np.ndarray = counts + config.prior_weight
    else:
        alpha = config.prior_weight
        pmf = (counts + float(np.sum(obs_weights)) * alpha / n_choices) / (1.0 + alpha)
        if len(indices) == 0:
            pmf += 1.0 / n_choices
    return pmf / pmf.sum()


def choice_smoothing(total_weight: float, n_choices: int, config: ParzenConfig) -> float:
    """The mass each categorical observation kernel spreads on every choice, per unit weight:
    its kernel is ``(one_hot + s) / (1 + n_choices * s)``.

    With ``consider_prior``, the kernels of a group of total weight ``W`` spread
    ``prior_weight * (1 - 1 / n_choices)`` over every choice between them, so that with the
    prior component (``prior_weight / n_choices`` per choice) each choice gets a pseudo-count
    of ``prior_weight``, whatever the group's size: the estimator is then the weighted
    counts plus ``prior_weight`` per choice, as :func:`fit_categorical`.

    Why: with smoothing in proportion to the observations and the prior's weight split over
    the choices, a choice whose trials were all bad looked worse in ``l`` than in ``g`` after
    about ``(W_above / W_below) / n_choices`` such trials and was then never drawn (``l / g``
    of a categorical is maximized over all its choices), until the weights of its old trials
    decayed. In a conditional space this keeps TPE in the first branch that looks good: with
    the better branch's random startup trials worse than the other branch, 5 of 50 runs of a
    two-branch problem never found it in 100 trials (16 of 50 with three branches, 24 with
    four); with a pseudo-count per choice, 0, 3 and 7 (univariate TPE). Categorical
    parameters of ordinary spaces were exploited better too (a 5-d sphere plus a choice of
    four: the best choice in 72% rather than 56% of the second half of 200 trials).
    """
    if not config.consider_prior:
        return config.prior_weight / n_choices
    alpha = config.prior_weight
    return alpha * (1.0 - 1.0 / n_choices) / (total_weight + alpha)


def sample_categorical(pmf: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Draw choice indices from ``pmf`` by inverting its CDF at the uniforms ``u``."""
    cumulative = np.cumsum(pmf)
    cumulative /= cumulative[-1]
    return np.minimum(np.searchsorted(cumulative, u, side="right"), len(pmf) - 1)
