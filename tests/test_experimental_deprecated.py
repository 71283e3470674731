import warnings

import pytest

from optuna import _deprecated, _experimental
from optuna.exceptions import ExperimentalWarning


def test_experimental_warning_is_a_warning() -> None:
    assert issubclass(ExperimentalWarning, Warning)
    assert not issubclass(ExperimentalWarning, FutureWarning)


# --------------------------------------------------------------------------- experimental


def test_experimental_func_warns_and_returns() -> None:
    @_experimental.experimental_func("1.2.0")
    def add(a: int, b: int = 1) -> int:
        """Add two numbers."""
        return a + b

    with pytest.warns(ExperimentalWarning, match=r"add.*1\.2\.0") as record:
        assert add(2, b=3) == 5
    assert record[0].filename == __file__
    assert add.__name__ == "add"
    assert add.__doc__ is not None and "Add two numbers." in add.__doc__


def test_experimental_func_warns_on_every_call() -> None:
    @_experimental.experimental_func("2.0.0")
    def f() -> str:
        return "ok"

    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        f()
        f()
    assert [w.category for w in record] == [ExperimentalWarning, ExperimentalWarning]


def test_experimental_func_custom_name() -> None:
    @_experimental.experimental_func("3.0.0", name="my_feature")
    def f() -> None:
        pass

    with pytest.warns(ExperimentalWarning, match="my_feature"):
        f()


def test_experimental_func_propagates_exceptions() -> None:
    @_experimental.experimental_func("3.0.0")
    def f() -> None:
        raise KeyError("inner")

    with pytest.warns(ExperimentalWarning), pytest.raises(KeyError, match="inner"):
        f()


def test_experimental_class_warns_on_construction() -> None:
    @_experimental.experimental_class("2.5.0")
    class Sample:
        """A sample class."""

        def __init__(self, a: int, b: int = 2) -> None:
            self.total = a + b

        def method(self) -> int:
            return self.total

    with pytest.warns(ExperimentalWarning, match=r"Sample.*2\.5\.0") as record:
        obj = Sample(1, b=5)
    assert record[0].filename == __file__
    assert isinstance(obj, Sample)
    assert obj.total == 6
    assert Sample.__name__ == "Sample"
    assert Sample.__doc__ is not None and "A sample class." in Sample.__doc__
    # Only construction warns.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert obj.method() == 6


def test_experimental_class_custom_name() -> None:
    @_experimental.experimental_class("3.0.0", name="Renamed")
    class Sample:
        pass

    with pytest.warns(ExperimentalWarning, match="Renamed"):
        Sample()


def test_experimental_subclass_still_warns() -> None:
    @_experimental.experimental_class("3.0.0")
    class Base:
        def __init__(self) -> None:
            self.ready = True

    class Child(Base):
        pass

    with pytest.warns(ExperimentalWarning):
        assert Child().ready


# --------------------------------------------------------------------------- deprecated


def test_deprecated_func_names_versions_and_replacement() -> None:
    @_deprecated.deprecated_func("2.0.0", "4.0.0", text="Use new_function instead.")
    def old_function(x: int) -> int:
        """Old docs."""
        return 2 * x

    with pytest.warns(FutureWarning) as record:
        assert old_function(4) == 8
    message = str(record[0].message)
    assert "old_function" in message
    assert "2.0.0" in message
    assert "4.0.0" in message
    assert "new_function" in message
    assert record[0].filename == __file__
    assert old_function.__name__ == "old_function"


def test_deprecated_func_custom_name() -> None:
    @_deprecated.deprecated_func("2.0.0", "4.0.0", name="legacy_api")
    def f() -> None:
        pass

    with pytest.warns(FutureWarning, match="legacy_api"):
        f()


def test_deprecated_class_names_versions_and_replacement() -> None:
    @_deprecated.deprecated_class("1.5.0", "3.0.0", text="Use NewThing instead.")
    class OldThing:
        def __init__(self, value: int) -> None:
            self.value = value

    with pytest.warns(FutureWarning) as record:
        obj = OldThing(3)
    message = str(record[0].message)
    assert "OldThing" in message and "1.5.0" in message and "3.0.0" in message
    assert "NewThing" in message
    assert record[0].filename == __file__
    assert isinstance(obj, OldThing) and obj.value == 3


@pytest.mark.parametrize("decorator", [_deprecated.deprecated_func, _deprecated.deprecated_class])
@pytest.mark.parametrize("versions", [("3.0.0", "3.0.0"), ("3.0.0", "2.9.0")])
def test_deprecated_rejects_removed_before_deprecated(decorator, versions) -> None:
    with pytest.raises(ValueError, match=versions[0].replace(".", r"\.")):
        decorator(*versions)


def test_public_deprecated_class_export() -> None:
    from optuna import distributions

    assert distributions.deprecated_class is _deprecated.deprecated_class


def test_deprecated_optuna_apis_emit_future_warning() -> None:
    from optuna import distributions

    with pytest.warns(FutureWarning, match=r"UniformDistribution.*3\.0\.0.*FloatDistribution"):
        distributions.UniformDistribution(0.0, 1.0)
    with pytest.warns(FutureWarning, match=r"IntUniformDistribution.*IntDistribution"):
        distributions.IntUniformDistribution(0, 1)
