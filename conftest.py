"""pytest, for the whole checkout: notebook kernels use the same matrix kernels as the ones
that stored the notebooks' outputs (see rnnlib.course.notebooks.same_matrix_kernels)."""
from rnnlib.course.notebooks import same_matrix_kernels

same_matrix_kernels()
