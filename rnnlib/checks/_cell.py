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
import importlib.util
import io
import os
import random
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


# Line magics whose statement is the code they time (``%time x = f()``, ``%timeit f()``).
LINE_MAGICS = ("time", "timeit", "prun")


def _magic_call(node, method, n_args):
    """``(magic, arguments)`` if ``node`` is ``get_ipython().<method>('magic', ...)`` with
    constant string arguments, else None."""
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == method and len(node.args) == n_args
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
        return node.args[0].value, [a.value for a in node.args[1:]]
    return None


def _statement_of(magic, line):
    """The statement a ``%time``/``%timeit``/``%prun`` line runs (its options dropped)."""
    if magic != "time":
        line = re.sub(r"^(\s*-[a-zA-Z]+(\s*\d+)?)+\s", "", line)
    return line.strip()


class _UnwrapLineMagics(ast.NodeTransformer):
    """``%time stmt`` (``%timeit``, ``%prun``) as ``stmt`` itself, so that it runs in the
    namespace the cell runs in (as the grader runs it), not in the kernel's."""

    def visit_Expr(self, node):
        found = _magic_call(node.value, "run_line_magic", 2)
        if found and found[0] in LINE_MAGICS:
            try:
                return ast.parse(_statement_of(found[0], found[1][0])).body or ast.Pass()
            except SyntaxError:
                return node
        return self.generic_visit(node)

    def visit_Assign(self, node):
        found = _magic_call(node.value, "run_line_magic", 2)
        if found and found[0] in LINE_MAGICS:
            try:
                node.value = ast.parse(_statement_of(found[0], found[1][0]), mode="eval").body
            except SyntaxError:
                pass
            return node
        return self.generic_visit(node)


def cell_magic(source):
    """``(magic, body)`` if the cell ``source`` is one cell magic (``%%timeit``), else None."""
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return None
    if len(tree.body) == 1 and isinstance(tree.body[0], ast.Expr):
        found = _magic_call(tree.body[0].value, "run_cell_magic", 3)
        if found:
            return found[0], found[1][1]
    return None


def code_of(source):
    """The Python the kernel runs for the cell ``source`` in the notebook's namespace: IPython's
    magics as calls, the body of a ``%%time`` (``%%capture``, ``%%prun``) cell itself, and
    the statement of a ``%time`` (``%timeit``, ``%prun``) line itself."""
    magic = cell_magic(source)
    if magic and magic[0] in CODE_MAGICS:
        return code_of(magic[1])
    python = _python(source)
    if "run_line_magic" not in python:
        return python
    try:
        tree = _UnwrapLineMagics().visit(ast.parse(python))
        return ast.unparse(ast.fix_missing_locations(tree))
    except (SyntaxError, ValueError, RecursionError):
        return python


def hides(source, name):
    """Is ``source`` a cell magic that runs code binding ``name`` outside the notebook's
    namespace (``%%timeit`` over the exercise cell)? It is the exercise cell, and it binds
    nothing: the grader says NameError."""
    magic = cell_magic(source)
    return (magic is not None and magic[0] not in CODE_MAGICS
            and (binds(magic[1], name) or means_to_bind(magic[1], name)))


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


def _defines(source, name):
    return (isinstance(source, str) and name in source
            and (binds(source, name) or means_to_bind(source, name) or hides(source, name)))


# Every cell run in this kernel since rnnlib was imported: (cell id, source). Jupyter sends
# each cell's id with its execute request (ipykernel passes it to ``run_cell``); nbval and
# plain IPython send none.
RUNS = []


def _remember(info):
    RUNS.append((getattr(info, "cell_id", None), getattr(info, "raw_cell", None)))


def _install_hook():
    try:
        from IPython import get_ipython
        shell = get_ipython()
    except Exception:
        return
    if shell is None or getattr(shell, "_rnnlib_remembers_cells", False):
        return
    shell.events.register("pre_run_cell", _remember)
    shell._rnnlib_remembers_cells = True


_install_hook()


def exercise_cell_source(name):
    """The source of the exercise cell of ``name`` in this IPython kernel, or None.

    When Jupyter names cells (cell ids), each cell counts by its LATEST run (the only version
    the grader sees): the exercise cell is the cell run most recently whose latest run binds
    ``name``. A scratch cell that once held a draft ``def`` and was then rewritten into a test
    call no longer counts. Only when no cell's latest run binds ``name`` is it the cell run
    most recently that once bound it, judged as last run (a typo in the ``def`` line, an
    emptied cell: the grader says NameError). Without cell ids it is the last run that binds
    ``name``.

    A cell with a syntax error that looks as if it binds ``name`` counts: it is the exercise
    cell as the student left it, and the grader fails it with SyntaxError (never an older
    version from the history). So does a ``%%timeit`` cell over the ``def``. None outside
    IPython, and when no cell run binds it.
    """
    latest, seen = [], set()                 # (cell id, latest source), most recent first
    for cell_id, source in reversed(RUNS):
        if cell_id is None or cell_id not in seen:
            latest.append((cell_id, source))
            seen.add(cell_id)
    for cell_id, source in latest:
        if _defines(source, name):
            return source
    for cell_id, source in reversed(RUNS):   # no cell defines it now: the one that did
        if cell_id is not None and _defines(source, name):
            return dict(latest)[cell_id]
    try:
        from IPython import get_ipython
        shell = get_ipython()
        history = list(shell.history_manager.input_hist_raw) if shell is not None else []
    except Exception:
        return None
    for source in reversed(history):
        if _defines(source, name):
            return source
    return None


def own_module(module_name):
    """Is ``module_name`` a module of the student's own: a file in the notebook's folder (the
    working directory), which the grader, running in a temporary folder, does not have?"""
    top = module_name.split(".")[0]
    if not top or top in ("rnnlib", "numpy"):
        return False
    try:
        spec = importlib.util.find_spec(top)
    except (ImportError, ValueError):
        return False
    if spec is None:
        return False
    here = os.path.realpath(os.getcwd())
    # a file or package has an origin; a folder without __init__.py (a namespace package)
    # has none, only its search locations
    places = [getattr(spec, "origin", None)] + list(spec.submodule_search_locations or [])
    return any(isinstance(p, str) and os.path.isabs(p)
               and os.path.realpath(p).startswith(here + os.sep) for p in places)


def _graded_import(name, globals=None, locals=None, fromlist=(), level=0):
    """``import``, except that a module of the student's own is missing, as for the grader."""
    if level == 0 and own_module(name):
        raise ModuleNotFoundError(f"No module named {name.split('.')[0]!r} (a module of your "
                                  f"own: the grader runs your notebook without your other "
                                  f"files)", name=name.split(".")[0])
    return builtins.__import__(name, globals, locals, fromlist, level)


def first_cell_namespace():
    """A namespace as the notebook's first cell leaves it: np, rnnlib (and nothing else)."""
    graded_builtins = dict(vars(builtins), __import__=_graded_import)
    namespace = {"__name__": "__main__", "__builtins__": graded_builtins}
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
    Whatever the cell prints while it runs again is not shown, and the global random states
    (NumPy's and ``random``'s) are put back as they were, so that a ``np.random.seed`` at the
    top level of the cell does not reset the notebook's draws. Other top-level side effects
    on shared modules (``np.set_printoptions``, writing files) do happen again.
    """
    namespace = first_cell_namespace()
    np_state, py_state = _np_random().get_state(), random.getstate()
    try:
        if hides(source, name):           # %%timeit: the def runs in timeit's own namespace
            raise KeyError(name)
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            exec(compile(code_of(source), "<exercise cell>", "exec"), namespace)
        return namespace[name]
    except KeyError:
        error = NameError(f"name {name!r} is not defined")
    except Exception as e:                 # the student's cell is reported, never raised
        error = e
    finally:
        _np_random().set_state(np_state)
        random.setstate(py_state)

    def the_cell_raised(*args, **kwargs):
        raise error
    return the_cell_raised


def _np_random():
    import numpy
    return numpy.random


def graded_function(name, fn):
    """The function the grader judges: ``name`` from the exercise cell run alone (IPython),
    else ``fn`` as it is."""
    source = exercise_cell_source(name)
    return fn if source is None else run_alone(source, name)
