"""Pruners: stop unpromising trials early, from the values they report."""

from optuna.pruners._base import BasePruner
from optuna.pruners._median import MedianPruner
from optuna.pruners._nop import NopPruner
from optuna.pruners._percentile import PercentilePruner

__all__ = ["BasePruner", "MedianPruner", "NopPruner", "PercentilePruner"]
