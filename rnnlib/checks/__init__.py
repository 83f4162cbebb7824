"""Exercise checks. Each runs the student's function on test inputs and prints one verdict.

``EXERCISES`` maps every exercise id of the course to its :class:`Exercise`: the grader
(:mod:`rnnlib.course.grade`) reaches its verdicts from them in its own process. See
``rnnlib/checks/_exercise.py`` for how, and ``rnnlib/checks/_verdict.py`` for the format.
"""
from ._exercise import Exercise, check_cell, record
from .backward import RNN_STEP_BACKWARD, check_rnn_step_backward
from .backward import BCE_LOGIT_GRAD, RNN_BACKWARD, check_bce_logit_grad, check_rnn_backward
from .forward import MANY_TO_ONE_FORWARD, check_many_to_one_forward
from .language_model import (MANY_TO_MANY_BACKWARD, SAMPLE_EXERCISE, TEMPORAL_SOFTMAX_LOSS,
                             check_many_to_many_backward, check_sample,
                             check_temporal_softmax_loss)
from .lstm import LSTM_STEP, LSTM_STEP_BACKWARD, check_lstm_step, check_lstm_step_backward
from .lstm import LSTM_BACKWARD, REMEMBER_BIT, check_lstm_backward, check_remember_bit
from .nonlinearity import (TANH_DERIVATIVE, TANH_FROM_EXP, check_tanh_derivative,
                           check_tanh_from_exp)
from .seq2seq import (ATTENTION_BACKWARD, ATTENTION_FORWARD, GRU_STEP,
                      check_attention_backward, check_attention_forward, check_gru_step)
from .sequences import BATCH_SHAPE, ONE_HOT_EXERCISE, check_batch_shape, check_one_hot
from .shapes import PARAM_COUNT, RNN_STEP, check_param_count, check_rnn_step
from .shapes import RNN_FORWARD, check_rnn_forward
from .weights import SOFTMAX_EXERCISE, SPLIT_W, check_softmax, check_split_w
from .weights import (TORCH_PARAM_COUNT, TORCH_TO_COURSE, check_torch_param_count,
                      check_torch_to_course)

# Every exercise of the course, in the order of the notebooks.
EXERCISES = {ex.id: ex for ex in [
    BATCH_SHAPE,                                                       # 00
    ONE_HOT_EXERCISE,                                                  # 01
    RNN_STEP, PARAM_COUNT, RNN_FORWARD,                                # 02
    TANH_FROM_EXP, TANH_DERIVATIVE,                                    # 03
    SPLIT_W, TORCH_TO_COURSE, SOFTMAX_EXERCISE, TORCH_PARAM_COUNT,     # 04
    MANY_TO_ONE_FORWARD,                                               # 05
    BCE_LOGIT_GRAD, RNN_STEP_BACKWARD, RNN_BACKWARD,                   # 06
    LSTM_STEP, LSTM_STEP_BACKWARD, LSTM_BACKWARD, REMEMBER_BIT,        # 07
    TEMPORAL_SOFTMAX_LOSS, MANY_TO_MANY_BACKWARD, SAMPLE_EXERCISE,     # 08
    GRU_STEP, ATTENTION_FORWARD, ATTENTION_BACKWARD,                   # 09
]}

__all__ = ["EXERCISES", "Exercise", "record", "check_cell",
           "check_batch_shape", "check_one_hot",
           "check_rnn_step", "check_param_count", "check_rnn_forward",
           "check_tanh_from_exp", "check_tanh_derivative",
           "check_split_w", "check_torch_to_course", "check_softmax", "check_torch_param_count",
           "check_many_to_one_forward",
           "check_bce_logit_grad", "check_rnn_step_backward", "check_rnn_backward",
           "check_lstm_step", "check_lstm_step_backward", "check_lstm_backward",
           "check_remember_bit",
           "check_temporal_softmax_loss", "check_many_to_many_backward", "check_sample",
           "check_gru_step", "check_attention_forward", "check_attention_backward"]
