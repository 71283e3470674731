from typing import Callable, Optional

import numpy as np

from optuna._deprecated import deprecated_class
from optuna.samplers._tpe.sampler import TPESampler, default_gamma


def _default_weights_above(x: int) -> np.ndarray:
    return np.ones(x)


@deprecated_class("2.9.0", "6.0.0", text="Use TPESampler instead: it supports several objectives.")
class MOTPESampler(TPESampler):
    """Multi-objective TPE; kept for compatibility, :class:`TPESampler` does the same work.

    The "good" group is chosen by non-dominated sorting of the objective values; candidates
    are scored like in single-objective TPE.

    Args:
        consider_prior: Add a prior kernel to each Parzen estimator.
        prior_weight: Weight of the prior kernel.
        consider_magic_clip: Clip bandwidths from below with the "magic clip" heuristic.
        consider_endpoints: Count the domain ends as neighbours when choosing bandwidths.
        n_startup_trials: Trials sampled at random before the model is used.
        n_ehvi_candidates: Candidates drawn from the good model per parameter.
        gamma: Size of the good group as a function of the number of observations.
        weights_above: Weights of the observations of the "bad" model.
        seed: Seed of the random number generator.
    """

    def __init__(
        self,
        *,
        consider_prior: bool = True,
        prior_weight: float = 1.0,
        consider_magic_clip: bool = True,
        consider_endpoints: bool = True,
        n_startup_trials: int = 10,
        n_ehvi_candidates: int = 24,
        gamma: Callable[[int], int] = default_gamma,
        weights_above: Callable[[int], np.ndarray] = _default_weights_above,
        seed: Optional[int] = None,
    ) -> None:
        super().__init__(
            consider_prior=consider_prior,
            prior_weight=prior_weight,
            consider_magic_clip=consider_magic_clip,
            consider_endpoints=consider_endpoints,
            n_startup_trials=n_startup_trials,
            n_ei_candidates=n_ehvi_candidates,
            gamma=gamma,
            weights=weights_above,
            seed=seed,
        )
