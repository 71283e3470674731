import datetime
from typing import Any, Dict, List, Optional, Sequence

from optuna.study._study_direction import StudyDirection
from optuna.trial import FrozenTrial


class StudySummary:
    """Basic facts about a study, as returned by :func:`get_all_study_summaries`.

    Attributes:
        study_name: Name of the study.
        best_trial: The best COMPLETE trial (single-objective only; else ``None``).
        user_attrs: User attributes of the study.
        system_attrs: System attributes of the study.
        n_trials: Number of trials, in every state.
        datetime_start: Start time of the first trial, or ``None``.
    """

    def __init__(
        self,
        study_name: str,
        direction: Optional[StudyDirection],
        best_trial: Optional[FrozenTrial],
        user_attrs: Dict[str, Any],
        system_attrs: Dict[str, Any],
        n_trials: int,
        datetime_start: Optional[datetime.datetime],
        study_id: int,
        *,
        directions: Optional[Sequence[StudyDirection]] = None,
    ) -> None:
        if direction is None and directions is None:
            raise ValueError("Specify one of `direction` and `directions`.")
        if direction is not None and directions is not None:
            raise ValueError("Specify only one of `direction` and `directions`.")
        self.study_name = study_name
        self._directions = list(directions) if directions is not None else [direction]
        self.best_trial = best_trial
        self.user_attrs = user_attrs
        self.system_attrs = system_attrs
        self.n_trials = n_trials
        self.datetime_start = datetime_start
        self._study_id = study_id

    @property
    def direction(self) -> StudyDirection:
        """The direction of a single-objective study (``RuntimeError`` otherwise)."""
        if len(self._directions) > 1:
            raise RuntimeError("This study is multi-objective; use `directions`.")
        return self._directions[0]  # type: ignore[return-value]

    @property
    def directions(self) -> List[StudyDirection]:
        return list(self._directions)  # type: ignore[arg-type]

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, StudySummary):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __lt__(self, other: Any) -> bool:
        if not isinstance(other, StudySummary):
            return NotImplemented
        return self._study_id < other._study_id

    def __le__(self, other: Any) -> bool:
        if not isinstance(other, StudySummary):
            return NotImplemented
        return self._study_id <= other._study_id

    def __repr__(self) -> str:
        return f"StudySummary(study_name={self.study_name!r}, n_trials={self.n_trials})"
