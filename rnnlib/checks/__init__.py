"""Exercise checks. Each runs the student's function on test inputs and prints one verdict.

``EXERCISES`` maps every exercise id of the course to its :class:`Exercise`: the grader
(:mod:`rnnlib.course.grade`) reaches its verdicts from them in its own process. See
``rnnlib/checks/_exercise.py`` for how, and ``rnnlib/checks/_verdict.py`` for the format.
"""
from ._exercise import Exercise, record
from .backward import RNN_STEP_BACKWARD, check_rnn_step_backward
from .forward import MANY_TO_ONE_FORWARD, check_many_to_one_forward
from .language_model import (SAMPLE_EXERCISE, TEMPORAL_SOFTMAX_LOSS, check_sample,
                             check_temporal_softmax_loss)
from .lstm import LSTM_STEP, LSTM_STEP_BACKWARD, check_lstm_step, check_lstm_step_backward
from .nonlinearity import (TANH_DERIVATIVE, TANH_FROM_EXP, check_tanh_derivative,
                           check_tanh_from_exp)
from .seq2seq import (ATTENTION_BACKWARD, ATTENTION_FORWARD, GRU_STEP,
                      check_attention_backward, check_attention_forward, check_gru_step)
from .sequences import BATCH_SHAPE, ONE_HOT_EXERCISE, check_batch_shape, check_one_hot
from .shapes import PARAM_COUNT, RNN_STEP, check_param_count, check_rnn_step
from .weights import SOFTMAX_EXERCISE, SPLIT_W, check_softmax, check_split_w

EXERCISES = {ex.id: ex for ex in [
    BATCH_SHAPE, ONE_HOT_EXERCISE, RNN_STEP, PARAM_COUNT, TANH_FROM_EXP, TANH_DERIVATIVE,
    SPLIT_W, SOFTMAX_EXERCISE, MANY_TO_ONE_FORWARD, RNN_STEP_BACKWARD, LSTM_STEP,
    LSTM_STEP_BACKWARD, TEMPORAL_SOFTMAX_LOSS, SAMPLE_EXERCISE, GRU_STEP, ATTENTION_FORWARD,
    ATTENTION_BACKWARD,
]}

__all__ = ["EXERCISES", "Exercise", "record",
           "check_batch_shape", "check_one_hot", "check_rnn_step", "check_param_count",
           "check_tanh_from_exp", "check_tanh_derivative", "check_split_w", "check_softmax",
           "check_many_to_one_forward", "check_rnn_step_backward", "check_lstm_step",
           "check_lstm_step_backward", "check_temporal_softmax_loss", "check_sample",
           "check_gru_step", "check_attention_forward", "check_attention_backward"]
