"""JupyterLab in headless Chromium: what the browser tests and the key-press benchmark share.

- :func:`running_lab`: a JupyterLab server on a free port of 127.0.0.1 serving a folder, with
  every cell rendered, stopped (its whole process group) on exit;
- :func:`chromium`: Debian's Chromium, driven by Playwright, with the flags this kind of
  closed machine needs;
- :func:`unavailable`: why the two cannot run here, or None.

Used by ``tests/test_browser.py``, ``tests/test_rendering.py`` and
``benchmarks/bench_keypress.py``. Needs /usr/bin/chromium (Debian's ``chromium`` package;
Playwright's own browser download does not work here) and the ``playwright`` package (the
dev extra, which ``make test`` installs).
"""
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
# Headless, as root in a container; no background connections (a closed network refuses
# them, many at a time), no first-run, update or sync work.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--no-first-run", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}


def unavailable():
    """Why JupyterLab in Chromium cannot be driven here (a sentence), or None."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} not found: install Debian's chromium (`apt-get install chromium`)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: `make test` installs it into .venv"
    return None


@contextlib.contextmanager
def running_lab(root, pythonpath=None, timeout_s=60):
    """A JupyterLab server serving the folder ``root``; yields ``(url, token)``.

    Its configuration, workspaces and settings live in ``root`` (never the user's), with
    JupyterLab 4's windowing off: otherwise it leaves the cells outside the window out of
    the page. ``pythonpath`` (optional) goes first on its kernels' path.
    """
    root = Path(root)
    settings = root / ".lab-settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = secrets.token_hex(16)
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(root / ".jupyter"),
               JUPYTERLAB_WORKSPACES_DIR=str(root / ".workspaces"),
               JUPYTERLAB_SETTINGS_DIR=str(root / ".lab-settings"))
    if pythonpath:
        env["PYTHONPATH"] = str(pythonpath)
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip", "127.0.0.1",
         "--port", str(port), f"--IdentityProvider.token={token}",
         f"--ServerApp.root_dir={root}", "--allow-root", "--LabApp.expose_app_in_browser=True",
         "--ServerApp.open_browser=False"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=root,
        start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start") from None
                time.sleep(0.3)
        yield url, token
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@contextlib.contextmanager
def chromium(playwright, profile_dir):
    """Headless Chromium (a persistent context with its profile in ``profile_dir``), closed
    on exit; ``playwright`` is what ``sync_playwright()`` gives."""
    context = playwright.chromium.launch_persistent_context(
        str(profile_dir), executable_path=CHROMIUM, headless=True, viewport=VIEWPORT,
        args=CHROMIUM_ARGS)
    try:
        yield context
    finally:
        context.close()
