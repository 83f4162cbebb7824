"""The Korean edition: translations of the markdown cells, and the notebooks built from them.

Each English notebook ``notebooks/NN_name.ipynb`` has a translation file
``notebooks/ko/translations/NN_name.md``: one entry per markdown cell, keyed by the cell's id,
recording which English text it translates (the first 12 hex digits of its SHA-256)::

    <!-- cell 37429c8e en:5d41402abc4b -->
    # 02 · 은닉 상태의 형상
    ...

A file a person can read, review and edit, rendered as markdown by any viewer. The Korean
notebook ``notebooks/ko/NN_name.ipynb`` is built from the English one: every code cell copied
as it is, every markdown cell replaced by its translation (:func:`build`), then executed like
the English one (``make notebooks``). The edition cannot go stale silently: :func:`problems`
names every English markdown cell whose translation is missing, unfinished, or recorded for
another English text, and ``tests/test_korean.py`` fails on any of them.
"""
import copy
import hashlib
import re
from pathlib import Path

import nbformat

MARKER = re.compile(r"^<!-- cell (\S+) en:(\S+) -->$", re.MULTILINE)
UNTRANSLATED = "TODO"                       # the hash of an entry still to be translated


def english_hash(source):
    """The recorded fingerprint of an English markdown cell: 12 hex digits of its SHA-256."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:12]


def translation_path(english_path):
    """``notebooks/NN_name.ipynb`` -> ``notebooks/ko/translations/NN_name.md``."""
    english_path = Path(english_path)
    return english_path.parent / "ko" / "translations" / (english_path.stem + ".md")


def korean_path(english_path):
    """``notebooks/NN_name.ipynb`` -> ``notebooks/ko/NN_name.ipynb``."""
    english_path = Path(english_path)
    return english_path.parent / "ko" / english_path.name


def read(path):
    """The entries of a translation file: ``{cell id: (English hash, Korean text)}``."""
    path = Path(path)
    if not path.exists():
        return {}
    text = path.read_text(encoding="utf-8")
    marks = list(MARKER.finditer(text))
    entries = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(text)
        entries[m.group(1)] = (m.group(2), text[m.end():end].strip("\n"))
    return entries


def write(path, entries):
    """Write ``{cell id: (hash, text)}`` in the order given."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = [f"<!-- cell {cid} en:{h} -->\n{text.strip(chr(10))}\n" for cid, (h, text)
              in entries.items()]
    path.write_text("\n".join(blocks), encoding="utf-8")


def problems(english_nb, entries, name):
    """Why the translation ``entries`` does not match the English notebook: a list of str."""
    found = []
    for cell in english_nb.cells:
        if cell.cell_type != "markdown":
            continue
        first = " ".join(cell.source.split())[:60]
        if cell.id not in entries:
            found.append(f"{name}: markdown cell {cell.id} ({first!r}...) has no translation")
            continue
        recorded, _ = entries[cell.id]
        if recorded == UNTRANSLATED:
            found.append(f"{name}: markdown cell {cell.id} ({first!r}...) is not translated yet")
        elif recorded != english_hash(cell.source):
            found.append(f"{name}: markdown cell {cell.id} ({first!r}...) changed in English "
                         f"since it was translated: update the translation and its en: hash "
                         f"to {english_hash(cell.source)}")
    ids = {c.id for c in english_nb.cells if c.cell_type == "markdown"}
    for cid in entries:
        if cid not in ids:
            found.append(f"{name}: the translation has an entry for cell {cid}, which the "
                         f"English notebook no longer has")
    return found


def build(english_nb, entries):
    """The Korean notebook: the English one with every markdown cell translated.

    Code cells (source, metadata, tags, exercise ids) are the English notebook's, copied;
    outputs are left for execution. Raises ``ValueError`` listing :func:`problems`.
    """
    trouble = problems(english_nb, entries, "notebook")
    if trouble:
        raise ValueError("\n".join(trouble))
    nb = copy.deepcopy(english_nb)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = entries[cell.id][1]
        else:
            cell.outputs, cell.execution_count = [], None
    nbformat.validate(nb)
    return nb


def stubs(english_nb, entries):
    """``entries`` completed for the English notebook, in its order: a cell without an entry
    gets its English text marked ``en:TODO``, so it fails the tests until translated."""
    out = {}
    for cell in english_nb.cells:
        if cell.cell_type == "markdown":
            out[cell.id] = entries.get(cell.id, (UNTRANSLATED, cell.source))
    return out


def sign(english_nb, entries):
    """``entries`` with every en:TODO entry that holds a translation (a text other than the
    English cell's) marked as translating the current English text."""
    english = {c.id: c.source for c in english_nb.cells if c.cell_type == "markdown"}
    out = {}
    for cid, (recorded, text) in entries.items():
        if recorded == UNTRANSLATED and cid in english and text.strip() != english[cid].strip():
            recorded = english_hash(english[cid])
        out[cid] = (recorded, text)
    return out
