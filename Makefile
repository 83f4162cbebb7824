# RNNs from scratch: two commands.
#   make lab    set up (first time) and open the course in JupyterLab
#   make test   set up (first time) and run every test
# Set-up is a virtual environment in .venv with the package installed in editable mode; it is
# refreshed whenever pyproject.toml changes. `make lab` (and `make student`) install what the
# course needs (pyproject.toml: the dependencies and the lab extra); `make test` adds the test
# tooling (the dev extra: nbval, pytest-xdist, Playwright).

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
LAB_STAMP := $(VENV)/.installed-lab
STAMP  := $(VENV)/.installed
SANITIZE := rnnlib/course/nbval_sanitize.cfg
# JupyterLab settings overrides of the course: no "official Jupyter news" question.
LAB_SETTINGS := jupyter/rnn-course.json
OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.d/rnn-course.json

# Tests run two workers at once, each with its notebook kernels: one BLAS thread each, or
# OpenBLAS's spinning threads fight over the cores (a training step was 20 times slower).
TEST_ENV := OPENBLAS_NUM_THREADS=1

.PHONY: lab student test test-unit test-notebooks test-browser notebooks bench clean

$(LAB_STAMP): pyproject.toml $(LAB_SETTINGS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[lab]'
	mkdir -p $(dir $(OVERRIDES)) && cp $(LAB_SETTINGS) $(OVERRIDES)
	touch $(LAB_STAMP)

$(STAMP): $(LAB_STAMP)
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# JupyterLab refuses to run as root (as in many containers) unless told it may.
lab: $(LAB_STAMP)
	$(VENV)/bin/jupyter lab notebooks/ $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# Practise alone without seeing the solutions (notebooks/ holds them): the student notebooks
# are released into student/ (git ignores it) and JupyterLab opens there. Run it again at any
# time: a notebook already in student/ is kept as it is, never overwritten.
student: $(LAB_STAMP)
	$(VENV)/bin/rnn-course release student
	$(VENV)/bin/jupyter lab student/ $$([ "$$(id -u)" = 0 ] && echo --allow-root)

# Everything: unit tests, doctests, the notebooks under nbval, grading, then the browser test
# (one JupyterLab server for all notebooks, so it runs in a process of its own).
test: $(STAMP)
	$(TEST_ENV) $(PY) -m pytest -n 2 --dist loadfile -m "not browser" --nbval --nbval-sanitize-with $(SANITIZE) \
		--doctest-modules rnnlib tests notebooks
	$(TEST_ENV) $(PY) -m pytest -m browser tests

test-unit: $(STAMP)
	$(PY) -m pytest -m "not browser" --doctest-modules rnnlib tests

test-notebooks: $(STAMP)
	$(TEST_ENV) $(PY) -m pytest --nbval --nbval-sanitize-with $(SANITIZE) notebooks

test-browser: $(STAMP)
	$(TEST_ENV) $(PY) -m pytest -m browser tests

# Re-execute the stored notebooks in place (their outputs are nbval's reference), then build
# the Korean edition from them and its translations, and execute it too.
notebooks: $(STAMP)
	$(TEST_ENV) $(PY) scripts/execute_notebooks.py
	$(PY) scripts/build_korean.py
	$(TEST_ENV) $(PY) scripts/execute_notebooks.py notebooks/ko/[0-9]*.ipynb

# PyTorch, for the comparison, lives in a virtual environment of its own (never .venv):
#   python3 -m venv /path/torchvenv && /path/torchvenv/bin/pip install torch numpy
#   make bench RNN_COURSE_TORCH_VENV=/path/torchvenv
# bench_rnn.py describes the machine first (CPU, BLAS and its kernel, GEMM rate, PyTorch).
# Benchmarks run the matrix kernel OpenBLAS picks for this CPU, as a user's kernel does: some
# machines set OPENBLAS_CORETYPE (and OPENBLAS_L2_SIZE) globally, and the tests pin one kernel
# for reproducible outputs (rnnlib.course.notebooks.same_matrix_kernels); neither is what a
# class runs. machine.py prints the kernel in use.
RNN_COURSE_TORCH_VENV ?=
BENCH_ENV := env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE RNN_COURSE_TORCH_VENV=$(RNN_COURSE_TORCH_VENV)
bench: $(STAMP)
	$(BENCH_ENV) $(PY) benchmarks/bench_rnn.py
	$(BENCH_ENV) $(PY) benchmarks/bench_gru_torch.py
	$(BENCH_ENV) $(PY) benchmarks/bench_widgets.py
	$(BENCH_ENV) $(PY) benchmarks/bench_keypress.py
	$(PY) benchmarks/bench_notebooks.py
	$(PY) benchmarks/bench_grade.py
	$(PY) benchmarks/bench_race.py
	$(PY) benchmarks/bench_char_lm.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache
