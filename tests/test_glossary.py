"""Each key term appears as "English (한국어)" in the notebook that introduces it."""
from pathlib import Path

import nbformat
import pytest

from rnnlib.glossary import GLOSSARY, glossary_markdown

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def markdown_of(number):
    [path] = NOTEBOOKS.glob(f"{number:02d}_*.ipynb")
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


@pytest.mark.parametrize("english, korean, number", GLOSSARY, ids=[g[0] for g in GLOSSARY])
def test_term_is_introduced_with_its_korean_name(english, korean, number):
    text = " ".join(markdown_of(number).replace("**", "").split())   # line breaks are spaces
    spellings = [f"{english} ({korean})", f"{english[0].upper()}{english[1:]} ({korean})"]
    assert any(s in text for s in spellings), f"{english} ({korean}) not in notebook {number:02d}"


def test_terms_are_unique():
    assert len({g[0] for g in GLOSSARY}) == len(GLOSSARY)


def test_start_here_shows_the_glossary():
    [path] = NOTEBOOKS.glob("00_*.ipynb")
    nb = nbformat.read(path, as_version=4)
    shown = "".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells
                    if c.cell_type == "code" for o in c.outputs)
    assert shown == glossary_markdown()
