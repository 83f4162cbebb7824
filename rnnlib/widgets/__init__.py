"""Slider explorers. Each returns an ipywidgets interactive around a drawing function.

``EXPLORERS`` lists every explorer factory of the course (the benchmark and the tests walk it).
Each topic module adds its import and its factories below.
"""
from ._explorer import explorer

EXPLORERS = []
