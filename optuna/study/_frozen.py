from typing import Any, Dict, List, Optional, Sequence

from optuna.study._study_direction import StudyDirection


class FrozenStudy:
    """A read-only summary of a study as a storage returns it.

    Args:
        study_name: Name of the study.
        direction: Direction of a single-objective study (``None`` for multi-objective).
        user_attrs: User attributes of the study.
        system_attrs: System attributes of the study.
        study_id: Storage-wide identifier.
        directions: Directions of all objectives.
    """

    def __init__(
        self,
        study_name: str,
        direction: Optional[StudyDirection],
        user_attrs: Dict[str, Any],
        system_attrs: Dict[str, Any],
        study_id: int,
        *,
        directions: Optional[Sequence[StudyDirection]] = None,
    ) -> None:
        self.study_name = study_name
        if direction is None and directions is None:
            raise ValueError("Specify one of `direction` and `directions`.")
        if directions is None:
            assert direction is not None
            directions = [direction]
        elif direction is not None and list(directions) != [direction]:
            raise ValueError("`direction` and `directions` disagree.")
        self._directions: List[StudyDirection] = list(directions)
        self.user_attrs = user_attrs
        self.system_attrs = system_attrs
        self._study_id = study_id

    @property
    def direction(self) -> StudyDirection:
        if len(self._directions) > 1:
            raise RuntimeError("This study is multi-objective; use `directions`.")
        return self._directions[0]

    @property
    def directions(self) -> List[StudyDirection]:
        return list(self._directions)

    def __eq__(self, other: Any) -> bool:
        if not isinstance(other, FrozenStudy):
            return NotImplemented
        return self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        return f"FrozenStudy(study_name={self.study_name!r}, directions={self._directions})"
