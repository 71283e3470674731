import copy
import json
import math
import pickle
import re
import warnings

import numpy as np
import pytest

from optuna import distributions
from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution


def _deprecated(cls, *args):
    with pytest.warns(FutureWarning):
        return cls(*args)


def _all_current_distributions():
    return {
        "float": FloatDistribution(0.0, 1.0),
        "float_log": FloatDistribution(1e-3, 10.0, log=True),
        "float_step": FloatDistribution(0.0, 1.0, step=0.25),
        "int": IntDistribution(-3, 10),
        "int_log": IntDistribution(1, 100, log=True),
        "int_step": IntDistribution(0, 10, step=2),
        "categorical": CategoricalDistribution((None, True, 1, 1.0, "a")),
        "categorical_single": CategoricalDistribution(("only",)),
    }


def _all_deprecated_distributions():
    return {
        "uniform": _deprecated(distributions.UniformDistribution, 0.0, 1.0),
        "log_uniform": _deprecated(distributions.LogUniformDistribution, 1e-3, 1.0),
        "discrete_uniform": _deprecated(distributions.DiscreteUniformDistribution, 0.0, 1.0, 0.5),
        "int_uniform": _deprecated(distributions.IntUniformDistribution, 0, 10, 2),
        "int_log_uniform": _deprecated(distributions.IntLogUniformDistribution, 1, 100),
    }


# --------------------------------------------------------------------------- JSON


@pytest.mark.parametrize("key", list(_all_current_distributions()))
def test_json_round_trip_current(key: str) -> None:
    dist = _all_current_distributions()[key]
    json_str = distributions.distribution_to_json(dist)
    loaded = distributions.json_to_distribution(json_str)
    assert type(loaded) is type(dist)
    assert loaded == dist
    # The JSON text is plain JSON naming the class.
    assert json.loads(json_str)["name"] == type(dist).__name__


def test_json_round_trip_keeps_categorical_choice_types() -> None:
    dist = CategoricalDistribution((None, True, 1, 1.0, "a"))
    loaded = distributions.json_to_distribution(distributions.distribution_to_json(dist))
    assert isinstance(loaded, CategoricalDistribution)
    assert [type(c) for c in loaded.choices] == [type(None), bool, int, float, str]
    assert list(loaded.choices) == [None, True, 1, 1.0, "a"]


@pytest.mark.parametrize("key", list(_all_deprecated_distributions()))
def test_json_round_trip_deprecated(key: str) -> None:
    dist = _all_deprecated_distributions()[key]
    json_str = distributions.distribution_to_json(dist)
    assert json.loads(json_str)["name"] == type(dist).__name__
    loaded = distributions.json_to_distribution(json_str)
    assert type(loaded) is type(dist)
    assert loaded == dist
    assert (loaded.low, loaded.high, loaded.log) == (dist.low, dist.high, dist.log)


@pytest.mark.parametrize(
    "dist, expected",
    [
        (
            FloatDistribution(0.0, 1.0),
            {
                "name": "FloatDistribution",
                "attributes": {"step": None, "low": 0.0, "high": 1.0, "log": False},
            },
        ),
        (
            FloatDistribution(0.1, 1.0, log=True),
            {
                "name": "FloatDistribution",
                "attributes": {"step": None, "low": 0.1, "high": 1.0, "log": True},
            },
        ),
        (
            FloatDistribution(0.0, 1.0, step=0.5),
            {
                "name": "FloatDistribution",
                "attributes": {"step": 0.5, "low": 0.0, "high": 1.0, "log": False},
            },
        ),
        (
            IntDistribution(0, 10, step=2),
            {
                "name": "IntDistribution",
                "attributes": {"log": False, "step": 2, "low": 0, "high": 10},
            },
        ),
        (
            CategoricalDistribution(("p", "q")),
            {"name": "CategoricalDistribution", "attributes": {"choices": ["p", "q"]}},
        ),
    ],
)
def test_json_format(dist, expected) -> None:
    assert json.loads(distributions.distribution_to_json(dist)) == expected


def test_json_format_matches_shared_storage_samples() -> None:
    # Strings exactly as they appear in the RDB schema example and the journal sample.
    samples = [
        '{"name": "FloatDistribution", "attributes": '
        '{"step": null, "low": 0.0, "high": 1.0, "log": false}}',
        '{"name": "CategoricalDistribution", "attributes": {"choices": ["p", "q"]}}',
    ]
    for sample in samples:
        dist = distributions.json_to_distribution(sample)
        assert json.loads(distributions.distribution_to_json(dist)) == json.loads(sample)
    assert distributions.json_to_distribution(samples[0]) == FloatDistribution(0.0, 1.0)
    assert distributions.json_to_distribution(samples[1]) == CategoricalDistribution(("p", "q"))


def test_json_to_deprecated_distribution_does_not_warn() -> None:
    json_str = '{"name": "UniformDistribution", "attributes": {"low": 0.0, "high": 1.0}}'
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dist = distributions.json_to_distribution(json_str)
    assert isinstance(dist, FloatDistribution)
    assert (dist.low, dist.high, dist.log, dist.step) == (0.0, 1.0, False, None)


@pytest.mark.parametrize(
    "json_str",
    [
        "",
        "not a json",
        "[]",
        "{}",
        '{"name": "FloatDistribution"}',
        '{"attributes": {"low": 0.0, "high": 1.0}}',
        '{"name": "NoSuchDistribution", "attributes": {}}',
        '{"name": "FloatDistribution", "attributes": {"lo": 0.0, "hi": 1.0}}',
        '{"name": "CategoricalDistribution", "attributes": {}}',
        '{"name": "FloatDistribution", "attributes": {"low": 2.0, "high": 1.0}}',
    ],
)
def test_json_to_distribution_malformed(json_str: str) -> None:
    with pytest.raises(ValueError):
        distributions.json_to_distribution(json_str)


# --------------------------------------------------------------------------- constructors


def test_float_distribution_attributes() -> None:
    d = FloatDistribution(0, 2)
    assert (d.low, d.high, d.log, d.step) == (0.0, 2.0, False, None)
    assert isinstance(d.low, float) and isinstance(d.high, float)
    d = FloatDistribution(0.5, 2.0, log=True)
    assert (d.low, d.high, d.log, d.step) == (0.5, 2.0, True, None)
    d = FloatDistribution(0.0, 1.0, step=0.1)
    assert (d.low, d.high, d.log, d.step) == (0.0, 1.0, False, 0.1)


def test_int_distribution_attributes() -> None:
    d = IntDistribution(1, 9)
    assert (d.low, d.high, d.log, d.step) == (1, 9, False, 1)
    d = IntDistribution(1, 9, log=True)
    assert (d.low, d.high, d.log, d.step) == (1, 9, True, 1)
    d = IntDistribution(1, 9, step=2)
    assert (d.low, d.high, d.log, d.step) == (1, 9, False, 2)


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"low": 2.0, "high": 1.0}, r"low=2\.0.*high=1\.0"),
        ({"low": 0.0, "high": 1.0, "log": True}, r"low.*larger than 0.*low=0\.0"),
        ({"low": -1.0, "high": 1.0, "log": True}, r"low=-1\.0"),
        ({"low": 0.1, "high": 1.0, "log": True, "step": 0.1}, r"step.*log"),
        ({"low": 0.0, "high": 1.0, "step": 0.0}, r"step=0\.0"),
        ({"low": 0.0, "high": 1.0, "step": -0.5}, r"step=-0\.5"),
        ({"low": float("nan"), "high": 1.0}, r"low=nan"),
        ({"low": 0.0, "high": float("inf")}, r"high=inf"),
        ({"low": -float("inf"), "high": 0.0}, r"low=-inf"),
    ],
)
def test_float_distribution_invalid(kwargs, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        FloatDistribution(**kwargs)


@pytest.mark.parametrize(
    "kwargs, pattern",
    [
        ({"low": 2, "high": 1}, r"low=2.*high=1"),
        ({"low": 0, "high": 10, "log": True}, r"low.*larger than 0.*low=0"),
        ({"low": 1, "high": 10, "log": True, "step": 2}, r"step.*log"),
        ({"low": 0, "high": 10, "step": 0}, r"step=0"),
        ({"low": 0, "high": 10, "step": -1}, r"step=-1"),
    ],
)
def test_int_distribution_invalid(kwargs, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        IntDistribution(**kwargs)


def test_float_step_trimming_warns() -> None:
    with pytest.warns(UserWarning, match=r"high is replaced by 0\.9"):
        d = FloatDistribution(0.0, 1.0, step=0.3)
    assert d.high == pytest.approx(0.9)
    assert d.low == 0.0 and d.step == 0.3


def test_float_step_divisible_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = FloatDistribution(0.0, 1.0, step=0.1)
        d2 = FloatDistribution(-1.0, 1.0, step=0.2)
    assert d.high == 1.0
    assert d2.high == 1.0


def test_int_step_trimming_warns() -> None:
    with pytest.warns(UserWarning, match=r"high is replaced by 9"):
        d = IntDistribution(0, 10, step=3)
    assert d.high == 9
    assert isinstance(d.high, int)


def test_categorical_empty_choices() -> None:
    with pytest.raises(ValueError, match="empty"):
        CategoricalDistribution(())


def test_categorical_non_primitive_choices_warn() -> None:
    with pytest.warns(UserWarning, match="tuple"):
        d = CategoricalDistribution(((1, 2), [3, 4]))
    assert d.choices[1] == [3, 4]
    assert d.to_internal_repr([3, 4]) == 1
    assert d.to_external_repr(1) == [3, 4]


def test_categorical_primitive_choices_do_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        d = CategoricalDistribution([None, True, 1, 1.5, "s"])
    assert d.choices == (None, True, 1, 1.5, "s")
    assert isinstance(d.choices, tuple)


# --------------------------------------------------------------------------- deprecated classes


@pytest.mark.parametrize(
    "cls, args, replacement",
    [
        (distributions.UniformDistribution, (0.0, 1.0), "FloatDistribution"),
        (distributions.LogUniformDistribution, (0.1, 1.0), "FloatDistribution"),
        (distributions.DiscreteUniformDistribution, (0.0, 1.0, 0.5), "FloatDistribution"),
        (distributions.IntUniformDistribution, (0, 10), "IntDistribution"),
        (distributions.IntLogUniformDistribution, (1, 10), "IntDistribution"),
    ],
)
def test_deprecated_classes_warn(cls, args, replacement: str) -> None:
    with pytest.warns(FutureWarning) as record:
        d = cls(*args)
    message = str(record[0].message)
    assert cls.__name__ in message
    assert "3.0.0" in message
    assert replacement in message
    assert d.low == args[0] and d.high == args[1]


def test_deprecated_classes_are_their_modern_counterparts() -> None:
    dists = _all_deprecated_distributions()
    assert isinstance(dists["uniform"], FloatDistribution)
    assert not dists["uniform"].log and dists["uniform"].step is None
    assert isinstance(dists["log_uniform"], FloatDistribution) and dists["log_uniform"].log
    assert dists["discrete_uniform"].q == 0.5
    assert dists["discrete_uniform"].step == 0.5
    assert isinstance(dists["int_uniform"], IntDistribution)
    assert dists["int_uniform"].step == 2 and not dists["int_uniform"].log
    assert isinstance(dists["int_log_uniform"], IntDistribution)
    assert dists["int_log_uniform"].log


def test_deprecated_classes_validate_ranges() -> None:
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match=r"low=2\.0"):
        distributions.UniformDistribution(2.0, 1.0)
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match=r"low=0\.0"):
        distributions.LogUniformDistribution(0.0, 1.0)
    with pytest.warns(FutureWarning), pytest.raises(ValueError, match=r"step=0"):
        distributions.IntUniformDistribution(0, 10, 0)


# --------------------------------------------------------------------------- compatibility


@pytest.mark.parametrize(
    "old, new",
    [
        (FloatDistribution(0.0, 1.0), FloatDistribution(-5.0, 5.0)),
        (FloatDistribution(0.0, 1.0), FloatDistribution(0.0, 1.0, step=0.5)),
        (FloatDistribution(0.1, 1.0, log=True), FloatDistribution(0.5, 9.0, log=True)),
        (IntDistribution(0, 10), IntDistribution(3, 30)),
        (IntDistribution(0, 10), IntDistribution(0, 10, step=5)),
        (IntDistribution(1, 10, log=True), IntDistribution(2, 20, log=True)),
        (CategoricalDistribution(("a", "b")), CategoricalDistribution(("a", "b"))),
    ],
)
def test_check_distribution_compatibility_passes(old, new) -> None:
    distributions.check_distribution_compatibility(old, new)
    distributions.check_distribution_compatibility(new, old)


@pytest.mark.parametrize(
    "old, new, pattern",
    [
        (FloatDistribution(0.0, 1.0), IntDistribution(0, 1), "kind"),
        (IntDistribution(0, 1), FloatDistribution(0.0, 1.0), "kind"),
        (FloatDistribution(0.0, 1.0), CategoricalDistribution((0.0, 1.0)), "kind"),
        (CategoricalDistribution((0, 1)), IntDistribution(0, 1), "kind"),
        (FloatDistribution(0.1, 1.0), FloatDistribution(0.1, 1.0, log=True), "log"),
        (IntDistribution(1, 10, log=True), IntDistribution(1, 10), "log"),
        (CategoricalDistribution(("a", "b")), CategoricalDistribution(("a", "c")), "dynamic"),
        (CategoricalDistribution(("a", "b")), CategoricalDistribution(("a",)), "dynamic"),
        (CategoricalDistribution((True, 2)), CategoricalDistribution((1, 2)), "dynamic"),
    ],
)
def test_check_distribution_compatibility_fails(old, new, pattern: str) -> None:
    with pytest.raises(ValueError, match=pattern):
        distributions.check_distribution_compatibility(old, new)


# --------------------------------------------------------------------------- representations


def test_float_repr_conversion() -> None:
    d = FloatDistribution(0.0, 10.0)
    assert d.to_internal_repr(3.5) == 3.5
    assert d.to_internal_repr(3) == 3.0
    assert isinstance(d.to_internal_repr(np.float32(2.5)), float)
    assert d.to_external_repr(4.25) == 4.25
    with pytest.raises(ValueError, match="abc"):
        d.to_internal_repr("abc")
    with pytest.raises(ValueError, match="NaN"):
        d.to_internal_repr(float("nan"))


def test_int_repr_conversion() -> None:
    d = IntDistribution(0, 10)
    assert d.to_internal_repr(3) == 3.0
    assert isinstance(d.to_internal_repr(3), float)
    assert d.to_internal_repr(np.int64(4)) == 4.0
    external = d.to_external_repr(7.0)
    assert external == 7 and type(external) is int
    with pytest.raises(ValueError, match="xyz"):
        d.to_internal_repr("xyz")


def test_categorical_repr_conversion_keeps_types_distinct() -> None:
    d = CategoricalDistribution((None, True, 1, 1.0, "1"))
    assert d.to_internal_repr(None) == 0
    assert d.to_internal_repr(True) == 1
    assert d.to_internal_repr(1) == 2
    assert d.to_internal_repr(1.0) == 3
    assert d.to_internal_repr("1") == 4
    for index, expected in enumerate([None, True, 1, 1.0, "1"]):
        external = d.to_external_repr(float(index))
        assert external == expected and type(external) is type(expected)
    with pytest.raises(ValueError, match="'missing'"):
        d.to_internal_repr("missing")


def test_categorical_numpy_values_are_found() -> None:
    d = CategoricalDistribution((True, 1, 2.5))
    assert d.to_internal_repr(np.int64(1)) == 1
    assert d.to_internal_repr(np.float64(2.5)) == 2


def test_categorical_false_and_zero_are_distinct() -> None:
    d = CategoricalDistribution((0, False, 0.0))
    assert d.to_internal_repr(0) == 0
    assert d.to_internal_repr(False) == 1
    assert d.to_internal_repr(0.0) == 2


# --------------------------------------------------------------------------- single / contains


@pytest.mark.parametrize(
    "dist, expected",
    [
        (FloatDistribution(1.0, 1.0), True),
        (FloatDistribution(0.0, 1.0), False),
        (FloatDistribution(1.0, 1.0, log=True), True),
        (lambda: FloatDistribution(0.0, 0.05, step=0.1), True),
        (FloatDistribution(0.0, 0.1, step=0.1), False),
        (IntDistribution(3, 3), True),
        (IntDistribution(3, 4), False),
        (IntDistribution(3, 3, log=True), True),
        (CategoricalDistribution(("x",)), True),
        (CategoricalDistribution(("x", "y")), False),
    ],
)
def test_single(dist, expected: bool) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if callable(dist):
            dist = dist()
        assert dist.single() is expected


def test_single_int_step_larger_than_range() -> None:
    with pytest.warns(UserWarning):
        d = IntDistribution(0, 1, step=2)
    assert d.high == 0
    assert d.single()


def test_contains() -> None:
    f = FloatDistribution(0.0, 1.0, step=0.25)
    assert f._contains(0.5) and f._contains(1.0)
    assert not f._contains(0.3) and not f._contains(1.25) and not f._contains(-0.25)
    i = IntDistribution(0, 10, step=2)
    assert i._contains(4) and not i._contains(5) and not i._contains(12)
    c = CategoricalDistribution(("a", "b"))
    assert c._contains(1) and not c._contains(2) and not c._contains(-1)


# --------------------------------------------------------------------------- object protocol


def test_equality_and_hash() -> None:
    assert FloatDistribution(0.0, 1.0) == FloatDistribution(0.0, 1.0)
    assert hash(FloatDistribution(0.0, 1.0)) == hash(FloatDistribution(0.0, 1.0))
    assert FloatDistribution(0.0, 1.0) != FloatDistribution(0.0, 2.0)
    assert FloatDistribution(0.1, 1.0) != FloatDistribution(0.1, 1.0, log=True)
    assert FloatDistribution(0.0, 1.0) != IntDistribution(0, 1)
    assert IntDistribution(0, 4, step=2) == IntDistribution(0, 4, step=2)
    assert CategoricalDistribution(("a", 1)) == CategoricalDistribution(("a", 1))
    assert hash(CategoricalDistribution(("a", 1))) == hash(CategoricalDistribution(("a", 1)))
    assert CategoricalDistribution((True,)) != CategoricalDistribution((1,))
    assert FloatDistribution(0.0, 1.0) != "FloatDistribution"
    # Usable as dict keys / in sets.
    assert len({FloatDistribution(0.0, 1.0), FloatDistribution(0.0, 1.0)}) == 1


def test_repr_round_trip_via_eval() -> None:
    for dist in _all_current_distributions().values():
        text = repr(dist)
        assert type(dist).__name__ in text
        assert eval(text, vars(distributions)) == dist


def test_copy_and_pickle() -> None:
    for dist in _all_current_distributions().values():
        assert copy.deepcopy(dist) == dist
        assert pickle.loads(pickle.dumps(dist)) == dist


def test_distribution_classes_constant() -> None:
    names = {cls.__name__ for cls in distributions.DISTRIBUTION_CLASSES}
    assert names == {
        "IntDistribution",
        "IntLogUniformDistribution",
        "IntUniformDistribution",
        "FloatDistribution",
        "UniformDistribution",
        "LogUniformDistribution",
        "DiscreteUniformDistribution",
        "CategoricalDistribution",
    }


def test_log_float_is_valid_at_tiny_positive_low() -> None:
    d = FloatDistribution(1e-300, 1.0, log=True)
    assert d.low == 1e-300 and not math.isnan(d.high)


def test_error_message_without_name_is_readable() -> None:
    with pytest.raises(ValueError) as excinfo:
        FloatDistribution(3.0, 1.0)
    assert "parameter ''" not in str(excinfo.value)
    assert re.search(r"low=3\.0", str(excinfo.value))
