"""optuna: define-by-run hyperparameter optimization."""

from optuna import distributions, exceptions, logging, pruners, samplers, storages, study, trial
from optuna.exceptions import TrialPruned
from optuna.study import (
    Study,
    copy_study,
    create_study,
    delete_study,
    get_all_study_names,
    get_all_study_summaries,
    load_study,
)
from optuna.trial import Trial, create_trial
from optuna.version import __version__

__all__ = [
    "Study",
    "Trial",
    "TrialPruned",
    "__version__",
    "copy_study",
    "create_study",
    "create_trial",
    "delete_study",
    "distributions",
    "exceptions",
    "get_all_study_names",
    "get_all_study_summaries",
    "load_study",
    "logging",
    "pruners",
    "samplers",
    "storages",
    "study",
    "trial",
]
