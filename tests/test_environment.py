"""environment.yml (conda) and pyproject.toml (pip) describe the same environment, and the
course environment (`make lab`) holds what a student needs and no test tooling."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
TEST_TOOLING = {"nbval", "pytest", "pytest-xdist", "playwright"}


def _name_and_spec(requirement):
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def course_requirements():
    """What `make lab` installs: the dependencies and the lab extra."""
    return dict(_name_and_spec(r) for r in
                PROJECT["dependencies"] + PROJECT["optional-dependencies"]["lab"])


def conda_requirements():
    """The packages of environment.yml, read as plain text (one '- name spec' a line): the
    conda ones, and those of pip:'s list that are not on conda-forge (not the course, ".")."""
    reqs, in_deps = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"  (?:    )?- ([A-Za-z0-9_.\-]+[^#]*?)\s*(?:#.*)?$", line)
        if in_deps and m and not m.group(1).startswith("pip:") and m.group(1) != ".":
            name, spec = _name_and_spec(m.group(1))
            reqs[name] = spec
    return reqs


def test_same_packages_and_versions():
    conda = conda_requirements()
    conda.pop("pip")
    python = conda.pop("python")
    assert conda == course_requirements()
    assert python == PROJECT["requires-python"]


def test_the_course_environment_has_no_test_tooling():
    assert not TEST_TOOLING & set(course_requirements())
    extras = PROJECT["optional-dependencies"]
    assert "rnnlib[lab,grade]" in extras["dev"]          # make test: the course, grading, tests
    dev = {_name_and_spec(r)[0] for r in extras["dev"] + extras["grade"]}
    assert TEST_TOOLING <= dev


def test_conda_environment_installs_the_package_with_its_lab_settings():
    assert re.search(r"^      - \.$", (ROOT / "environment.yml").read_text(), re.MULTILINE)


def test_lab_settings_turn_off_the_news_question():
    """JupyterLab 4 reads share/jupyter/lab/settings/overrides.d/*.json of its environment:
    the wheel installs the course's file there, and so does make."""
    import json
    settings = json.loads((ROOT / "jupyter" / "rnn-course.json").read_text())
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "data-files"]
    assert data_files["share/jupyter/lab/settings/overrides.d"] == ["jupyter/rnn-course.json"]
    makefile = (ROOT / "Makefile").read_text()
    assert "share/jupyter/lab/settings/overrides.d/rnn-course.json" in makefile
