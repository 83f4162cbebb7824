"""Optimisers that update a model's ``params`` dict in place from a ``grads`` dict.

    opt = Adam(model.params, lr=0.01, clip=5.0)
    loss, grads = model.loss(X, y)
    opt.step(grads)

``clip`` rescales the gradients when their global L2 norm exceeds it (gradient clipping), the
standard guard against the exploding gradients of notebook 06.
"""
import numpy as np


def clip_grad_norm(grads, max_norm):
    """Scale every gradient in ``grads`` in place so their global L2 norm is at most ``max_norm``.

    Parameters
    ----------
    grads : dict of ndarray
    max_norm : float

    Returns
    -------
    float
        The global norm before clipping, sqrt(sum of every squared entry).

    >>> import numpy as np
    >>> g = {"W": np.array([3.0, 4.0])}
    >>> clip_grad_norm(g, 1.0), g["W"]
    (5.0, array([0.6, 0.8]))
    """
    if not max_norm > 0:
        raise ValueError(f"clip_grad_norm: max_norm must be > 0, got {max_norm!r}")
    norm = _global_norm(grads)
    if norm > max_norm:
        for g in grads.values():
            g *= max_norm / norm
    return norm


def _global_norm(grads):
    """sqrt(sum of every squared entry of every gradient)."""
    return float(np.sqrt(sum(float(np.sum(g * g)) for g in grads.values())))


class Optimizer:
    """Base class: holds the params dict, checks grads, clips, then calls ``_update``."""

    def __init__(self, params, lr, clip=None):
        if not lr > 0:
            raise ValueError(f"{type(self).__name__}: lr must be > 0, got {lr!r}")
        self.params, self.lr, self.clip = params, lr, clip

    def step(self, grads):
        """Update every parameter in place from ``grads`` (same keys and shapes)."""
        name = type(self).__name__
        if set(grads) != set(self.params):
            raise ValueError(f"{name}.step: grads must have the keys of params "
                             f"{sorted(self.params)}, got {sorted(grads)}")
        for k, g in grads.items():
            if np.shape(g) != self.params[k].shape:
                raise ValueError(f"{name}.step: grads[{k!r}] must have shape "
                                 f"{self.params[k].shape}, got {np.shape(g)}")
        grads = {k: np.asarray(g, dtype=float) for k, g in grads.items()}  # no copy of float64
        if self.clip is not None:
            norm = _global_norm(grads)
            if norm > self.clip:                  # as clip_grad_norm, into new arrays: theirs
                grads = {k: g * (self.clip / norm) for k, g in grads.items()}   # stay as given
        for k in self.params:
            self._update(k, self.params[k], grads[k])


class SGD(Optimizer):
    """Stochastic gradient descent, with optional momentum: v <- m v - lr g; p <- p + v."""

    def __init__(self, params, lr=0.1, momentum=0.0, clip=None):
        super().__init__(params, lr, clip)
        self.momentum = momentum
        self.velocity = {k: np.zeros_like(p) for k, p in params.items()}

    def _update(self, k, p, g):
        v = self.velocity[k]
        v *= self.momentum
        v -= self.lr * g
        p += v


class Adam(Optimizer):
    """Adam (Kingma & Ba, 2015) with bias correction."""

    def __init__(self, params, lr=0.01, beta1=0.9, beta2=0.999, eps=1e-8, clip=None):
        super().__init__(params, lr, clip)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = {k: np.zeros_like(p) for k, p in params.items()}
        self.v = {k: np.zeros_like(p) for k, p in params.items()}
        self.t = {k: 0 for k in params}

    def _update(self, k, p, g):
        self.t[k] += 1
        m, v, t = self.m[k], self.v[k], self.t[k]
        m *= self.beta1
        m += (1 - self.beta1) * g
        v *= self.beta2
        v += (1 - self.beta2) * g * g
        # p -= lr * m_hat / (sqrt(v_hat) + eps), in place: two temporaries instead of six
        step = m / (1 - self.beta1 ** t)          # m_hat
        step *= self.lr
        root = v / (1 - self.beta2 ** t)          # v_hat
        np.sqrt(root, out=root)
        root += self.eps
        step /= root
        p -= step
