"""A pytest plugin for the grader: records what nbval saw in every cell.

Loaded with ``-p rnnlib.course._nbval_record``; writes a JSON list to the file named by the
environment variable RNN_COURSE_RECORD: one entry per executed cell with its index among
the code cells, pass/fail, the outputs the cell actually produced, whether nbval's time limit
struck, whether the kernel was still alive, and nbval's message. A cell whose setup failed
(nbval starts the kernel in the notebook's setup: it did not start in time, or died) adds an
entry ``{"setup_error": message}`` instead, once.

nbval reads ``--nbval-kernel-startup-timeout`` as a string and hands it on to jupyter_client,
which adds it to a time: it is made a number here.
"""
import json
import os

import pytest

_RECORDS = []


def pytest_configure(config):
    timeout = getattr(config.option, "nbval_kernel_startup_timeout", None)
    if isinstance(timeout, str):
        config.option.nbval_kernel_startup_timeout = float(timeout)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not hasattr(item, "cell_num"):
        return
    if call.when == "setup" and call.excinfo is not None:
        if not any("setup_error" in r for r in _RECORDS):
            error = call.excinfo.value
            _RECORDS.append({"setup_error": f"{type(error).__name__}: {error}".splitlines()[0]})
        return
    if call.when != "call":
        return
    kernel = getattr(item.parent, "kernel", None)
    _RECORDS.append({
        "cell": item.cell_num,
        "passed": report.passed,
        "outputs": item.test_outputs or [],
        "timed_out": "Timeout of" in str(call.excinfo.value) if call.excinfo else False,
        "kernel_alive": bool(kernel is not None and kernel.is_alive()),
        "message": str(call.excinfo.value).splitlines()[0] if call.excinfo else "",
    })


def pytest_sessionfinish(session):
    path = os.environ.get("RNN_COURSE_RECORD")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(_RECORDS, f, default=str)
