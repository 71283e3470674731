import enum


class StudyDirection(enum.Enum):
    """Whether a study minimizes or maximizes an objective."""

    NOT_SET = 0
    MINIMIZE = 1
    MAXIMIZE = 2
