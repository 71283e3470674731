"""Exceptions raised by optuna."""


class OptunaError(Exception):
    """Base class of every optuna-specific error."""


class TrialPruned(OptunaError):
    """Raised by an objective to signal that the running trial should be pruned.

    The trial is recorded as ``TrialState.PRUNED``; for single-objective studies its value
    becomes the last intermediate value it reported, if any.
    """


class CLIUsageError(OptunaError):
    """The command line was used in a way that cannot work."""


class StorageInternalError(OptunaError):
    """A storage backend failed in a way the caller cannot fix."""


class DuplicatedStudyError(OptunaError):
    """A study with the requested name already exists in the storage."""


class UpdateFinishedTrialError(OptunaError, RuntimeError):
    """An attempt was made to modify a trial that has already finished."""


class ExperimentalWarning(Warning):
    """Emitted when an experimental API is used; it may change without deprecation."""
