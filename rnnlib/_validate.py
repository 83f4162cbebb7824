"""One small helper that every public function of rnnlib calls to check its inputs.

It turns inputs into NumPy arrays (integers to float64; float32 stays float32), checks each
shape against a pattern of symbols such as ``("N", "D")`` or ``("D", "4H")``, binds each symbol
to a number the first time it is seen, and raises a ``ValueError`` that names the function, the
argument, the expected shape in symbols and in numbers, and what was given::

    rnn_step_forward: Wh must have shape (H, H) = (3, 3), got (3, 4)

So every error message in the package reads the same way.
"""
import re

import numpy as np

_SYMBOL = re.compile(r"^(\d*)([A-Za-z]\w*)$")


class ShapeError(ValueError):
    """A shape that does not fit; ``name`` is the argument the message blames."""

    def __init__(self, message, name):
        super().__init__(message)
        self.name = name


def as_float_array(fn, name, value):
    """``value`` as a float ndarray: integers and booleans become float64, floats keep their dtype.

    Raises ``ValueError`` naming ``fn`` and ``name`` when ``value`` is not real-valued numbers.
    """
    try:
        arr = np.asarray(value)
    except Exception as e:  # ragged lists and the like
        raise ValueError(f"{fn}: {name} must be an array of numbers, got {type(value).__name__} "
                         f"({e})") from None
    if arr.dtype.kind in "biu":
        return arr.astype(np.float64)
    if arr.dtype.kind != "f":
        raise ValueError(f"{fn}: {name} must hold real numbers, got dtype {arr.dtype}")
    return arr


def _fmt(dims):
    return "(" + ", ".join(str(d) for d in dims) + ("," if len(dims) == 1 else "") + ")"


def _expected(pattern, sizes):
    """A pattern in symbols and, where known, in numbers: '(H, H) = (3, 3)', '(N, D) = (N, 2)'."""
    symbolic = _fmt(pattern)
    numbers = []
    for sym in pattern:
        if isinstance(sym, int):
            numbers.append(sym)
            continue
        k, base = _SYMBOL.match(sym).groups()
        numbers.append((int(k) if k else 1) * sizes[base] if base in sizes else sym)
    if all(isinstance(n, str) for n in numbers):
        return symbolic
    return f"{symbolic} = {_fmt(numbers)}"


def _matches(fn, name, shape, pattern, sizes):
    """Bind new symbols of ``pattern`` from ``shape``; return False on a mismatch."""
    if len(shape) != len(pattern):
        return False
    bound = {}
    for size, sym in zip(shape, pattern):
        if isinstance(sym, int):
            if size != sym:
                return False
            continue
        k, base = _SYMBOL.match(sym).groups()
        k = int(k) if k else 1
        known = sizes.get(base, bound.get(base))
        if known is None:
            if size % k or size == 0:
                return False
            bound[base] = size // k
        elif size != k * known:
            return False
    sizes.update(bound)
    return True


def check_shape(fn, name, arr, *patterns, sizes, origins=None):
    """Check ``arr.shape`` against one of ``patterns``, binding symbols into ``sizes``.

    Parameters
    ----------
    fn, name : str
        Function and argument named in the error message.
    arr : ndarray
    *patterns : tuple
        Allowed shapes, each a tuple of symbols (``"N"``, ``"4H"``) or literal ints.
    sizes : dict
        Symbol -> size, updated in place with the symbols this shape defines.
    origins : dict, optional
        Symbol -> the argument that set it, updated in place; named in the message, so that
        "x_t must have shape (N, D) = (N, 5)" also says "(D = 5 is set by Wx)".
    """
    origins = {} if origins is None else origins
    for pattern in patterns:
        before = set(sizes)
        if _matches(fn, name, arr.shape, pattern, sizes):
            origins.update({sym: name for sym in set(sizes) - before})
            return arr
    wanted = " or ".join(_expected(p, sizes) for p in patterns)
    used = {m.group(2) for p in patterns for sym in p if isinstance(sym, str)
            for m in [_SYMBOL.match(sym)]}
    set_by = [f"{sym} = {sizes[sym]} is set by {origins[sym]}" for sym in sorted(used)
              if sym in origins and origins[sym] != name]
    note = f" ({'; '.join(set_by)})" if set_by else ""
    raise ShapeError(f"{fn}: {name} must have shape {wanted}, got {_fmt(arr.shape)}{note}", name)


def check_finite(fn, name, arr):
    """Raise ``ValueError`` when ``arr`` holds NaN or infinity."""
    if not np.all(np.isfinite(arr)):
        bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{fn}: {name} must be finite, got {bad} NaN or infinite value(s)")
    return arr


def validate(fn, spec, **values):
    """Convert and check several arguments at once.

    Parameters
    ----------
    fn : str
        Name of the calling function, for the error message.
    spec : dict
        Argument name -> one shape pattern (a tuple) or a list of allowed patterns.
        Arguments are checked in the order of ``spec``, so the first ones define the symbols:
        list the weights first, so that they define D and H and a wrongly shaped input is
        the one blamed.
    **values
        The arguments themselves.

    Returns
    -------
    arrays : list of ndarray
        The arguments as float arrays of one common dtype (float32 when all of them are
        float32, float64 otherwise), in the order of ``spec``.
    sizes : dict
        Every symbol's size, e.g. ``{"N": 2, "D": 3, "H": 4}``.
    """
    arrays = {name: as_float_array(fn, name, values[name]) for name in spec}
    try:
        sizes = _check_shapes(fn, spec, arrays)
    except ShapeError as e:
        raise ValueError(_better_blame(fn, spec, arrays, e)) from None
    for name in spec:
        check_finite(fn, name, arrays[name])
    dtype = np.result_type(*arrays.values())
    return [a.astype(dtype, copy=False) for a in arrays.values()], sizes


def _patterns(patterns):
    return [patterns] if isinstance(patterns, tuple) else patterns


def _check_shapes(fn, spec, arrays, origins=None):
    """Check the shapes of ``arrays`` in the order of ``spec``; return the symbols' sizes."""
    sizes, origins = {}, ({} if origins is None else origins)
    for name, patterns in spec.items():
        check_shape(fn, name, arrays[name], *_patterns(patterns), sizes=sizes, origins=origins)
    return sizes


def _fits(fn, spec, arrays):
    try:
        _check_shapes(fn, spec, arrays)
        return True
    except ShapeError:
        return False


def _better_blame(fn, spec, arrays, error):
    """The message of a shape ``error``, blaming the argument that is really wrong.

    Arguments are checked in order, so the first ones fix the symbols and a later one gets
    the blame. When leaving out exactly one argument makes all the others agree, that
    argument is the odd one out: the message names it, with the sizes the others set. A
    transposed matrix, or a sequence given time-major (T, N, D) where batch first (N, T, D)
    is expected, gets a hint when the other layout fits.
    """
    others = {name: dict(spec) for name in spec}
    for name in spec:
        del others[name][name]
    odd = [name for name in spec if _fits(fn, others[name], arrays)]
    blamed = odd[0] if len(odd) == 1 else error.name
    message = str(error)
    if blamed != error.name or odd == [blamed]:     # the sizes the others set, in numbers
        origins = {}
        sizes = _check_shapes(fn, others[blamed], arrays, origins)
        try:
            check_shape(fn, blamed, arrays[blamed], *_patterns(spec[blamed]), sizes=sizes,
                        origins=origins)
        except ShapeError as e:
            message = str(e)
    named, hint = _layout_hint(fn, spec, arrays, blamed)
    if hint and named != blamed:        # the likely cause first (x time-major makes h0 "wrong")
        return f"{fn}: {hint}; as it is, {message.removeprefix(f'{fn}: ')}"
    return message + (f"; {hint}" if hint else "")


def _layout_hint(fn, spec, arrays, blamed):
    """``(argument, 'x looks transposed ...' or 'x looks time-major ...')`` when that other
    layout of an argument fits, else ``(None, "")``."""
    candidates = [blamed] + [name for name in spec if name != blamed]
    for name in candidates:
        arr = arrays[name]
        for pattern in _patterns(spec[name]):
            if arr.ndim == 2 and len(pattern) == 2 and arr.shape[0] != arr.shape[1]:
                if _fits(fn, spec, dict(arrays, **{name: arr.T})):
                    return name, (f"{name} looks transposed: {_fmt(arr.shape)} is "
                                  f"{_fmt(pattern)} the other way round; pass {name}.T")
            if arr.ndim == 3 and len(pattern) == 3 and pattern[:2] == ("N", "T"):
                swapped = arr.transpose(1, 0, 2)
                if _fits(fn, spec, dict(arrays, **{name: swapped})):
                    return name, (f"{name} looks time-major, (T, N, {pattern[2]}) = "
                                  f"{_fmt(arr.shape)}: rnnlib takes batch first, "
                                  f"(N, T, {pattern[2]}); pass {name}.transpose(1, 0, 2)")
    return None, ""


def upstream(fn, name, grad, dtype, shape, symbols):
    """Check an upstream gradient against the shape its forward pass produced.

    ``shape`` is the expected shape in numbers, ``symbols`` the same in symbols (for the
    message); returns ``grad`` as an array of ``dtype``.
    """
    grad = as_float_array(fn, name, grad)
    check_shape(fn, name, grad, tuple(symbols), sizes=dict(zip(symbols, shape)))
    return check_finite(fn, name, grad).astype(dtype, copy=False)


def token_ids(fn, name, ids, vocab_size, min_len=1):
    """``ids`` as a 1-D int array of at least ``min_len`` token indices in 0 .. vocab_size-1.

    The one check of a text given as indices (:mod:`rnnlib.bigram`, :mod:`rnnlib.ngram`)::

        ngram.fit: ids must be a 1-D sequence of at least 2 token indices, got shape (2, 3)
    """
    from .losses import check_labels            # not at import: losses imports this module
    ids = np.asarray(ids)
    if ids.ndim != 1 or ids.size < min_len:
        raise ValueError(f"{fn}: {name} must be a 1-D sequence of at least {min_len} token "
                         f"indices, got shape {ids.shape}")
    return check_labels(fn, name, ids, {"L": ids.size}, vocab_size)
