"""The notebooks in a real browser: JupyterLab in headless Chromium, driven by Playwright.

One JupyterLab server and one browser serve every notebook. The server's root is a temporary
copy of the course, so JupyterLab's autosave never touches the stored notebooks. For each
notebook the test runs all cells, asserts that no cell shows an error or "Error displaying
widget", and, in every explorer of the notebook, presses the right arrow key on a slider and
waits for that explorer's figure to change, twice: the first move after the notebook ran and
a second, typical one. It prints, for every explorer and move, the time from the key press
to the new figure's image source in the page and to the next frame painted after that image
is decoded (measured in the page: a keydown listener, a MutationObserver on the explorer's
img, ``img.decode()`` and ``requestAnimationFrame``); a report, never an assertion (the
issue's target is 0.2 s). Run with ``-s`` to see the lines, or read them from the JUnit XML
(``record_property``). ``benchmarks/bench_keypress.py`` splits that time into its phases.

Needs /usr/bin/chromium (Debian's `chromium` package) and the `playwright` Python package.
Without them it is skipped, unless RNN_COURSE_REQUIRE_BROWSER=1 (as in CI), where it fails.
"""
import json
import os
import shutil
import time
import urllib.request
from pathlib import Path

import pytest

from rnnlib.course.browser import chromium, running_lab, unavailable

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# The Korean edition shares every code cell with the English one: one notebook of it is run
# here too, to see that it opens, runs and redraws in JupyterLab like its English twin.
KOREAN = [ROOT / "notebooks" / "ko" / "02_hidden_state_shapes.ipynb"]
REQUIRED = os.environ.get("RNN_COURSE_REQUIRE_BROWSER") == "1"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a free port of 127.0.0.1, serving a copy of the course."""
    reason = unavailable()
    if reason:
        if REQUIRED:
            pytest.fail(f"RNN_COURSE_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("course")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")
    with running_lab(root) as (url, token):
        yield url, token


NEWS_QUESTION = "official Jupyter news"


def test_the_course_environment_asks_no_news_question(lab):
    """JupyterLab reads the course's settings overrides (jupyter/rnn-course.json, installed into
    .venv by make and by the wheel): the news question is answered "never" for everyone."""
    url, token = lab
    with urllib.request.urlopen(f"{url}/lab/api/settings/@jupyterlab/apputils-extension:"
                                f"notification?token={token}", timeout=30) as response:
        setting = json.load(response)
    assert setting["schema"]["properties"]["fetchNews"]["default"] == "false", \
        "JupyterLab here does not read jupyter/rnn-course.json: run `make test` (or `make lab`)"


@pytest.fixture(scope="module")
def browser(lab, tmp_path_factory):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p, chromium(p, tmp_path_factory.mktemp("chromium-profile")) as c:
        yield c


def _wait_until_done(page, timeout_s=120):
    """Wait until the kernel is idle and no cell shows the [*] busy prompt."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        done = page.evaluate("""() => {
            const w = window.jupyterapp.shell.currentWidget;
            const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
            const prompts = [...w.node.querySelectorAll('.jp-InputArea-prompt')];
            return kernel !== null && kernel.status === 'idle'
                && !prompts.some(p => p.textContent.includes('[*]'));
        }""")
        if done:
            return
        time.sleep(0.25)
    raise AssertionError("the notebook did not finish running")


def _move_a_slider(page, explorer, k):
    """Press the right arrow on the first slider of ``explorer``; wait for its figure to change.

    Returns the milliseconds from the key press to the new image source in the page (the
    kernel's redraw, the message to the browser and the update of the DOM) and to the next
    frame painted once that image is decoded, timed in the page.
    """
    figure = explorer.locator("img").first
    explorer.scroll_into_view_if_needed()
    figure.wait_for(timeout=30_000)
    before = figure.get_attribute("src")
    handle = explorer.locator(".widget-slider .noUi-handle").first
    handle.focus()
    sel = f"{PANEL} .widget-interact"
    page.evaluate(
        """([sel, k]) => {
            window.__rnnPress = null;
            window.__rnnShown = null;
            window.__rnnPainted = null;
            const root = document.querySelectorAll(sel)[k];
            const before = root.querySelector('img').getAttribute('src');
            document.addEventListener('keydown', () => { window.__rnnPress = performance.now(); },
                                      {once: true, capture: true});
            const observer = new MutationObserver(() => {
                const img = root.querySelector('img');
                if (img && img.getAttribute('src') !== before) {
                    window.__rnnShown = performance.now();
                    observer.disconnect();
                    img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
                        window.__rnnPainted = performance.now();
                    }));
                }
            });
            observer.observe(root, {subtree: true, childList: true, attributes: true,
                                    attributeFilter: ['src']});
        }""", [sel, k])
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        """([sel, k, before]) => {
            const img = document.querySelectorAll(sel)[k].querySelector('img');
            return img && img.getAttribute('src') !== before;
        }""", arg=[sel, k, before], timeout=30_000)
    assert figure.get_attribute("src") != before
    page.wait_for_function("() => window.__rnnPainted !== null", timeout=5_000)
    return page.evaluate("() => [window.__rnnShown - window.__rnnPress,"
                         " window.__rnnPainted - window.__rnnPress]")


@pytest.mark.parametrize("path", NOTEBOOKS + KOREAN,
                         ids=lambda p: ("ko-" if p.parent.name == "ko" else "") + p.stem)
def test_notebook_runs_and_its_slider_redraws(lab, browser, path, record_property):
    url, token = lab
    page = browser.new_page()
    try:
        where = path.relative_to(ROOT).as_posix()              # notebooks/[ko/]NN_name.ipynb
        page.goto(f"{url}/lab/workspaces/{path.parent.name}-{path.stem}/tree/{where}"
                  f"?reset&token={token}")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                               " && window.jupyterapp.shell.currentWidget.sessionContext"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.isReady",
                               timeout=60_000)
        page.wait_for_timeout(500)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_timeout(1000)
        _wait_until_done(page)

        errors = page.evaluate("""() => {
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
            const found = [];
            for (let i = 0; i < cells.length; i++) {
                const cell = cells.get(i);
                if (cell.type !== 'code') continue;
                for (const out of cell.outputs.toJSON()) {
                    if (out.output_type === 'error') found.push(`cell ${i}: ${out.ename}`);
                }
            }
            return found;
        }""")
        assert errors == [], errors
        panel = page.locator(PANEL)
        assert "Error displaying widget" not in panel.inner_text()
        assert NEWS_QUESTION not in page.locator("body").inner_text()
        counts = page.evaluate("""() => [...window.jupyterapp.shell.currentWidget.node
            .querySelectorAll('.jp-InputArea-prompt')].map(p => p.textContent.trim())
            .filter(t => t.length > 0)""")
        assert counts and all(c != "[ ]:" for c in counts), counts

        explorers = panel.locator(".widget-interact")
        if explorers.count() == 0:
            assert int(path.stem[:2]) < 2, "from 02 on every notebook has a slider"
            return
        for k in range(explorers.count()):             # every explorer of the notebook
            explorer = explorers.nth(k)
            label = explorer.locator(".widget-slider .widget-label").first.inner_text()
            name = f"{'ko-' if path.parent.name == 'ko' else ''}{path.stem} explorer {k + 1}"
            for move in ("first", "second"):        # the first move after the run, a typical one
                ms, painted = _move_a_slider(page, explorer, k)
                print(f"\nkey press to new figure: {name} (slider {label!r}), {move} move: "
                      f"{ms:.0f} ms, painted {painted:.0f} ms (target 200 ms)", flush=True)
                record_property(f"key_to_figure_ms {name} {move}", round(ms))
                page.wait_for_timeout(300)
        assert "Error displaying widget" not in panel.inner_text()
    except Exception:
        page.screenshot(path=str(Path(os.environ.get("TMPDIR", "/tmp")) / f"{path.stem}.png"))
        raise
    finally:
        page.close()
