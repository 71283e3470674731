"""Studies: create, load, run and inspect optimization tasks."""

from optuna.study._callbacks import MaxTrialsCallback
from optuna.study._study_direction import StudyDirection
from optuna.study._study_summary import StudySummary
from optuna.study.study import (
    Study,
    copy_study,
    create_study,
    delete_study,
    get_all_study_names,
    get_all_study_summaries,
    load_study,
)

__all__ = [
    "MaxTrialsCallback",
    "Study",
    "StudyDirection",
    "StudySummary",
    "copy_study",
    "create_study",
    "delete_study",
    "get_all_study_names",
    "get_all_study_summaries",
    "load_study",
]
