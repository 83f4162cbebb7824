"""rnn-course: release student notebooks and grade submissions (the instructor's tools).

- :mod:`rnnlib.course.notebooks`  exercise and check cells of a course notebook
- :mod:`rnnlib.course.release`    instructor notebooks -> student notebooks
- :mod:`rnnlib.course.grade`      submissions -> a table of passed/failed exercises
- :mod:`rnnlib.course.cli`        the ``rnn-course`` command
"""
