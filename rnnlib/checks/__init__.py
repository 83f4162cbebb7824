"""Exercise checkers. Each runs the student's function on fixed inputs and prints one verdict.

See ``rnnlib/checks/_verdict.py`` for the format. Each topic module adds its checkers below.
"""
