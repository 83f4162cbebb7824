"""environment.yml (conda) and pyproject.toml (pip) describe the same environment."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _name_and_spec(requirement):
    m = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def pyproject_requirements():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    assert "rnnlib[grade]" in extras["dev"]          # dev includes what grading needs
    reqs = project["dependencies"] + extras["grade"] + [r for r in extras["dev"]
                                                        if not r.startswith("rnnlib")]
    return dict(_name_and_spec(r) for r in reqs)


def conda_requirements():
    """The conda packages of environment.yml, read as plain text (one '- name spec' a line)."""
    reqs, in_deps = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        m = re.match(r"  - ([A-Za-z0-9_.\-]+[^#]*)$", line)   # top level only, not pip:'s list
        if in_deps and m and not m.group(1).startswith("pip:"):
            name, spec = _name_and_spec(m.group(1))
            reqs[name] = spec
    return reqs


def test_same_packages_and_versions():
    conda = conda_requirements()
    conda.pop("pip")
    python = conda.pop("python")
    assert conda == pyproject_requirements()
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert python == requires


def test_conda_environment_installs_the_package():
    assert "- -e ." in (ROOT / "environment.yml").read_text()
