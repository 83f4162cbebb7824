"""Fixtures shared by the whole test suite."""
import numpy as np
import pytest


@pytest.fixture
def rng():
    """The one seeded random generator of the tests."""
    return np.random.default_rng(1234)
