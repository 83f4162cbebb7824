"""The environment check of notebook 00: what a student needs, and advice that fits where it
runs (a copy of the course with make, one without, an installed rnnlib on a hub)."""
from importlib import metadata
from pathlib import Path

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


def test_a_student_needs_no_test_tooling_and_no_jupyterlab_in_the_kernel():
    """A hub's kernel has what a student needs without nbval, pytest or JupyterLab."""
    names = {name for name, _, _ in envcheck.REQUIREMENTS}
    assert names == {"numpy", "matplotlib", "ipywidgets", "jupyterlab_widgets"}


def test_missing_and_too_old_say_what_to_do_in_a_course_folder_with_make(capsys):
    versions = dict(ALL_OK, numpy="1.19.5")
    del versions["ipywidgets"]
    assert envcheck.environment_problems(fake_versions(**versions), python=(3, 11)) == [
        ("numpy >= 1.24", "too old"), ("ipywidgets >= 8.0", "missing")]
    envcheck.check_environment(fake_versions(**versions), python=(3, 11),
                               folder=Path("/home/me/rnn-course"), has_make=True)
    out = capsys.readouterr().out
    assert "numpy >= 1.24" in out and "TOO OLD" in out
    assert "ipywidgets >= 8.0" in out and "MISSING" in out
    assert "make lab" in out and "/home/me/rnn-course" in out


def test_on_a_hub_the_advice_is_pip_in_the_kernel_not_make(capsys):
    versions = dict(ALL_OK)
    del versions["ipywidgets"]
    envcheck.check_environment(fake_versions(**versions), python=(3, 11), folder=None,
                               has_make=False)
    out = capsys.readouterr().out
    assert "make" not in out and "course folder" not in out
    assert '%pip install "ipywidgets>=8.0"' in out and "restart the kernel" in out


def test_a_course_folder_without_make_gets_pip(capsys):
    print(envcheck.advice([("numpy >= 1.24", "missing")], folder=Path("/c"), has_make=False))
    out = capsys.readouterr().out
    assert "make" not in out and "-m pip install -e ." in out and "/c" in out


def test_running_from_this_checkout_finds_its_folder():
    assert envcheck.course_folder() == Path(__file__).resolve().parents[1]


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
