"""The Korean edition: a twin of every notebook that cannot go stale without a test saying so.

Every markdown cell of an English notebook has a translation recording the English text it
translates; the stored Korean notebook is the English one with those translations, its code
cells exactly the English ones; math and numbers are unchanged; each glossary term appears as
"한국어(English)" in the notebook that introduces it. (nbval runs the Korean notebooks with
the English ones, and the grading tests grade a Korean submission.)
"""
import re
from pathlib import Path

import nbformat
import pytest

from rnnlib.course import translations
from rnnlib.glossary import GLOSSARY, KOREAN_EDITION_TERMS, glossary_markdown

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
ENGLISH = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
MATH = re.compile(r"\$\$.+?\$\$|\$[^$\n]+?\$", re.DOTALL)
# A number: digits not glued to Latin letters or other digits (a Korean particle may follow it).
NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:[.,]\d+)*(?![A-Za-z0-9_])")


@pytest.fixture(params=ENGLISH, ids=lambda p: p.stem)
def pair(request):
    english = nbformat.read(request.param, as_version=4)
    path = translations.korean_path(request.param)
    assert path.exists(), f"{path.name} has no Korean twin in notebooks/ko/"
    return request.param, english, nbformat.read(path, as_version=4)


def test_every_translation_is_there_and_up_to_date(pair):
    path, english, _ = pair
    entries = translations.read(translations.translation_path(path))
    trouble = translations.problems(english, entries, path.name)
    assert not trouble, "\n".join(trouble)


def test_stored_korean_notebook_is_built_from_the_english_one(pair):
    path, english, korean = pair
    entries = translations.read(translations.translation_path(path))
    assert [c.id for c in korean.cells] == [c.id for c in english.cells], \
        f"{path.name}: cells added, removed or moved; run `make notebooks`"
    for e, k in zip(english.cells, korean.cells):
        assert k.cell_type == e.cell_type
        if e.cell_type == "code":
            assert (k.source, k.metadata) == (e.source, e.metadata), \
                f"{path.name}: code cell {e.id} differs from the English one; run `make notebooks`"
        else:
            assert k.source == entries[e.id][1], \
                f"{path.name}: markdown cell {e.id} is not its translation; run `make notebooks`"


def test_math_and_numbers_are_unchanged(pair):
    path, english, korean = pair
    for e, k in zip(english.cells, korean.cells):
        if e.cell_type != "markdown":
            continue
        # Words in \text{...} are prose inside a formula: translated, the rest is the same.
        formulas = lambda s: sorted(re.sub(r"\\text\{[^{}]*\}", r"\\text{}", m) for m in MATH.findall(s))
        assert formulas(e.source) == formulas(k.source), \
            f"{path.name}, cell {e.id}: the formulas differ from the English"
        # 30 000 (English) and 30,000 (Korean, STYLE.ko.md 5) are one number.
        plain = lambda s: NUMBER.findall(re.sub(r"(?<=\d)[ ,](?=\d{3}(?!\d))", "", MATH.sub(
            " ", re.sub(r"`[^`]*`", " ", s))))
        missing = sorted(set(plain(e.source)) - set(plain(k.source)))
        assert not missing, f"{path.name}, cell {e.id}: numbers {missing} are not in the Korean"


def korean_markdown(number):
    [path] = (NOTEBOOKS / "ko").glob(f"{number:02d}_*.ipynb")
    nb = nbformat.read(path, as_version=4)
    return " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown")
                    .replace("**", "").split())


@pytest.mark.parametrize("english, korean, number", GLOSSARY + KOREAN_EDITION_TERMS,
                         ids=[g[0] for g in GLOSSARY + KOREAN_EDITION_TERMS])
def test_term_is_introduced_korean_first(english, korean, number):
    text = korean_markdown(number)
    spellings = [f"{korean}({english})", f"{korean} ({english})",
                 f"{korean}({english[0].upper()}{english[1:]})"]
    assert any(s in text for s in spellings), f"{korean}({english}) not in ko/{number:02d}"


def test_korean_start_here_shows_the_glossary_korean_first():
    [path] = (NOTEBOOKS / "ko").glob("00_*.ipynb")
    nb = nbformat.read(path, as_version=4)
    shown = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells
                    if c.cell_type == "code" for o in c.outputs)
    assert shown == glossary_markdown(korean_first=True)
    assert shown.startswith("| 한국어 | 영어 |")


def test_a_changed_english_sentence_is_named(tmp_path):
    """What the first test says when an English markdown cell changes after its translation."""
    path = ENGLISH[2]
    english = nbformat.read(path, as_version=4)
    entries = translations.read(translations.translation_path(path))
    cell = next(c for c in english.cells if c.cell_type == "markdown")
    cell.source += "\nOne more sentence."
    [message] = translations.problems(english, entries, path.name)
    assert path.name in message and cell.id in message and "changed in English" in message
    with pytest.raises(ValueError, match=cell.id):
        translations.build(english, entries)
