"""Only the exercise cell is graded: find its source, and run it on its own.

The grader puts a submission's exercise cells into the instructor's notebook, so a helper
written in another cell is not there when the exercise is graded. The check in class and
:func:`rnnlib.checks.record` in the graded kernel judge the same function: the one the
exercise cell binds when it runs alone after the notebook's first cell (:data:`FIRST_CELL`).
See :mod:`rnnlib.checks._exercise`.
"""
import ast
import builtins
import contextlib
import io
import re
import warnings

# What every course notebook's first cell binds (tests/test_exercise_agreement.py holds every
# notebook to it): the only names an exercise cell finds besides its own and the builtins.
FIRST_CELL = "import numpy as np\nimport rnnlib\nfrom rnnlib.style import use_course_style\n"


class _Binds(ast.NodeVisitor):
    """The names a cell binds at its top level (not inside its functions or classes)."""

    def __init__(self):
        self.names = set()

    def visit_FunctionDef(self, node):
        self.names.add(node.name)
        for d in node.decorator_list:
            self.visit(d)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node):
        self.names.add(node.name)

    def visit_Lambda(self, node):
        pass

    def visit_ListComp(self, node):
        pass

    visit_SetComp = visit_DictComp = visit_GeneratorExp = visit_ListComp

    def visit_Name(self, node):
        if isinstance(node.ctx, ast.Store):
            self.names.add(node.id)

    def visit_alias(self, node):
        self.names.add(node.asname or node.name.split(".")[0])


def _python(source):
    from ..course.shortcuts import _python as python      # IPython's transformer, or as is
    return python(source)


# Cell magics that run their cell's code in the notebook's namespace (``%%time`` on an
# exercise cell): the code they run is the cell's code.
CODE_MAGICS = ("time", "capture", "prun")


def code_of(source):
    """The Python the kernel runs for the cell ``source`` in the notebook's namespace: IPython's
    magics as calls, and the body of a ``%%time`` (``%%capture``, ``%%prun``) cell itself."""
    python = _python(source)
    try:
        tree = ast.parse(python)
    except SyntaxError:
        return python
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        call = tree.body[0].value
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                and call.func.attr == "run_cell_magic" and len(call.args) == 3
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str)
                        for a in call.args) and call.args[0].value in CODE_MAGICS):
            return code_of(call.args[2].value)
    return python


def binds(source, name):
    """Does the cell ``source`` bind ``name`` at its top level?"""
    try:
        tree = ast.parse(code_of(source))
    except SyntaxError:
        return False
    visitor = _Binds()
    visitor.visit(tree)
    return name in visitor.names


def means_to_bind(source, name):
    """Does the cell ``source``, which Python cannot read, look as if it binds ``name``
    (a line ``def name``, ``class name`` or ``name = ...``)? It is the exercise cell, broken."""
    try:
        ast.parse(code_of(source))
        return False
    except SyntaxError:
        pass
    word = re.escape(name)
    return re.search(rf"^\s*((async\s+)?def|class)\s+{word}\b|^\s*{word}\s*(:[^=\n]*)?=(?!=)",
                     source, re.MULTILINE) is not None


def exercise_cell_source(name):
    """The source of the last cell run in this IPython kernel that binds ``name``, or None.

    A cell with a syntax error that looks as if it binds ``name`` counts: it is the exercise
    cell as the student left it, and the grader fails it with SyntaxError (never an older
    version from the history). None outside IPython, and when no cell of the history binds it.
    """
    try:
        from IPython import get_ipython
        shell = get_ipython()
        history = list(shell.history_manager.input_hist_raw) if shell is not None else []
    except Exception:
        return None
    for source in reversed(history):
        if isinstance(source, str) and name in source and (binds(source, name)
                                                            or means_to_bind(source, name)):
            return source
    return None


def first_cell_namespace():
    """A namespace as the notebook's first cell leaves it: np, rnnlib (and nothing else)."""
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    with contextlib.redirect_stdout(io.StringIO()):
        exec(compile(FIRST_CELL, "<first cell>", "exec"), namespace)
    try:
        from IPython import get_ipython
        if get_ipython() is not None:                 # what a %magic line becomes calls it
            namespace["get_ipython"] = get_ipython
    except ImportError:
        pass
    return namespace


def run_alone(source, name):
    """What ``name`` is after the cell ``source`` runs alone after the first cell.

    If the cell raises, or does not bind ``name``, a function that raises the same error
    stands in for it, so that every test input reports that error (as the grader would).
    Whatever the cell prints while it runs again is not shown.
    """
    namespace = first_cell_namespace()
    try:
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(code_of(source), "<exercise cell>", "exec"), namespace)
        return namespace[name]
    except KeyError:
        error = NameError(f"name {name!r} is not defined")
    except Exception as e:                 # the student's cell is reported, never raised
        error = e

    def the_cell_raised(*args, **kwargs):
        raise error
    return the_cell_raised


def graded_function(name, fn):
    """The function the grader judges: ``name`` from the exercise cell run alone (IPython),
    else ``fn`` as it is."""
    source = exercise_cell_source(name)
    return fn if source is None else run_alone(source, name)
