"""Does an exercise cell call the library function it was asked to write?

Each exercise declares the functions it asks the student to write (``Exercise.writes``,
for example ``rnn_step_forward`` for notebook 02's ``rnn_step``). A submission whose exercise
cell refers to one of them fails, with a reason that names it. The look is static, at the
cell's syntax tree (IPython's ``%magic`` lines included, through IPython's own transformer):

- an attribute of that name, ``rnnlib.rnn_step_forward``, ``np.tanh``, ``anything.softmax``;
- an import of it, ``from rnnlib import rnn_step_forward as step``;
- a bare name of it that the cell does not define itself (``from numpy import *``);
- a string that is exactly the name, given to a call (``getattr(rnnlib, "rnn_step_forward")``;
  not ``mode = "train"``).

What it does not catch (README, "What grading guards against"): a name built at run time
(``getattr(rnnlib, "rnn_" + "step_forward")``, ``exec``), a function reached through another
object that holds it, or code copied in from elsewhere.

>>> uses("def rnn_step(x, h, Wx, Wh, b):\\n    return rnnlib.rnn_step_forward(x, h, Wx, Wh, b)[0]",
...      {"rnn_step_forward": "rnnlib.rnn_step_forward"})
['rnnlib.rnn_step_forward']
>>> uses("import scipy.special\\np = scipy.special.softmax(z)",
...      {"softmax": "rnnlib.activations.softmax"})
['scipy.special.softmax']
>>> uses("softmax = lambda z: z / z.sum()\\nout = softmax(z)",
...      {"softmax": "rnnlib.activations.softmax"})
[]
"""
import ast

MAGICS = ("run_line_magic", "run_cell_magic")


def _python(source):
    """The cell as plain Python: IPython magics become calls, as the kernel runs them."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager
        return TransformerManager().transform_cell(source)
    except Exception:                     # no IPython, or a cell IPython cannot read either
        return source


def _trees(source, depth=0):
    """Syntax trees of the cell and of the code inside its magics (``%time x = f()``)."""
    try:
        tree = ast.parse(_python(source))
    except SyntaxError:
        return []                         # the cell fails when run, and is graded so
    trees = [tree]
    if depth < 2:
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MAGICS):
                for arg in node.args[1:]:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        trees += _trees(arg.value, depth + 1)
    return trees


def _defined(tree):
    """Names the cell binds itself: assignments, loop variables, functions, classes, arguments."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, (ast.Store, ast.Del)):
            names.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
    return names


def _named(written, course_name):
    """How a reason names what the cell used: the course's name when the cell reached it
    through rnnlib (or by a bare name or a string), else what the cell wrote
    (``scipy.special.softmax`` is not ``rnnlib.activations.softmax``, and
    ``rnnlib.activations.tanh`` is not ``np.tanh``)."""
    if written is None or (written.split(".")[0] == "rnnlib"
                           and course_name.split(".")[0] == "rnnlib"):
        return course_name
    return written


def uses(source, writes):
    """What of ``writes`` (name -> what it is) the code ``source`` refers to, in order.

    Each is named as the course names it if the cell reached it through rnnlib, by a bare
    name or by a string; as the cell wrote it otherwise (``np.tanh``, ``scipy.special.softmax``).
    """
    found = []
    for tree in _trees(source):
        defined = _defined(tree)
        call_args = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
                     for arg in node.args}       # getattr(rnnlib, "name"), not mode = "train"
        imported = {alias.asname or alias.name: f"{node.module}.{alias.name}"
                    for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                    for alias in node.names}
        for node in ast.walk(tree):
            written = None
            if isinstance(node, ast.Attribute):
                name, written = node.attr, ast.unparse(node)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                name = node.id if node.id not in defined else None
                if name in imported:
                    name, written = imported[name].rsplit(".", 1)[-1], imported[name]
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if alias.name in writes:
                        what = _named(f"{node.module}.{alias.name}", writes[alias.name])
                        if what not in found:
                            found.append(what)
                continue
            elif isinstance(node, ast.Import):
                name = None
                for alias in node.names:
                    last = alias.name.rsplit(".", 1)[-1]
                    if last in writes:
                        what = _named(alias.name, writes[last])
                        if what not in found:
                            found.append(what)
                continue
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                name = node.value if id(node) in call_args else None
            else:
                continue
            if name in writes:
                what = _named(written, writes[name])
                if what not in found:
                    found.append(what)
    return found
