"""Every markdown cell of both editions, rendered by JupyterLab's own renderer, renders right.

JupyterLab renders a markdown cell in the browser: `marked` (GitHub-flavoured Markdown, which
reads a pair of single `~` as strikethrough) and then MathJax. nbconvert's HTML does neither the
same way, so only JupyterLab itself shows a struck-through Korean range ("0.6~6% ... 0.3~1%") or
a `**` left as text ("**parameter (파라미터)**s"). This test starts one JupyterLab server and one
headless Chromium, opens a scratch notebook whose cells plant each fault (the test first checks
that it sees all three there), then renders every markdown cell of notebooks/ and notebooks/ko/
with that notebook's renderer (the `rendermime` registry its markdown cells use, MathJax
included) and fails, naming notebook and cell, on

- a strikethrough (`del`, `s` or `strike` element),
- a literal `**` in the rendered text,
- raw LaTeX left as text: `$` or a backslash command outside MathJax's output and outside code.

Needs /usr/bin/chromium and the `playwright` package, like tests/test_browser.py; skipped
without them unless RNN_COURSE_REQUIRE_BROWSER=1.
"""
import os
from pathlib import Path

import nbformat
import pytest

from rnnlib.course.browser import chromium, running_lab, unavailable

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = (sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             + sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb")))
REQUIRED = os.environ.get("RNN_COURSE_REQUIRE_BROWSER") == "1"

pytestmark = pytest.mark.browser

# Each planted cell shows one fault, as JupyterLab renders it.
PLANTED = {
    "strikethrough": "3절의 표에서 0.6~6%가 남는다. 입력이 없으면 0.3~1%만 남는다.",
    "literal **": "Everything a layer learns: each number is one **parameter (파라미터)**s of it.",
    "raw LaTeX": r"The gradient \frac{\partial L}{\partial h_t} written without dollar signs.",
}

# In the page: render one markdown source with the notebook's own renderer, then list faults.
RENDER_AND_INSPECT = """async ([sources]) => {
    const panel = window.jupyterapp.shell.currentWidget;
    const rendermime = panel.content.rendermime;
    const host = document.createElement('div');
    document.body.appendChild(host);
    const results = [];
    for (const [name, cell, source] of sources) {
        const renderer = rendermime.createRenderer('text/markdown');
        const model = {data: {'text/markdown': source}, metadata: {}, trusted: false,
                       setData: () => {}};
        host.appendChild(renderer.node);
        await renderer.renderModel(model);
        if (rendermime.latexTypesetter) {
            await rendermime.latexTypesetter.typeset(renderer.node);
        }
        results.push([name, cell, inspect(renderer.node)]);
        renderer.dispose();
        host.innerHTML = '';
    }
    host.remove();
    return results;

    function inspect(node) {
        const faults = [];
        for (const el of node.querySelectorAll('del, s, strike')) {
            faults.push('strikethrough: ' + JSON.stringify(el.textContent.slice(0, 80)));
        }
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode(); t; t = walker.nextNode()) {
            if (t.parentElement.closest('code, pre, mjx-container, .MathJax, script, style')) {
                continue;
            }
            const text = t.textContent;
            if (text.includes('**')) {
                faults.push('literal **: ' + JSON.stringify(text.slice(0, 80)));
            }
            if (/\\$|\\\\[A-Za-z]+|\\\\[{}()\\[\\]]/.test(text)) {
                faults.push('raw LaTeX: ' + JSON.stringify(text.slice(0, 80)));
            }
        }
        return faults;
    }
}"""


def markdown_cells():
    """(notebook, cell id, source) for every markdown cell of both editions."""
    cells = []
    for path in NOTEBOOKS:
        name = path.relative_to(ROOT / "notebooks").as_posix()
        nb = nbformat.read(path, as_version=4)
        cells += [(name, c.id, c.source) for c in nb.cells if c.cell_type == "markdown"]
    return cells


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    """A page of JupyterLab (one server, one headless Chromium) showing the planted notebook."""
    reason = unavailable()
    if reason:
        if REQUIRED:
            pytest.fail(f"RNN_COURSE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright
    root = tmp_path_factory.mktemp("rendering")
    planted = nbformat.v4.new_notebook()
    planted.cells = [nbformat.v4.new_markdown_cell(text, id=key.replace(" ", "-").strip("*-"))
                     for key, text in PLANTED.items()]
    nbformat.write(planted, root / "planted.ipynb")
    with running_lab(root) as (url, token), sync_playwright() as p, \
            chromium(p, tmp_path_factory.mktemp("chromium-profile")) as browser:
        tab = browser.new_page()
        tab.goto(f"{url}/lab/workspaces/rendering/tree/planted.ipynb?reset&token={token}")
        tab.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
            " && window.jupyterapp.shell.currentWidget.content"
            " && window.jupyterapp.shell.currentWidget.content.rendermime"
            " && [...window.jupyterapp.shell.currentWidget.content.node"
            "      .querySelectorAll('.jp-MarkdownOutput')]"
            "      .filter(e => e.textContent.trim()).length >= 3",
            timeout=120_000)
        yield tab


def render(page, cells):
    """{(notebook, cell id): [fault, ...]} for the cells that render with a fault."""
    results = page.evaluate(RENDER_AND_INSPECT, [cells])
    return {(name, cell): faults for name, cell, faults in results if faults}


def test_the_planted_faults_are_seen_in_the_notebook_and_by_the_renderer(page):
    # In the notebook as JupyterLab shows it: a struck-through range and a literal **.
    shown = page.evaluate("""() => {
        const node = window.jupyterapp.shell.currentWidget.content.node;
        return [node.querySelectorAll('.jp-MarkdownOutput del, .jp-MarkdownOutput s').length,
                [...node.querySelectorAll('.jp-MarkdownOutput')].map(e => e.textContent)];
    }""")
    assert shown[0] == 1, "JupyterLab did not strike the planted 0.6~6% ... 0.3~1% through"
    assert any("**parameter" in text for text in shown[1])
    # The same sources through the renderer this test uses: each fault named once.
    found = render(page, [("planted.ipynb", key, text) for key, text in PLANTED.items()])
    for key in PLANTED:
        faults = found.get(("planted.ipynb", key), [])
        assert [f for f in faults if f.startswith(key)], f"{key} not seen: {found}"


def test_every_markdown_cell_of_both_editions_renders_right(page):
    cells = markdown_cells()
    found = render(page, cells)
    assert len(cells) > 300
    assert not found, "\n".join(f"{name}, cell {cell}: {'; '.join(faults)}"
                                for (name, cell), faults in sorted(found.items()))
