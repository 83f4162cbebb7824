"""How many parameters a recurrent layer has.

A vanilla RNN layer has Wx (D, H), Wh (H, H) and b (H,): H·H + D·H + H parameters. With
H = 3 hidden units, for example, Wh alone holds 3 × 3 = 9 recurrent weights. An LSTM layer
has four such blocks, one per gate: 4 (H·H + D·H + H).

Keras (``SimpleRNN``, ``LSTM``) counts exactly this. PyTorch's ``nn.RNN`` and ``nn.LSTM`` keep
two bias vectors, ``bias_ih`` and ``bias_hh``, that are always added together; they count one
more bias of H (RNN) or 4H (LSTM) entries: pass ``bias="pytorch"`` for their number.

>>> rnn_param_count(2, 3)                 # 3*3 + 2*3 + 3
18
>>> lstm_param_count(2, 3)
72
>>> rnn_param_count(2, 3, bias="pytorch")
21

A GRU layer has three blocks (r, z, n). In PyTorch's formulation, which this course follows,
the reset gate multiplies ``h_prev @ Wh_n + bh_n``, so the hidden bias cannot merge into the
input bias: both count, 3 (H·H + D·H + 2H). Keras's ``GRU`` does the same with
``reset_after=True`` (its default since Keras 2.3); with ``reset_after=False`` (the original
formulation of Cho et al., 2014, the reset gate applied before the product) it has one bias:
3 (H·H + D·H + H).

>>> gru_param_count(2, 3)                 # 3 * (9 + 6 + 2*3)
63
>>> gru_param_count(2, 3, bias="keras_reset_before")
54
"""


def _check(fn, input_dim, hidden_dim, bias):
    for name, value in (("input_dim", input_dim), ("hidden_dim", hidden_dim)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{fn}: {name} must be a positive integer, got {value!r}")
    if bias not in ("keras", "pytorch"):
        raise ValueError(f"{fn}: bias must be 'keras' or 'pytorch', got {bias!r}")


def rnn_param_count(input_dim, hidden_dim, bias="keras"):
    """Parameters of a vanilla RNN layer: H·H + D·H + H (+ H more for PyTorch's second bias)."""
    _check("rnn_param_count", input_dim, hidden_dim, bias)
    D, H = input_dim, hidden_dim
    return H * H + D * H + H + (H if bias == "pytorch" else 0)


def lstm_param_count(input_dim, hidden_dim, bias="keras"):
    """Parameters of an LSTM layer: 4 (H·H + D·H + H) (+ 4H more for PyTorch's second bias)."""
    _check("lstm_param_count", input_dim, hidden_dim, bias)
    D, H = input_dim, hidden_dim
    return 4 * (H * H + D * H + H) + (4 * H if bias == "pytorch" else 0)


def gru_param_count(input_dim, hidden_dim, bias="pytorch"):
    """Parameters of a GRU layer: 3 (H·H + D·H + 2H), two biases (PyTorch; Keras with
    ``reset_after=True``, also accepted as ``bias="keras"``); 3 (H·H + D·H + H) with one bias
    for ``bias="keras_reset_before"`` (Keras's ``reset_after=False``)."""
    if bias == "keras_reset_before":
        _check("gru_param_count", input_dim, hidden_dim, "keras")
        return 3 * (hidden_dim * hidden_dim + input_dim * hidden_dim + hidden_dim)
    if bias not in ("keras", "pytorch"):
        raise ValueError(f"gru_param_count: bias must be 'pytorch', 'keras' or "
                         f"'keras_reset_before', got {bias!r}")
    _check("gru_param_count", input_dim, hidden_dim, bias)
    D, H = input_dim, hidden_dim
    return 3 * (H * H + D * H + 2 * H)
