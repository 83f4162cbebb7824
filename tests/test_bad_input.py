"""Bad input raises a ValueError that names the function, the argument and the shapes."""
import numpy as np
import pytest

import rnnlib
from rnnlib import (ManyToMany, ManyToOne, bigram, lstm_backward, lstm_forward,
                    lstm_step_backward, lstm_step_forward, rnn_backward, rnn_forward,
                    rnn_step_backward, rnn_step_forward, tbptt, temporal_softmax_loss)
from rnnlib.data import char_vocab, decode, encode_text, one_hot
from rnnlib.losses import binary_cross_entropy_with_logits, softmax_cross_entropy

N, T, D, H = 2, 3, 4, 5
z = np.zeros


def step_args(**over):
    args = dict(x_t=z((N, D)), h_prev=z((N, H)), Wx=z((D, H)), Wh=z((H, H)), b=z(H))
    args.update(over)
    return args


def seq_args(**over):
    args = dict(x=z((N, T, D)), h0=z((N, H)), Wx=z((D, H)), Wh=z((H, H)), b=z(H))
    args.update(over)
    return args


def lstm_seq_args(**over):
    args = dict(x=z((N, T, D)), h0=z((N, H)), Wx=z((D, 4 * H)), Wh=z((H, 4 * H)), b=z(4 * H))
    args.update(over)
    return args


def nan_at(shape):
    a = z(shape)
    a.flat[0] = np.nan
    return a


CASES = [
    # (call, argument named in the message, a piece of the message)
    (lambda: rnn_step_forward(**step_args(x_t=z(D))), "x_t", "(N, D)"),
    (lambda: rnn_step_forward(**step_args(Wh=z((H, H + 1)))), "Wh", "(H, H) = (5, 5)"),
    (lambda: rnn_step_forward(**step_args(Wx=z((D + 1, H)))), "x_t",
     "(N, D) = (N, 5), got (2, 4) (D = 5 is set by Wx)"),
    (lambda: rnn_step_forward(**step_args(b=z(H + 1))), "b", "(H,) = (5,) or (1, H)"),
    (lambda: rnn_step_forward(**step_args(h_prev=z((N + 1, H)))), "h_prev", "got (3, 5)"),
    (lambda: rnn_step_forward(**step_args(x_t=nan_at((N, D)))), "x_t", "finite"),
    (lambda: rnn_step_forward(**step_args(Wx=np.array([["a"] * H] * D))), "Wx", "real numbers"),
    (lambda: rnn_forward(**seq_args(x=z((N, D)))), "x",
     "(N, T, D) = (2, T, 4), got (2, 4) (D = 4 is set by Wx; N = 2 is set by h0)"),
    (lambda: rnn_forward(**seq_args(h0=z((N, H + 2)))), "h0", "(N, H)"),
    (lambda: rnn_forward(**seq_args(Wh=np.full((H, H), np.inf))), "Wh", "finite"),
    (lambda: rnn_backward(z((N, T, H + 1)), rnn_forward(**seq_args())[1]), "dh",
     "(N, T, H) = (2, 3, 5)"),
    (lambda: rnn_step_backward(z((N + 1, H)), rnn_step_forward(**step_args())[1]), "dh_next",
     "(N, H) = (2, 5)"),
    (lambda: lstm_forward(**lstm_seq_args(Wx=z((D, H)))), "Wx",
     "(D, 4H) = (4, 20), got (4, 5) (D = 4 is set by x; H = 5 is set by Wh)"),
    (lambda: lstm_forward(**lstm_seq_args(b=z(H))), "b", "(4H,) = (20,)"),
    (lambda: lstm_forward(**lstm_seq_args(), c0=z((N, H + 1))), "c0", "(N, H) = (2, 5)"),
    (lambda: lstm_backward(z((N, T)), lstm_forward(**lstm_seq_args())[1]), "dh", "(N, T, H)"),
    (lambda: lstm_step_forward(z((N, D)), z((N, H)), z((N, H)), z((D, 4 * H)),
                               z((H + 1, 4 * H)), z(4 * H)), "Wh", "(H, 4H) = (5, 20)"),
    (lambda: lstm_step_backward(z((N, H)), z((N, 1)),
                                lstm_step_forward(z((N, D)), z((N, H)), z((N, H)),
                                                  z((D, 4 * H)), z((H, 4 * H)), z(4 * H))[2]),
     "dc_next", "(N, H) = (2, 5)"),
    (lambda: ManyToOne(2, 3).forward(z((N, T, 3))), "X", "(N, T, D) = (N, T, 2)"),
    (lambda: ManyToOne(2, 3).loss(z((N, T, 2)), [0, 1, 1]), "y", "(N,) = (2,)"),
    (lambda: ManyToOne(2, 3).loss(z((N, T, 2)), [0, 2]), "y", "only 0 and 1"),
    (lambda: ManyToOne(2, 3, output_dim=3).loss(z((N, T, 2)), [0, 3]), "y", "0..2"),
    (lambda: ManyToOne(2, 0), "hidden_dim", "positive integer"),
    (lambda: ManyToOne(2, 3, cell="relu"), "cell", "'rnn', 'lstm' or 'gru'"),
    (lambda: binary_cross_entropy_with_logits(z((N, 2)), [0, 1]), "scores", "(N,)"),
    (lambda: softmax_cross_entropy(z((N, 3)), [0.5, 1]), "y", "integer labels"),
]


# Notebook 08's sizes: V characters, a hidden state of Hm units (N = 2 sequences of T = 3).
V, Hm = 4, 3
Xok, Yok = one_hot(np.zeros((N, T), dtype=int), V), np.zeros((N, T), dtype=int)
CASES += [  # notebook 08: the many-to-many model, its loss, truncated BPTT, text
    (lambda: temporal_softmax_loss(z((N, T, V)), [[0, 1, 4], [0, 0, 0]]), "y", "0..3"),
    (lambda: temporal_softmax_loss(z((N, T, V)), [[0, 1, -1], [0, 0, 0]]), "y", "0..3"),
    (lambda: temporal_softmax_loss(z((N, T, V)), z((N, T - 1), dtype=int)), "y",
     "(N, T) = (2, 3), got (2, 2)"),
    (lambda: temporal_softmax_loss(z((N, V)), z((N, T), dtype=int)), "scores", "(N, T, V)"),
    (lambda: temporal_softmax_loss(z((N, T, V)), [[0.5, 0, 0], [0, 0, 0]]), "y", "integer"),
    (lambda: temporal_softmax_loss(z((N, T, V)), Yok, mask=np.ones((N, T))), "mask", "bool"),
    (lambda: temporal_softmax_loss(z((N, T, V)), Yok, mask=np.ones((N, T + 1), bool)), "mask",
     "(N, T) = (2, 3)"),
    (lambda: temporal_softmax_loss(z((N, T, V)), Yok, mask=np.zeros((N, T), bool)), "mask",
     "at least one True"),
    (lambda: ManyToMany(V, Hm).loss(Xok, [[0, 1, 4], [0, 0, 0]]), "Y", "0..3"),
    (lambda: ManyToMany(V, Hm).loss(Xok, z((N, T + 1), dtype=int)), "Y",
     "(N, T) = (2, 3), got (2, 4)"),
    (lambda: ManyToMany(V, Hm).forward(z((N, T, V + 1))), "X", "(N, T, V) = (N, T, 4)"),
    (lambda: ManyToMany(V, Hm).forward(Xok, h0=z((N, Hm + 1))), "h0", "(N, H) = (2, 3)"),
    (lambda: ManyToMany(V, Hm, cell="lstm").forward(Xok, h0=(z((N, Hm)), z((N + 1, Hm)))), "h0",
     "(N, H) = (2, 3)"),
    (lambda: ManyToMany(V, Hm).loss_and_state(Xok, Yok, state=(z((N, Hm)), z((N, Hm)))), "state",
     "an array (N, H)"),
    (lambda: ManyToMany(V, Hm).sample(0, 5, temperature=0), "temperature", "> 0"),
    (lambda: ManyToMany(V, Hm).sample(0, 5, temperature=-1.0), "temperature", "> 0"),
    (lambda: ManyToMany(V, Hm).sample([], 5), "start", "non-empty"),
    (lambda: ManyToMany(V, Hm).sample(4, 5), "start", "0..3"),
    (lambda: ManyToMany(V, Hm).sample([0, -1], 5), "start", "0..3"),
    (lambda: ManyToMany(V, Hm).sample(0, -1), "n", "non-negative"),
    (lambda: ManyToMany(0, H), "vocab_size", "positive integer"),
    (lambda: ManyToMany(V, Hm, cell="relu"), "cell", "'rnn', 'lstm' or 'gru'"),
    (lambda: bigram.fit([0, 5], 3), "ids", "0..2"),
    (lambda: bigram.nats_per_char(np.full((3, 3), 1 / 3), [1]), "ids", "at least 2"),
    (lambda: tbptt.train(ManyToMany(V, Hm), np.arange(20) % V, 3, seq_len=10, batch_size=2),
     "seq_len", "lower seq_len or batch_size"),
    (lambda: tbptt.train(ManyToMany(V, Hm), np.arange(20), 3, seq_len=2), "ids", "0..3"),
    (lambda: encode_text("abz", char_vocab("ab")), "text", "['z']"),
    (lambda: decode([0, 2], char_vocab("ab")), "ids", "0..1"),
]


@pytest.mark.parametrize("call, arg, piece", CASES, ids=[f"{c[1]}-{i}" for i, c in
                                                          enumerate(CASES)])
def test_bad_input_names_the_argument(call, arg, piece):
    with pytest.raises(ValueError) as info:
        call()
    message = str(info.value)
    assert f" {arg} " in f" {message} ".replace(":", " ").replace(",", " ")
    assert piece in message


def test_message_reads_as_documented():
    with pytest.raises(ValueError) as info:
        rnn_step_forward(**step_args(Wh=z((H, H + 1))))
    assert str(info.value) == ("rnn_step_forward: Wh must have shape (H, H) = (5, 5), "
                               "got (5, 6) (H = 5 is set by Wx)")


def test_no_raw_numpy_error_for_ragged_input():
    with pytest.raises(ValueError, match="rnn_forward: x"):
        rnn_forward([[1, 2], [3]], z((N, H)), z((D, H)), z((H, H)), z(H))


def test_as_soon_as_matches_the_contract():
    X, y, vocab = rnnlib.data.as_soon_as()
    expected = np.array([[[1, 0], [1, 0], [0, 1]],     # as as soon
                         [[0, 1], [1, 0], [1, 0]],     # soon as as
                         [[1, 0], [0, 1], [1, 0]]],    # as soon as
                        dtype=float)
    assert X.shape == (3, 3, 2) and X.dtype == np.float64
    np.testing.assert_array_equal(X, expected)
    np.testing.assert_array_equal(y, [0, 0, 1])
    assert y.shape == (3,)
    assert vocab == {"as": 0, "soon": 1}


def test_transposed_wx_is_blamed_with_a_transpose_hint():
    """The issue's case: x (2, 4, 3), Wx given as (5, 3), a correct Wh (5, 5): Wx is wrong."""
    x, Wx = z((2, 4, 3)), z((3, 5))
    with pytest.raises(ValueError) as info:
        rnn_forward(x, z((2, 5)), Wx.T, z((5, 5)), z(5))
    message = str(info.value)
    assert message.startswith("rnn_forward: Wx must have shape (D, H) = (3, 5), got (5, 3)")
    assert "D = 3 is set by x" in message and "pass Wx.T" in message
    assert "Wh must" not in message


def test_wx_whose_first_dimension_disagrees_with_x_names_d():
    with pytest.raises(ValueError) as info:
        lstm_forward(z((N, T, D)), z((N, H)), z((D + 2, 4 * H)), z((H, 4 * H)), z(4 * H))
    assert "(D = 6 is set by Wx)" in str(info.value) or "D = 4 is set by x" in str(info.value)


def test_time_major_input_gets_a_batch_first_hint():
    with pytest.raises(ValueError) as info:
        rnn_forward(z((T, N, D)), z((N, H)), z((D, H)), z((H, H)), z(H))
    message = str(info.value)
    assert "batch first" in message and "x.transpose(1, 0, 2)" in message
    with pytest.raises(ValueError, match="batch first"):
        lstm_forward(z((T, N, D)), z((N, H)), z((D, 4 * H)), z((H, 4 * H)), z(4 * H))


def test_time_major_input_leads_with_x_not_h0():
    """x given (T, N, D) makes h0 look wrong (its N disagrees): the message starts with the
    likely cause, x, and only then says what h0 does not fit."""
    with pytest.raises(ValueError) as info:
        rnn_forward(z((T, N, D)), z((N, H)), z((D, H)), z((H, H)), z(H))
    message = str(info.value)
    assert message.startswith(f"rnn_forward: x looks time-major, (T, N, D) = ({T}, {N}, {D})")
    assert message.index("x.transpose(1, 0, 2)") < message.index("as it is, h0 must have shape")


def test_a_wrong_argument_that_is_no_transpose_gets_no_hint():
    with pytest.raises(ValueError) as info:
        rnn_step_forward(**step_args(Wh=z((H, H + 1))))
    assert "transpose" not in str(info.value) and "batch first" not in str(info.value)


def test_every_shape_error_is_a_value_error():
    """rnn_backward and the models raise ShapeError, a ValueError (README says so)."""
    from rnnlib._validate import ShapeError
    assert issubclass(ShapeError, ValueError)
    with pytest.raises(ValueError, match="rnn_backward: dh must have shape"):
        rnn_backward(z((N, T, H + 1)), rnn_forward(**seq_args())[1])
