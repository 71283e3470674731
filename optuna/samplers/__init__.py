"""Samplers: decide the parameter values of each trial."""

from optuna.samplers._base import BaseSampler
from optuna.samplers._motpe import MOTPESampler
from optuna.samplers._random import RandomSampler
from optuna.samplers._search_space import IntersectionSearchSpace, intersection_search_space
from optuna.samplers._tpe.sampler import TPESampler
from optuna.samplers.nsgaii._sampler import NSGAIISampler

__all__ = [
    "BaseSampler",
    "IntersectionSearchSpace",
    "MOTPESampler",
    "NSGAIISampler",
    "RandomSampler",
    "TPESampler",
    "intersection_search_space",
]
