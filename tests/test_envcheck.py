"""The environment check of notebook 00."""
from importlib import metadata

from rnnlib import envcheck


def fake_versions(**versions):
    def version_of(name):
        if name not in versions:
            raise metadata.PackageNotFoundError(name)
        return versions[name]
    return version_of


ALL_OK = {name: "99.0" for name, _, _ in envcheck.REQUIREMENTS}


def test_everything_installed(capsys):
    assert envcheck.environment_problems(fake_versions(**ALL_OK), python=(3, 11)) == []
    envcheck.check_environment(fake_versions(**ALL_OK), python=(3, 11))
    out = capsys.readouterr().out
    assert "Everything the course needs is installed." in out
    assert "99.0" not in out                       # no version numbers: same on every machine


def test_missing_and_too_old_say_what_to_do(capsys):
    versions = dict(ALL_OK, numpy="1.19.5")
    del versions["ipywidgets"]
    assert envcheck.environment_problems(fake_versions(**versions), python=(3, 11)) == [
        ("numpy >= 1.24", "too old"), ("ipywidgets >= 8.0", "missing")]
    envcheck.check_environment(fake_versions(**versions), python=(3, 11))
    out = capsys.readouterr().out
    assert "numpy >= 1.24" in out and "TOO OLD" in out
    assert "ipywidgets >= 8.0" in out and "MISSING" in out
    assert "make lab" in out


def test_old_python(capsys):
    envcheck.check_environment(fake_versions(**ALL_OK), python=(3, 8))
    out = capsys.readouterr().out
    assert "Python >= 3.10" in out and "TOO OLD" in out


def test_version_parsing():
    assert envcheck._version_tuple("1.26.4") == (1, 26, 4)
    assert envcheck._version_tuple("2.0rc1") == (2, 0)
    assert envcheck.requirement_status("numpy", "1.24", fake_versions(numpy="1.24.0")) == "ok"


def test_real_environment_is_complete():
    assert envcheck.environment_problems() == []
