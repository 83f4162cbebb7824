"""An encoder-decoder (sequence to sequence), with or without dot-product attention.

    hs = cell_forward(one_hot(src), 0)          # encoder states (N, S, H)
    h_enc = hs[n, len_n - 1]                    # the encoder's last state on the real source
    d = cell_forward(one_hot(tgt_in), h_enc)    # decoder states (N, T, H), teacher forcing
    no attention:   scores = d @ Wy + by                       # (N, T, V)
    attention:      c_t = attention(d_t, hs, src_mask)         # (N, T, H)
                    scores = [d, c] @ Wy + by                  # Wy (2H, V)
    loss = temporal_softmax_loss(scores, tgt_out, tgt_out != PAD)

The decoder starts from the encoder's last state: the whole source squeezed into one vector of
H numbers (the one-to-many part: generation from a context vector). With attention, every
decoder step also reads a weighted mix of all encoder states.

The cell is "rnn", "lstm" or "gru" for both encoder and decoder. For the LSTM the decoder starts
from h = the encoder's last h and c = 0 (``lstm_backward`` has no gradient for c0).

Examples
--------
>>> import numpy as np
>>> from rnnlib.seq2seq import Seq2Seq
>>> from rnnlib.dates import encode_sources, encode_targets
>>> model = Seq2Seq(hidden_dim=8, attention=True, seed=0)
>>> src, tgt = encode_sources(["3 Mar 2021"]), encode_targets(["2021-03-03"])
>>> loss, grads = model.loss(src, tgt)
>>> round(loss, 2), round(float(np.log(14)), 2)     # untrained: near log V nats
(2.7, 2.64)
>>> len(model.translate(src)[0]) <= 12
True
"""
import numpy as np

from . import init
from .attention import attend, attend_backward
from .dates import END, PAD, SOURCE_CHARS, START, TARGET_CHARS, decode_target
from .gru import gru_backward, gru_forward, gru_step_forward
from .losses import check_labels, temporal_softmax_loss
from .lstm import lstm_backward, lstm_forward, lstm_step_forward
from .rnn import rnn_backward, rnn_forward, rnn_step_forward

_WIDTH = {"rnn": 1, "lstm": 4, "gru": 3}


class Seq2Seq:
    """Encoder-decoder over one-hot characters, trained with teacher forcing.

    Parameters
    ----------
    hidden_dim : int
        H, the state size of encoder and decoder.
    src_vocab, tgt_vocab : int
        Vs and V, the sizes of the source and target vocabularies (default: the dates task's).
    cell : {"rnn", "lstm", "gru"}
    attention : bool
        Whether the output layer also reads the attention context.
    seed : int
        Seed of the initial weights.

    Attributes
    ----------
    params : dict of ndarray
        ``enc_Wx`` (Vs, kH), ``enc_Wh`` (H, kH), ``enc_b`` (kH,); ``dec_Wx`` (V, kH),
        ``dec_Wh``, ``dec_b``; for the GRU also ``enc_bh``, ``dec_bh`` (3H,); ``Wy`` (H, V)
        or (2H, V) with attention, ``by`` (V,). k = 1, 4, 3 for rnn, lstm, gru. Read live.
    """

    def __init__(self, hidden_dim, src_vocab=len(SOURCE_CHARS), tgt_vocab=len(TARGET_CHARS),
                 cell="gru", attention=True, seed=0):
        for name, value in (("hidden_dim", hidden_dim), ("src_vocab", src_vocab),
                            ("tgt_vocab", tgt_vocab)):
            if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < 1:
                raise ValueError(f"Seq2Seq: {name} must be a positive integer, got {value!r}")
        if cell not in _WIDTH:
            raise ValueError(f"Seq2Seq: cell must be 'rnn', 'lstm' or 'gru', got {cell!r}")
        if tgt_vocab <= END:
            raise ValueError(f"Seq2Seq: tgt_vocab must be > {END} (<pad>, <s>, </s> and more), "
                             f"got {tgt_vocab}")
        H, k = hidden_dim, _WIDTH[cell]
        rng = np.random.default_rng(seed)
        scale = 1.0 / np.sqrt(H)
        p = {}
        for part, V_in in (("enc", src_vocab), ("dec", tgt_vocab)):
            p[f"{part}_Wx"] = init.uniform((V_in, k * H), scale, rng)
            p[f"{part}_Wh"] = init.uniform((H, k * H), scale, rng)
            p[f"{part}_b"] = np.zeros(k * H)
            if cell == "lstm":
                p[f"{part}_b"][H:2 * H] = 1.0               # forget gate: remember
            if cell == "gru":
                p[f"{part}_bh"] = np.zeros(3 * H)
        p["Wy"] = init.uniform(((2 if attention else 1) * H, tgt_vocab), scale, rng)
        p["by"] = np.zeros(tgt_vocab)
        self.params = p
        self.hidden_dim, self.src_vocab, self.tgt_vocab = hidden_dim, src_vocab, tgt_vocab
        self.cell, self.attention = cell, bool(attention)

    def __repr__(self):
        return (f"Seq2Seq(hidden_dim={self.hidden_dim}, src_vocab={self.src_vocab}, "
                f"tgt_vocab={self.tgt_vocab}, cell={self.cell!r}, attention={self.attention})")

    # ---- checks ------------------------------------------------------------------------
    def _check_src(self, fn, src):
        """Source ids (N, S) -> (ids, mask (N, S), lengths (N,)); real ids first, then PAD."""
        fn = f"Seq2Seq.{fn}"
        src = np.asarray(src)
        if src.ndim != 2:
            raise ValueError(f"{fn}: src must have shape (N, S), got {src.shape}")
        src = check_labels(fn, "src", src, {"N": src.shape[0], "S": src.shape[1]},
                           self.src_vocab)
        mask = src != PAD
        lengths = mask.sum(axis=1)
        if np.any(lengths == 0):
            raise ValueError(f"{fn}: src row {int(np.flatnonzero(lengths == 0)[0])} is all "
                             f"padding: every source needs at least one character")
        ragged = np.flatnonzero(np.any(mask[:, 1:] & ~mask[:, :-1], axis=1))
        if ragged.size:
            raise ValueError(f"{fn}: src row {int(ragged[0])} has padding before a character: "
                             f"padding (id {PAD}) must only come at the end")
        return src, mask, lengths

    def _check_tgt(self, fn, tgt, N):
        """Target ids (N, T + 1), each row <s> ... </s> then PAD -> (decoder in, labels, mask)."""
        fn = f"Seq2Seq.{fn}"
        tgt = np.asarray(tgt)
        if tgt.ndim != 2 or tgt.shape[0] != N or tgt.shape[1] < 2:
            raise ValueError(f"{fn}: tgt must have shape (N, T + 1) = ({N}, T + 1) with T >= 1, "
                             f"got {tgt.shape}")
        tgt = check_labels(fn, "tgt", tgt, {"N": N, "T + 1": tgt.shape[1]}, self.tgt_vocab)
        if np.any(tgt[:, 0] != START):
            raise ValueError(f"{fn}: tgt must start every row with <s> (id {START})")
        return tgt[:, :-1], tgt[:, 1:], tgt[:, 1:] != PAD

    # ---- the pieces ----------------------------------------------------------------------
    def _cell(self, part, x, h0):
        p, c = self.params, self.cell
        W = (p[f"{part}_Wx"], p[f"{part}_Wh"], p[f"{part}_b"])
        if c == "gru":
            return gru_forward(x, h0, *W, p[f"{part}_bh"])
        return (rnn_forward if c == "rnn" else lstm_forward)(x, h0, *W)

    def _cell_backward(self, part, dh, cache, grads):
        backward = {"rnn": rnn_backward, "lstm": lstm_backward, "gru": gru_backward}[self.cell]
        out = backward(dh, cache)
        for name, g in zip(("Wx", "Wh", "b", "bh"), out[2:]):
            grads[f"{part}_{name}"] = g
        return out[1]                                         # dh0

    def _step(self, part, x_t, state):
        p = self.params
        W = (p[f"{part}_Wx"], p[f"{part}_Wh"], p[f"{part}_b"])
        if self.cell == "rnn":
            h, _ = rnn_step_forward(x_t, state, *W)
            return h, h
        if self.cell == "gru":
            h, _ = gru_step_forward(x_t, state, *W, p[f"{part}_bh"])
            return h, h
        h, c, _ = lstm_step_forward(x_t, *state, *W)
        return h, (h, c)

    def encode(self, src):
        """Encoder states hs (N, S, H), the last real state h_enc (N, H), mask, and the cache."""
        src, mask, lengths = self._check_src("encode", src)
        return self._encode(src, mask, lengths)

    def _encode(self, src, mask, lengths):
        N = src.shape[0]
        x = np.eye(self.src_vocab)[src]                       # one-hot (N, S, Vs)
        hs, cache = self._cell("enc", x, np.zeros((N, self.hidden_dim)))
        h_enc = hs[np.arange(N), lengths - 1]
        return hs, h_enc, cache

    def _output(self, d, hs, mask):
        """Scores (N, T, V) from decoder states d (N, T, H); with attention also weights."""
        if not self.attention:
            return d @ self.params["Wy"] + self.params["by"], None, d
        context, weights = attend(d, hs, mask)
        out = np.concatenate([d, context], axis=2)            # (N, T, 2H)
        return out @ self.params["Wy"] + self.params["by"], weights, out

    # ---- training --------------------------------------------------------------------------
    def loss(self, src, tgt):
        """Teacher-forced loss (nats per target token) and the gradient of every parameter.

        Parameters
        ----------
        src : int array, shape (N, S)
            Source ids, padded with PAD (0) on the right.
        tgt : int array, shape (N, T + 1)
            Target ids: <s>, the characters, </s>, then PAD. The decoder reads ``tgt[:, :-1]``
            and is scored on ``tgt[:, 1:]`` where that is not PAD.

        Returns
        -------
        loss : float
        grads : dict of ndarray, the keys of ``params``
        """
        src, mask, lengths = self._check_src("loss", src)
        tgt_in, tgt_out, tgt_mask = self._check_tgt("loss", tgt, src.shape[0])
        N, S = src.shape
        H, p = self.hidden_dim, self.params
        hs, h_enc, enc_cache = self._encode(src, mask, lengths)
        d, dec_cache = self._cell("dec", np.eye(self.tgt_vocab)[tgt_in], h_enc)
        scores, weights, out = self._output(d, hs, mask)
        loss, dscores = temporal_softmax_loss(scores, tgt_out, tgt_mask)
        V = self.tgt_vocab
        ds = dscores.reshape(-1, V)
        grads = {"Wy": out.reshape(-1, out.shape[2]).T @ ds, "by": ds.sum(axis=0)}
        dout = (ds @ p["Wy"].T).reshape(out.shape)
        dhs = np.zeros_like(hs)
        if self.attention:
            dd, dcontext = dout[..., :H], dout[..., H:]
            dquery, dhs = attend_backward(dcontext, d, hs, weights)
            dd = dd + dquery
        else:
            dd = dout
        dh_enc = self._cell_backward("dec", dd, dec_cache, grads)
        dhs[np.arange(N), lengths - 1] += dh_enc
        self._cell_backward("enc", dhs, enc_cache, grads)
        return loss, {k: grads[k] for k in p}

    # ---- translating ------------------------------------------------------------------------
    def translate(self, src, max_len=12, forced=None, details=False):
        """Greedy decoding: feed back the most likely token until </s> or ``max_len`` tokens.

        Parameters
        ----------
        src : int array, shape (N, S)
        max_len : int
            The most tokens generated per row (</s> included).
        forced : dict {step: token id, or array (N,) of ids}, optional
            At each ``step`` given, output this token instead of the model's choice, and feed
            it back as the next input (to show how one mistake carries on: exposure bias).
        details : bool
            Also return the ids (N, max_len) and the attention weights (N, max_len, S).

        Returns
        -------
        list of str, one translation per row (and, with ``details``, ids and weights).
        """
        src, mask, lengths = self._check_src("translate", src)
        if not isinstance(max_len, (int, np.integer)) or isinstance(max_len, bool) or max_len < 1:
            raise ValueError(f"Seq2Seq.translate: max_len must be a positive integer, "
                             f"got {max_len!r}")
        N, S = src.shape
        hs, h_enc, _ = self._encode(src, mask, lengths)
        state = h_enc if self.cell != "lstm" else (h_enc, np.zeros_like(h_enc))
        token = np.full(N, START)
        eye = np.eye(self.tgt_vocab)
        ids = np.full((N, max_len), PAD)
        weights = np.zeros((N, max_len, S))
        done = np.zeros(N, dtype=bool)
        for t in range(max_len):
            h, state = self._step("dec", eye[token], state)
            scores, w, _ = self._output(h[:, None], hs, mask)
            token = scores[:, 0].argmax(axis=1)
            if forced and t in forced:                         # one id, or one per row
                token = np.broadcast_to(np.asarray(forced[t], dtype=np.intp), (N,)).copy()
            token = np.where(done, PAD, token)
            ids[:, t] = token
            if w is not None:
                weights[:, t] = np.where(done[:, None], 0.0, w[:, 0])
            done |= token == END
            if done.all():
                break
        texts = [decode_target(row) for row in ids]
        return (texts, ids, weights) if details else texts

    def teacher_forced_predictions(self, src, tgt):
        """The most likely token at every step when the decoder reads the reference (N, T)."""
        src, mask, lengths = self._check_src("teacher_forced_predictions", src)
        tgt_in, _, _ = self._check_tgt("teacher_forced_predictions", tgt, src.shape[0])
        hs, h_enc, _ = self._encode(src, mask, lengths)
        d, _ = self._cell("dec", np.eye(self.tgt_vocab)[tgt_in], h_enc)
        return self._output(d, hs, mask)[0].argmax(axis=2)


def char_accuracy(outputs, targets):
    """Per example, the fraction of the reference's characters that the output has at the
    same position (an output that is too short misses the rest)."""
    return np.array([sum(a == b for a, b in zip(o, t)) / len(t)
                     for o, t in zip(outputs, targets)])


def exact_match(model, src, targets, batch=1000):
    """Fraction of rows whose greedy translation equals the reference string exactly."""
    got = []
    for i in range(0, len(targets), batch):
        got += model.translate(src[i:i + batch])
    return float(np.mean([g == t for g, t in zip(got, targets)]))


def fit(model, src, tgt, steps, batch_size=64, lr=0.01, clip=5.0, seed=0, every=None,
        callback=None):
    """Train ``model`` with Adam on random mini-batches of (src, tgt) for ``steps`` updates.

    Each mini-batch is cut to its own longest source, so short sources cost less.
    ``callback(step, model)`` runs every ``every`` steps (and after the last); returns the
    list of training losses, one per update.
    """
    from .optim import Adam
    rng = np.random.default_rng(seed)
    opt = Adam(model.params, lr=lr, clip=clip)
    losses = []
    for step in range(1, steps + 1):
        idx = rng.choice(len(src), size=batch_size, replace=False)
        s = src[idx]
        s = s[:, :int((s != PAD).sum(axis=1).max())]
        loss, grads = model.loss(s, tgt[idx])
        opt.step(grads)
        losses.append(loss)
        if callback is not None and every and (step % every == 0 or step == steps):
            callback(step, model)
    return losses
