"""train(): the training loop every notebook uses, returning the per-epoch loss and accuracy.

>>> import rnnlib
>>> from rnnlib.optim import Adam
>>> X, y, _ = rnnlib.data.as_soon_as()
>>> model = rnnlib.ManyToOne(2, 3, seed=0)
>>> history = train(model, X, y, Adam(model.params, lr=0.1), epochs=100)
>>> history["accuracy"][-1]
1.0
"""
import numpy as np


def accuracy(model, X, y):
    """Fraction of sequences whose predicted label equals ``y`` (shape (N,) or (N, 1))."""
    return float(np.mean(model.predict(X) == np.asarray(y).reshape(-1)))


def train(model, X, y, optimizer, epochs, batch_size=None, seed=0, X_val=None, y_val=None,
          verbose=False):
    """Train ``model`` with ``optimizer`` for ``epochs`` passes over (X, y).

    Parameters
    ----------
    model : object with ``loss(X, y) -> (loss, grads)`` and ``predict(X)``
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
        ``"loss"`` (mean training loss of each epoch) and ``"accuracy"`` (training accuracy
        after each epoch), lists of length ``epochs``; with a validation set also
        ``"val_loss"`` and ``"val_accuracy"``.
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
    for epoch in range(epochs):
        order = np.arange(N) if size == N else rng.permutation(N)
        total = 0.0
        for start in range(0, N, size):
            idx = order[start:start + size]
            loss, grads = model.loss(X[idx], y[idx])
            optimizer.step(grads)
            total += loss * len(idx)
        history["loss"].append(total / N)
        history["accuracy"].append(accuracy(model, X, y))
        if X_val is not None:
            history["val_loss"].append(model.loss(X_val, y_val)[0])
            history["val_accuracy"].append(accuracy(model, X_val, y_val))
        if verbose and (epoch + 1) % max(1, epochs // 10) == 0:
            print(f"epoch {epoch + 1:4d}  loss {history['loss'][-1]:.4f}  "
                  f"accuracy {history['accuracy'][-1]:.2f}")
    return history
