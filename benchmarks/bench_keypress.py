"""Where the time of a slider key press goes, in JupyterLab in headless Chromium.

    python benchmarks/bench_keypress.py [--moves 2] [--old DIR] [explorer names ...]

Builds one notebook with every explorer that takes no argument, runs it in JupyterLab, and
presses the right arrow key on each explorer's first slider ``--moves`` times. For each press
it prints, in ms from the key press (all clocks are this machine's wall clock, the page's
``performance.timeOrigin + performance.now()`` and the kernel's ``time.time()``):

    sent      the slider's new value leaves the page (the comm message to the kernel)
    f0        the kernel starts the drawing function
    f1        the drawing function returns
    p0, p1    the PNG's rendering and encoding (Picture.png) starts, ends
    done      the kernel's update is over (PNG encoded and sent)
    recv      the page has received the last message of the update
    src       the explorer's img has its new source (what tests/test_browser.py reports)
    shown     that image is decoded and the next frame is painted

``--old DIR`` puts DIR first on the kernel's path (a copy of another version of ``rnnlib``,
e.g. ``git archive main rnnlib | tar -x -C DIR`` and ``ln -s $PWD/data DIR/data``, since
``rnnlib.data`` reads ``data/`` beside the package) and runs that version first, then this one,
so the two are compared in one machine state. Needs /usr/bin/chromium and playwright, as the
browser test does.
"""
import argparse
import json
import os
import secrets
import tempfile
import time
from pathlib import Path

import nbformat

from rnnlib.course.browser import chromium, running_lab, unavailable

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
EXPLORERS = ["tanh_point_explorer", "shapes_explorer", "weight_scale_explorer",
             "concat_w_explorer", "hidden_size_explorer", "retrain_explorer",
             "gradient_explorer", "gate_explorer", "highway_explorer"]

SETUP = """\
import json, time
import rnnlib, rnnlib.widgets
from rnnlib.style import use_course_style
use_course_style()
print(rnnlib.__file__)
_LOG = open({log!r}, "a")
from rnnlib.widgets import _explorer
_png = _explorer.Picture.png
def _timed_png(self):
    start = time.time()
    data = _png(self)
    _LOG.write(json.dumps(["", "p0", 1e3 * start]) + "\\n")
    _LOG.write(json.dumps(["", "p1", 1e3 * time.time()]) + "\\n")
    _LOG.flush()
    return data
_explorer.Picture.png = _timed_png
def _watch(w, name):
    f = w.f
    def timed(**kwargs):
        start = time.time()
        result = f(**kwargs)
        _LOG.write(json.dumps([name, "f0", 1e3 * start]) + "\\n")
        _LOG.write(json.dumps([name, "f1", 1e3 * time.time()]) + "\\n")
        _LOG.flush()
        return result
    w.f = timed
    for s in w.kwargs_widgets:        # observers run in order: this one after the update
        s.observe(lambda change: (_LOG.write(json.dumps([name, "done", 1e3 * time.time()])
                                             + "\\n"), _LOG.flush()), names="value")
    return w
"""

HOOK = """() => {
    window.__kp = [];
    const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    kernel.anyMessage.connect((_, args) => {
        window.__kp.push([performance.timeOrigin + performance.now(), args.direction,
                          args.msg.header.msg_type]);
    });
}"""

ARM = """([sel, k]) => {
    const root = document.querySelectorAll(sel)[k];
    const before = root.querySelector('img').getAttribute('src');
    const t = {};
    window.__kpPress = t;
    window.__kp = [];
    const now = () => performance.timeOrigin + performance.now();
    document.addEventListener('keydown', () => { t.press = now(); }, {once: true, capture: true});
    const observer = new MutationObserver(() => {
        const img = root.querySelector('img');
        if (img && img.getAttribute('src') !== before) {
            t.src = now();
            observer.disconnect();
            img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
                t.shown = now();
            }));
        }
    });
    observer.observe(root, {subtree: true, childList: true, attributes: true,
                            attributeFilter: ['src']});
}"""


def wait_until_done(page, timeout_s=180):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if page.evaluate("""() => {
            const w = window.jupyterapp.shell.currentWidget;
            const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
            return kernel !== null && kernel.status === 'idle'
                && ![...w.node.querySelectorAll('.jp-InputArea-prompt')]
                    .some(p => p.textContent.includes('[*]'));
        }"""):
            return
        time.sleep(0.25)
    raise RuntimeError("the notebook did not finish running")


def run(browser, names, moves, extra_path, label):
    root = Path(tempfile.mkdtemp(prefix="kp-"))
    log = root / "kernel.jsonl"
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {
        "display_name": "Python 3", "language": "python", "name": "python3"}})
    nb.cells = [nbformat.v4.new_code_cell(SETUP.format(log=str(log)))]
    nb.cells += [nbformat.v4.new_code_cell(f"_watch(rnnlib.widgets.{n}(), {n!r})") for n in names]
    nbformat.write(nb, root / "kp.ipynb")
    rows = []
    with running_lab(root, pythonpath=extra_path) as (url, token):
        page = browser.new_page()
        page.goto(f"{url}/lab/workspaces/kp{secrets.token_hex(4)}/tree/kp.ipynb"
                  f"?reset&token={token}")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell.currentWidget"
                               " && window.jupyterapp.shell.currentWidget.sessionContext"
                               " && window.jupyterapp.shell.currentWidget.sessionContext.isReady",
                               timeout=60_000)
        page.wait_for_timeout(500)
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        page.wait_for_timeout(1000)
        wait_until_done(page)
        errors = page.evaluate("""() => {
            const cells = window.jupyterapp.shell.currentWidget.content.model.cells;
            const found = [];
            for (let i = 0; i < cells.length; i++) {
                for (const out of cells.get(i).outputs.toJSON()) {
                    if (out.output_type === 'error') found.push(`cell ${i}: ${out.evalue}`);
                }
            }
            return found;
        }""")
        if errors:
            raise RuntimeError(f"the notebook failed: {errors}")
        page.evaluate(HOOK)
        sel = f"{PANEL} .widget-interact"
        for k, name in enumerate(names):
            explorer = page.locator(sel).nth(k)
            explorer.scroll_into_view_if_needed()
            explorer.locator("img").first.wait_for(state="attached", timeout=30_000)
            for move in range(moves):
                page.wait_for_timeout(300)
                log.write_text("")
                handle = explorer.locator(".widget-slider .noUi-handle").first
                handle.focus()
                page.evaluate(ARM, [sel, k])
                page.keyboard.press("ArrowRight")
                page.wait_for_function("() => window.__kpPress.shown !== undefined",
                                       timeout=30_000)
                page.wait_for_timeout(100)
                t = page.evaluate("() => window.__kpPress")
                msgs = page.evaluate("() => window.__kp")
                kernel = {}
                for line in log.read_text().splitlines():
                    _, what, ms = json.loads(line)
                    kernel.setdefault(what, ms)
                press = t["press"]
                sent = [m[0] for m in msgs if m[1] == "send" and m[2] == "comm_msg"]
                recv = [m[0] for m in msgs if m[1] == "recv" and m[0] <= t["src"]]
                row = dict(name=name, move=move + 1, sent=sent[0] - press if sent else None,
                           **{w: ms - press for w, ms in kernel.items()},
                           recv=recv[-1] - press if recv else None, src=t["src"] - press,
                           shown=t["shown"] - press,
                           types=" ".join(f"{m[1][0]}:{m[2]}" for m in msgs))
                rows.append(row)
                print(f"{label:4s} {name:22s} move {move + 1}  " + "  ".join(
                    f"{w} {row[w]:6.0f}" if row.get(w) is not None else f"{w}      -"
                    for w in ("sent", "f0", "f1", "p0", "p1", "done", "recv", "src",
                              "shown")), flush=True)
        page.close()
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*", default=EXPLORERS)
    parser.add_argument("--moves", type=int, default=2)
    parser.add_argument("--old", help="a directory holding another rnnlib, run first")
    parser.add_argument("--messages", action="store_true", help="print each press's messages")
    args = parser.parse_args()
    reason = unavailable()
    if reason:
        print(f"key press to new figure: skipped, {reason}")
        return
    print(f"load average {os.getloadavg()[0]:.1f}; ms after the key press:")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p, tempfile.TemporaryDirectory() as profile, \
            chromium(p, profile) as browser:
        runs = [("old", args.old)] if args.old else []
        for label, path in runs + [("new" if args.old else "", None)]:
            rows = run(browser, args.names, args.moves, path, label)
            if args.messages:
                for row in rows:
                    print(f"  {row['name']} move {row['move']}: {row['types']}")
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
