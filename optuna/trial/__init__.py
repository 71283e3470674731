"""Trials: the objects an objective function receives, and records of finished ones."""

from optuna.trial._base import BaseTrial
from optuna.trial._fixed import FixedTrial
from optuna.trial._frozen import FrozenTrial, create_trial
from optuna.trial._state import TrialState
from optuna.trial._trial import Trial

__all__ = ["BaseTrial", "FixedTrial", "FrozenTrial", "Trial", "TrialState", "create_trial"]
