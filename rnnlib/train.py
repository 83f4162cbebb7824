"""train(): the training loop every notebook uses, returning the per-epoch loss and accuracy.

>>> import rnnlib
>>> from rnnlib.optim import Adam
>>> X, y, _ = rnnlib.data.as_soon_as()
>>> model = rnnlib.ManyToOne(2, 3, seed=0)
>>> history = train(model, X, y, Adam(model.params, lr=0.1), epochs=100)
>>> history["accuracy"][-1]
1.0

:func:`long_range_race` is notebook 07's race of a vanilla RNN against an LSTM on a memory
task; its whole recipe is the frozen dataclass :data:`RACE`.
"""
from dataclasses import dataclass

import numpy as np

from .data import long_range_task
from .model import ManyToOne
from .optim import Adam


def accuracy(model, X, y):
    """Fraction of sequences whose predicted label equals ``y`` (shape (N,) or (N, 1))."""
    return float(np.mean(model.predict(X) == np.asarray(y).reshape(-1)))


def train(model, X, y, optimizer, epochs, batch_size=None, seed=0, X_val=None, y_val=None,
          verbose=False):
    """Train ``model`` with ``optimizer`` for ``epochs`` passes over (X, y).

    Parameters
    ----------
    model : object with ``loss(X, y) -> (loss, grads)`` and ``evaluate(X, y) -> (loss, accuracy)``
        For example :class:`rnnlib.ManyToOne`.
    X : array, shape (N, T, D)
    y : array, shape (N,)
    optimizer : :class:`rnnlib.optim.Optimizer` built on ``model.params``
    epochs : int
    batch_size : int, optional
        Mini-batch size; ``None`` trains on the whole set at once (full batch).
    seed : int
        Seed of the shuffling of mini-batches.
    X_val, y_val : optional validation set, evaluated after every epoch.
    verbose : bool
        Print one line every tenth of the epochs.

    Returns
    -------
    dict
        ``"loss"`` and ``"accuracy"`` on the whole training set, lists of length
        ``epochs + 1``: entry k describes the model after k epochs of updates (entry 0: before
        any), so a loss and an accuracy with the same index belong to the same weights. With
        a validation set also ``"val_loss"`` and ``"val_accuracy"``, the same way.
        Evaluating is one forward pass (``model.evaluate``) per epoch; it changes nothing.
    """
    if not isinstance(epochs, (int, np.integer)) or epochs < 1:
        raise ValueError(f"train: epochs must be a positive integer, got {epochs!r}")
    X, y = np.asarray(X), np.asarray(y)
    if len(X) != len(y):
        raise ValueError(f"train: X and y must hold the same number N of sequences, got "
                         f"X with N = {len(X)} and y with N = {len(y)}")
    N = len(X)
    size = N if batch_size is None else int(batch_size)
    if not 1 <= size <= N:
        raise ValueError(f"train: batch_size must be in 1..N = 1..{N}, got {batch_size!r}")
    rng = np.random.default_rng(seed)
    history = {"loss": [], "accuracy": []}
    if X_val is not None:
        history.update(val_loss=[], val_accuracy=[])

    def record():                                  # the model as it is now
        for prefix, (X_, y_) in [("", (X, y)), ("val_", (X_val, y_val))]:
            if X_ is not None:
                loss, acc = model.evaluate(X_, y_)
                history[prefix + "loss"].append(loss)
                history[prefix + "accuracy"].append(acc)

    record()
    for epoch in range(epochs):
        order = np.arange(N) if size == N else rng.permutation(N)
        for start in range(0, N, size):
            idx = order[start:start + size]
            _, grads = model.loss(X[idx], y[idx])
            optimizer.step(grads)
        record()
        if verbose and (epoch + 1) % max(1, epochs // 10) == 0:
            print(f"epoch {epoch + 1:4d}  loss {history['loss'][-1]:.4f}  "
                  f"accuracy {history['accuracy'][-1]:.2f}")
    return history


@dataclass(frozen=True)
class RaceRecipe:
    """Every setting of :func:`long_range_race`; :data:`RACE` is the one instance used.

    The Notes of :func:`long_range_race` give the reason and the measurements behind each.
    """
    seq_len: int = 60            # T: the marker at step 1 is read out 59 steps later
    n_symbols: int = 4           # distractor symbols, one-hot; D = 2 + 4 = 6
    n_train: int = 256           # training sequences: 8 mini-batches of 32
    n_test: int = 200            # held-out sequences, none identical to a training one
    hidden_dim: int = 8          # H, the same for both models
    forget_bias: float = 5.0     # LSTM b[H:2H]: f = sigma(5) = 0.993, sigma(5)^59 = 0.67
    input_bias: float = -3.0     # LSTM b[0:H]: i = sigma(-3) = 0.047, distractors barely write
    output_bias: float = 2.0     # LSTM b[3H:4H]: o = sigma(2) = 0.88, the cell is read out
    lr: float = 0.02             # Adam's learning rate, both models
    eps: float = 1e-3            # Adam's eps: a gradient g << eps moves by lr*|g|/eps
    clip: float = 5.0            # gradient clipping at global norm 5, both models
    batch_size: int = 32
    epochs: int = 8              # 8 epochs x 8 mini-batches = 64 Adam updates


RACE = RaceRecipe()


def race_data(seed=0):
    """The training and held-out sequences of :func:`long_range_race` for ``seed``.

    The training set is ``long_range_task(RACE.n_train, RACE.seq_len, RACE.n_symbols,
    seed=2 * seed)``, the held-out set the same with ``RACE.n_test`` sequences and
    ``seed=2 * seed + 1``, so no two seeds share a data stream. A held-out sequence identical
    to a training sequence is dropped, so the two sets are always disjoint (with 4^59
    possible distractor strings none has had to be dropped on any seed tried).

    Returns
    -------
    X_train : ndarray, shape (RACE.n_train, RACE.seq_len, 2 + RACE.n_symbols)
    y_train : ndarray of int, shape (RACE.n_train,)
    X_test : ndarray, shape (N_test, RACE.seq_len, 2 + RACE.n_symbols), N_test <= RACE.n_test
    y_test : ndarray of int, shape (N_test,)

    >>> X_train, y_train, X_test, y_test = race_data(seed=0)
    >>> X_train.shape, X_test.shape
    ((256, 60, 6), (200, 60, 6))
    """
    X_train, y_train = long_range_task(RACE.n_train, RACE.seq_len, RACE.n_symbols,
                                       seed=2 * seed)
    X_test, y_test = long_range_task(RACE.n_test, RACE.seq_len, RACE.n_symbols,
                                     seed=2 * seed + 1)
    seen = {row.tobytes() for row in X_train.argmax(axis=2)}
    fresh = np.array([row.tobytes() not in seen for row in X_test.argmax(axis=2)])
    return X_train, y_train, X_test[fresh], y_test[fresh]


@dataclass(frozen=True)
class RaceVariant:
    """One row of the race's control table: which model, how it starts, Adam's eps and lr.

    cell : "rnn" or "lstm"
    init : how the recurrent layer starts. The weights ``Wx``, ``Wh`` are always those of
        ``ManyToOne(..., seed=seed)`` (uniform in [-1/sqrt(H), 1/sqrt(H)), as PyTorch) unless
        ``init`` replaces ``Wh``; the output layer is always that of ``ManyToOne``.

        - ``"race"`` (LSTM): the race's biases, i = ``RACE.input_bias``, f =
          ``RACE.forget_bias``, o = ``RACE.output_bias``, g = 0.
        - ``"keras"`` (LSTM): Keras's biases, forget gate 1, the others 0 (rnnlib's default).
        - ``"pytorch"`` (LSTM): PyTorch's ``nn.LSTM``: its two biases ``bias_ih`` and
          ``bias_hh`` each uniform in [-1/sqrt(H), 1/sqrt(H)); b is their sum.
        - ``"forget5"`` (LSTM): forget-gate bias ``RACE.forget_bias`` alone, the others 0.
        - ``"default"`` (RNN): ``ManyToOne``'s, bias 0.
        - ``"orthogonal"`` (RNN): ``Wh`` a random orthogonal matrix (QR of a Gaussian one).
        - ``"identity"`` (RNN): ``Wh`` = I (the IRNN of Le, Jaitly and Hinton 2015, but with
          rnnlib's tanh where they used ReLU).
    hidden_dim : H
    eps : Adam's eps
    lr : Adam's learning rate (the ``*_lr0.005`` variants are the learning-rate control)
    """
    cell: str
    init: str
    hidden_dim: int = RACE.hidden_dim
    eps: float = RACE.eps
    lr: float = RACE.lr


#: The race's variants by name: ``long_range_race(seed, variants=[name, ...])``.
#: "rnn_wide" has H = 19, so that its 494 recurrent-layer parameters (H·H + D·H + H with
#: D = 6) are at least the LSTM's 480 at H = 8 (514 and 489 with the output layer).
RACE_VARIANTS = {
    "rnn": RaceVariant("rnn", "default"),
    "rnn_orthogonal": RaceVariant("rnn", "orthogonal"),
    "rnn_identity": RaceVariant("rnn", "identity"),
    "rnn_wide": RaceVariant("rnn", "default", hidden_dim=19),
    "lstm_pytorch": RaceVariant("lstm", "pytorch"),
    "lstm_keras": RaceVariant("lstm", "keras"),
    "lstm_forget5": RaceVariant("lstm", "forget5"),
    "lstm": RaceVariant("lstm", "race"),
    "rnn_eps1e-8": RaceVariant("rnn", "default", eps=1e-8),
    "rnn_orthogonal_eps1e-8": RaceVariant("rnn", "orthogonal", eps=1e-8),
    "lstm_keras_eps1e-8": RaceVariant("lstm", "keras", eps=1e-8),
    "lstm_eps1e-8": RaceVariant("lstm", "race", eps=1e-8),
    "rnn_orthogonal_lr0.005": RaceVariant("rnn", "orthogonal", lr=0.005),
    "rnn_orthogonal_eps1e-8_lr0.005": RaceVariant("rnn", "orthogonal", eps=1e-8, lr=0.005),
    "lstm_lr0.005": RaceVariant("lstm", "race", lr=0.005),
    "lstm_eps1e-8_lr0.005": RaceVariant("lstm", "race", eps=1e-8, lr=0.005),
}

_INITS = {"rnn": ("default", "orthogonal", "identity"),
          "lstm": ("race", "keras", "pytorch", "forget5")}


def _variant(name):
    if isinstance(name, RaceVariant):
        variant = name
    elif name in RACE_VARIANTS:
        variant = RACE_VARIANTS[name]
    else:
        raise ValueError(f"long_range_race: variants must be names from "
                         f"rnnlib.train.RACE_VARIANTS ({', '.join(RACE_VARIANTS)}) or "
                         f"RaceVariant objects, got {name!r}")
    if variant.cell not in _INITS or variant.init not in _INITS[variant.cell]:
        raise ValueError(f"long_range_race: a {variant.cell!r} variant's init must be one of "
                         f"{_INITS.get(variant.cell, ())}, got {variant.init!r}")
    return variant


def race_model(cell, seed=0, init=None, hidden_dim=None):
    """A fresh ``ManyToOne`` of the race: H = ``RACE.hidden_dim``, weights from ``seed``.

    For ``cell="lstm"`` (``init="race"``, the default) three bias blocks are set (gate order
    i, f, g, o): the input gate ``b[0:H]`` to ``RACE.input_bias``, the forget gate
    ``b[H:2H]`` to ``RACE.forget_bias``, the output gate ``b[3H:4H]`` to ``RACE.output_bias``.
    The vanilla RNN (``init="default"``) has no gates; its weights are exactly those of
    ``ManyToOne(..., cell="rnn", seed=seed)``. The other ``init`` values and ``hidden_dim``
    are those of :class:`RaceVariant`.
    """
    H = RACE.hidden_dim if hidden_dim is None else hidden_dim
    init = init or ("race" if cell == "lstm" else "default")
    model = ManyToOne(2 + RACE.n_symbols, H, cell=cell, seed=seed)
    b, Wh = model.params["b"], model.params["Wh"]
    extra = np.random.default_rng([seed, 7])     # draws that leave the shared weights alone
    if init in ("race", "forget5", "pytorch"):
        b[:] = 0.0
    if init == "race":
        b[0:H] = RACE.input_bias
        b[3 * H:4 * H] = RACE.output_bias
    if init in ("race", "forget5"):
        b[H:2 * H] = RACE.forget_bias
    elif init == "pytorch":
        k = 1.0 / np.sqrt(H)
        b[:] = extra.uniform(-k, k, 4 * H) + extra.uniform(-k, k, 4 * H)
    elif init == "orthogonal":
        q, r = np.linalg.qr(extra.normal(size=(H, H)))
        Wh[:] = q * np.sign(np.diag(r))
    elif init == "identity":
        Wh[:] = np.eye(H)
    return model


def long_range_race(seed=0, variants=("rnn", "lstm"), details=False):
    """Train models on the same memory task with the same updates; their held-out accuracy.

    The task is :func:`rnnlib.data.long_range_task`: step 1 of each sequence shows a marker,
    A (label 0) or B (label 1), and the other ``RACE.seq_len - 1 = 59`` steps show random
    distractor symbols; the model answers from its hidden state after the last step. Every
    model gets the same data, the same initial-weight seed, the same optimiser (Adam,
    ``RACE.lr``, clipping at ``RACE.clip``), the same mini-batches in the same order and the
    same 64 updates. Every setting is in :data:`RACE`; a variant changes only what its
    :class:`RaceVariant` says (initialisation, H, Adam's eps, learning rate).

    Parameters
    ----------
    seed : int
        Seeds everything: the training set (``long_range_task(..., seed=2 * seed)``), the
        held-out set (``seed=2 * seed + 1``, disjoint from the training set, see
        :func:`race_data`), the models' initial weights and the order of the mini-batches.
    variants : sequence of names from :data:`RACE_VARIANTS` (or :class:`RaceVariant`)
        Default ``("rnn", "lstm")``: the vanilla RNN at its default initialisation and the
        LSTM at the race's biases, both with Adam's eps = ``RACE.eps``.
    details : bool, default False
        Return more than the accuracies, for plots: see Returns. It changes no result.

    Returns
    -------
    dict
        ``{name: accuracy}`` for each variant (``{"rnn": ..., "lstm": ...}`` by default),
        each a float: the fraction of held-out sequences classified right. With
        ``details=True``, instead a dict with that under ``"accuracy"``, and ``"histories"``
        (each model's history from :func:`train`, with the held-out set as validation set:
        ``"loss"``, ``"accuracy"``, ``"val_loss"``, ``"val_accuracy"``, ``RACE.epochs + 1``
        entries each), ``"models"`` (the trained ``ManyToOne``) and ``"X_test"``,
        ``"y_test"`` (the held-out set).

    Notes
    -----
    Why each setting of :data:`RACE`. The control table over all of :data:`RACE_VARIANTS`
    on 100 seeds is ``python benchmarks/bench_race.py``; notebook 07 prints it on 5. On seeds
    0..99 held-out accuracy reached 0.95 on this many seeds (at eps 1e-8 in brackets): lstm 100
    (100), lstm_forget5 50, lstm_keras 1 (5), lstm_pytorch 0; rnn 2 (11), rnn_orthogonal 31
    (46), rnn_identity 1, rnn_wide 6. At learning rate 0.005 instead of 0.02, on seeds 0..59
    (against 0.02 on the same seeds): rnn_orthogonal 23 (18), rnn_orthogonal_eps1e-8 39 (28),
    lstm 43 (60), lstm_eps1e-8 58 (60).

    - **60 steps.** The answer is read 59 steps after the marker, with 58 distractors strictly
      between (the task asks for at least 50).
    - **Forget-gate bias 5.** At the start the cell keeps sigma(b_f)^59 of what step 1 wrote:
      0.67 at b_f = 5, 0.057 at b_f = 3, 9e-9 at Keras's b_f = 1, 1.7e-18 at b_f = 0
      (PyTorch's biases start near 0).
    - **Input-gate bias -3.** A distractor writes into the cell through i = sigma(b_i) = 0.047:
      about 59 sigma(-3) = 2.8 over 59 steps with zero gate weights (the random initial weights
      move each factor a little), instead of 29.5 at b_i = 0. The marker's own input-gate
      weights are learned, so it gets written all the same.
    - **Output-gate bias 2.** o = sigma(2) = 0.88 instead of 0.5 lets the cell reach the
      answer, and the gradient reach the cell, at nearly full strength.
    - **Adam with eps = 1e-3, learning rate 0.02, clipping at 5.** Adam's step for one weight
      is lr * m / (sqrt(v) + eps); on the first update m / sqrt(v) = g / |g|, so the step is
      lr * |g| / (|g| + eps). A gradient far below eps moves its weight by about lr * |g| /
      eps (1e-17 -> 2e-16 at eps 1e-3); a gradient far above eps moves it by lr, whatever its
      size. With eps = 1e-8 a gradient of 1e-6 already gets 0.99 of a full step; with eps =
      1e-3 it gets 0.001. The race's eps damps what the marker's tiny gradients can do in
      either model; the variants ``*_eps1e-8`` are the control.
    - **Mini-batches of 32, 8 epochs: 64 updates.** Both models, every variant.
    - **H = 8, 256 training and 200 held-out sequences.** On 200 held-out sequences chance
      accuracy has a standard deviation of 0.035, so 0.65 is 4 standard deviations above
      chance.

    Examples
    --------
    >>> result = long_range_race(seed=0)
    >>> sorted(result), result["lstm"] >= 0.95, result["rnn"] <= 0.65
    (['lstm', 'rnn'], True, True)
    """
    chosen = [(v if isinstance(v, str) else repr(v), _variant(v)) for v in variants]
    if not chosen:
        raise ValueError("long_range_race: variants must name at least one variant, got none")
    X, y, X_test, y_test = race_data(seed)
    accuracies, histories, models = {}, {}, {}
    for name, variant in chosen:
        model = models[name] = race_model(variant.cell, seed, variant.init, variant.hidden_dim)
        optimizer = Adam(model.params, lr=variant.lr, eps=variant.eps, clip=RACE.clip)
        validation = dict(X_val=X_test, y_val=y_test) if details else {}
        histories[name] = train(model, X, y, optimizer, epochs=RACE.epochs,
                                batch_size=RACE.batch_size, seed=seed, **validation)
        accuracies[name] = accuracy(model, X_test, y_test)
    if not details:
        return accuracies
    return dict(accuracy=accuracies, histories=histories, models=models, X_test=X_test,
                y_test=y_test)


@dataclass(frozen=True)
class TranslationRecipe:
    """Every setting of :func:`translation_race` (notebook 09), in one place."""

    n_train: int = 4000          # training pairs (source, ISO date)
    n_test: int = 500            # held-out pairs, no source among the training ones
    hidden_dim: int = 16         # H of encoder and decoder, both models
    cell: str = "gru"
    steps: int = 150             # Adam updates, both models
    batch_size: int = 64
    lr: float = 0.03
    clip: float = 5.0


TRANSLATION = TranslationRecipe()


def translation_race(seed=0, details=False, steps=None):
    """Train an encoder-decoder without and one with attention on the same dates; exact match.

    Both models get the same data (:func:`rnnlib.dates.translation_data` with ``seed``), the
    same initial weights of encoder and decoder (the attention model's output layer is 2H
    wide instead of H, so it alone differs), the same mini-batches, the same optimiser and the
    same number of updates. Every setting is in :data:`TRANSLATION`.

    Parameters
    ----------
    seed : int
        Seeds the data, both models' initial weights and the mini-batches.
    details : bool
        Also return the models, the held-out set and the exact match by source length.
    steps : int, optional
        Number of updates; default ``TRANSLATION.steps`` (the benchmark trains longer).

    Returns
    -------
    dict
        ``{"plain": exact match, "attention": exact match}``: the fraction of held-out
        sources whose greedy translation equals the ISO date exactly. With ``details=True``
        a dict with that under ``"exact_match"``, and ``"models"``, ``"losses"`` (training
        loss of every update), ``"test"`` (the held-out set of ``translation_data``) and
        ``"correct"`` (per model, a bool array over the held-out set).
    """
    from .dates import translation_data
    from .seq2seq import Seq2Seq, fit

    R = TRANSLATION
    steps = R.steps if steps is None else steps
    data = translation_data(R.n_train, R.n_test, seed=seed)
    train_set, test = data["train"], data["test"]
    result, models, losses, correct = {}, {}, {}, {}
    for name, attention in (("plain", False), ("attention", True)):
        model = models[name] = Seq2Seq(R.hidden_dim, cell=R.cell, attention=attention,
                                       seed=seed)
        losses[name] = fit(model, train_set["src"], train_set["tgt"], steps, R.batch_size,
                           R.lr, R.clip, seed=seed)
        got = model.translate(test["src"])
        correct[name] = np.array([g == t for g, t in zip(got, test["targets"])])
        result[name] = float(correct[name].mean())
    if not details:
        return result
    return dict(exact_match=result, models=models, losses=losses, test=test, correct=correct)
