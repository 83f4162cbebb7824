"""Every course notebook follows the course's shape (see CONTRIBUTING.md).

Title, "What you will learn", "Summary", "Next"; the same first code cell; executed top to
bottom with no error stored; from 02 on, an explorer and an exercise with its check, whose
stored verdict is PASSED.
"""
import re
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9][0-9]_*.ipynb"))
EXPECTED = ["00_start_here", "01_sequential_data", "02_hidden_state_shapes",
            "03_tanh_nonlinearity", "04_splitting_w", "05_many_to_one_forward",
            "06_many_to_one_backward", "07_lstm_gates", "08_char_language_model",
            "09_gru_attention"]
FIRST_CODE = "import numpy as np\nimport rnnlib\nfrom rnnlib.style import use_course_style"


def load(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def tags(cell):
    return cell.metadata.get("tags", [])


def text(cell):
    return "".join(o.get("text", "") for o in cell.get("outputs", []))


def test_every_notebook_of_the_course_is_there():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    return request.param, load(request.param)


def test_headings(notebook):
    path, nb = notebook
    number = path.stem[:2]
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(f"# {number} · ")
    for heading in ("## What you will learn", "## Summary"):
        assert heading in markdown
    if path.stem != EXPECTED[-1]:
        assert "## Next" in markdown


def test_first_code_cell_is_the_course_setup(notebook):
    _, nb = notebook
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert first.source.startswith(FIRST_CODE)


def test_stored_executed_in_order_without_errors(notebook):
    _, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    for c in code:
        assert not any(o.output_type == "error" for o in c.outputs), c.source[:60]
        assert "Traceback" not in text(c)


def test_ignored_outputs_are_only_widgets(notebook):
    _, nb = notebook
    for c in nb.cells:
        if "nbval-ignore-output" in tags(c):
            assert re.fullmatch(r"rnnlib\.widgets\.\w+\(.*\)", c.source.strip()), c.source


def test_explorers_exercises_and_checks(notebook):
    path, nb = notebook
    cells = nb.cells
    explorers = [c for c in cells if "nbval-ignore-output" in tags(c)]
    exercises = [i for i, c in enumerate(cells) if "exercise" in tags(c)]
    if int(path.stem[:2]) >= 2:
        assert explorers, "from 02 on every notebook has a slider explorer"
        assert exercises, "from 02 on every notebook has an exercise"
    for i in exercises:
        ex = cells[i]
        ex_id = ex.metadata["exercise_id"]
        assert ex_id.startswith(path.stem[:2] + "_")
        assert "### BEGIN SOLUTION" in ex.source and "### END SOLUTION" in ex.source
        follower = cells[i + 1]
        assert "check" in tags(follower) and follower.metadata["exercise_id"] == ex_id
        assert text(follower).startswith(f"PASSED {ex_id}:"), text(follower)


def test_exercise_ids_are_unique_across_the_course():
    ids = [c.metadata["exercise_id"] for p in NOTEBOOKS for c in load(p).cells
           if "exercise" in tags(c)]
    assert len(ids) == len(set(ids))


def test_every_exercise_is_graded_by_its_registered_check(notebook, capsys):
    """The grader finds each exercise in rnnlib.checks.EXERCISES, under the same function name
    the check cell passes, and the check cell's checker judges that same exercise."""
    import ast

    from rnnlib import checks
    _, nb = notebook
    for i, cell in enumerate(nb.cells):
        if "exercise" not in tags(cell):
            continue
        ex_id = cell.metadata["exercise_id"]
        assert ex_id in checks.EXERCISES, ex_id
        exercise = checks.EXERCISES[ex_id]
        defined = {n.name for n in ast.walk(ast.parse(cell.source))
                   if isinstance(n, ast.FunctionDef)}
        assert exercise.function in defined, (ex_id, defined)
        call = ast.parse(nb.cells[i + 1].source).body[0].value
        assert ast.unparse(call.func).startswith("rnnlib.checks.check_")
        assert [ast.unparse(a) for a in call.args] == [exercise.function]
        getattr(checks, call.func.attr)(lambda *a: 1 / 0)
        assert capsys.readouterr().out.startswith(f"FAILED {ex_id}: your function raised")
