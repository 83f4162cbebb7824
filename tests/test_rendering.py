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
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = (sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
             + sorted((ROOT / "notebooks" / "ko").glob("[0-9][0-9]_*.ipynb")))
CHROMIUM = "/usr/bin/chromium"
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


def _unavailable():
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found: install Debian's chromium (`apt-get install chromium`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: `make test` installs it into .venv"
    return None


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
    reason = _unavailable()
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
    settings = root / ".lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / ".jupyter"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"),
               JUPYTERLAB_SETTINGS_DIR=str(root / ".lab-settings"))
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
         "--port", str(port), f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--allow-root", "--LabApp.expose_app_in_browser=True",
         "--ServerApp.open_browser=False"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=root,
        start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.3)
        with sync_playwright() as p:
            browser = p.chromium.launch_persistent_context(
                str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
                headless=True, viewport={"width": 1400, "height": 1000},
                args=["--headless", "--no-sandbox", "--disable-gpu",
                      "--disable-background-networking", "--no-first-run",
                      "--disable-component-update", "--disable-sync"])
            try:
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
            finally:
                browser.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


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
