"""Exercise checkers. Each runs the student's function on fixed inputs and prints one verdict.

See ``rnnlib/checks/_verdict.py`` for the format.
"""
from .backward import check_rnn_step_backward
from .forward import check_many_to_one_forward
from .lstm import check_lstm_step
from .nonlinearity import check_tanh_derivative, check_tanh_from_exp
from .sequences import check_batch_shape, check_one_hot
from .shapes import check_param_count, check_rnn_step
from .weights import check_softmax, check_split_w

__all__ = ["check_batch_shape", "check_one_hot", "check_rnn_step", "check_param_count",
           "check_tanh_from_exp", "check_tanh_derivative", "check_split_w", "check_softmax",
           "check_many_to_one_forward", "check_rnn_step_backward",
           "check_lstm_step"]
