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
