import pytest

from rhetor.envvars import positive_number
from rhetor.errors import ConfigError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, 7.0), ("", 7.0), ("  ", 7.0), ("2.5", 2.5), (" 30 ", 30.0), ("1e3", 1000.0)],
)
def test_envvars_positive_number_reads_or_defaults(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("RHETOR_TEST_NUMBER", raising=False)
    else:
        monkeypatch.setenv("RHETOR_TEST_NUMBER", raw)
    assert positive_number("RHETOR_TEST_NUMBER", 7.0, "seconds") == expected


@pytest.mark.parametrize("raw", ["abc", "0", "-3", "nan", "inf", "-inf", "1e999"])
def test_envvars_positive_number_refuses_with_the_unit(monkeypatch, raw):
    monkeypatch.setenv("RHETOR_TEST_NUMBER", raw)
    with pytest.raises(ConfigError, match=r"RHETOR_TEST_NUMBER=.*give a number of seconds"):
        positive_number("RHETOR_TEST_NUMBER", 7.0, "seconds")
