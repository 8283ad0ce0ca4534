r"""Modelli piccoli da allenare con gli ottimizzatori del libro, in puro numpy.

I parametri di un modello sono un unico vettore ``w`` (float64): così
``run(opt, grad, w0, steps)`` li allena senza modifiche, con il gradiente
esatto su tutti i dati (:func:`full_gradient`) o stimato su un mini-batch
(:class:`MinibatchGradient`). Il costo è l'entropia incrociata media
(*cross-entropy*) di una classificazione in due classi:

.. math:: C(w) = \frac1n \sum_{i=1}^n \Big[\log\big(1 + e^{z_i}\big) - y_i z_i\Big],

dove :math:`z_i` è l'uscita del modello (prima della sigmoide) sul dato
:math:`x_i`. È scritta con ``logaddexp``: nessun overflow anche con pesi enormi.
"""

from dataclasses import dataclass

import numpy as np

from . import _validation as check


def _sigmoid(z):
    """La sigmoide :math:`1 / (1 + e^{-z})`, scritta in modo stabile per ogni z."""
    return 0.5 * (1 + np.tanh(z / 2))


def _cross_entropy(z, y):
    """L'entropia incrociata media, sull'ultimo asse (i dati)."""
    return np.mean(np.logaddexp(0, z) - y * z, axis=-1)


class Model:
    """Base comune: costo e gradiente a partire da ``logits`` e ``backward``."""

    def loss(self, w, X, y):
        """L'entropia incrociata media sui dati ``(X, y)``."""
        return float(_cross_entropy(self.logits(w, X), y))

    def grad(self, w, X, y):
        r"""Il gradiente del costo: :math:`\partial C / \partial z_i = (\sigma(z_i) - y_i)/n`, poi all'indietro."""
        z = self.logits(w, X)
        return self.backward(w, X, (_sigmoid(z) - y) / len(y))

    def losses(self, traj, X, y):
        """Il costo in ogni punto di una traiettoria (la curva di apprendimento), tutti i punti insieme."""
        return _cross_entropy(self.logits(np.asarray(traj, dtype=np.float64), X), y)


@dataclass(frozen=True)
class LogisticRegression(Model):
    r"""Regressione logistica: :math:`z = a^\top x + c`, parametri ``w = (a, c)``."""

    n_in: int = 2

    @property
    def size(self):
        return self.n_in + 1

    def init(self, seed=0):
        """Parametri iniziali: tutti nulli (il costo è convesso, la partenza non conta)."""
        return np.zeros(self.size)

    def logits(self, w, X):
        """Le uscite :math:`z` su ogni dato; ``w`` può essere una pila di vettori di parametri (``..., size``)."""
        return np.einsum("nd,...d->...n", X, w[..., :-1]) + w[..., -1:]

    def backward(self, w, X, dz):
        return np.concatenate([X.T @ dz, [dz.sum()]])


@dataclass(frozen=True)
class MLP(Model):
    r"""Rete con uno strato nascosto di ``n_hidden`` neuroni :math:`\tanh`.

    .. math:: h = \tanh(W_1 x + b_1), \qquad z = W_2 h + b_2

    I parametri ``w`` sono :math:`W_1, b_1, W_2, b_2` in fila, in quest'ordine.
    """

    n_in: int = 2
    n_hidden: int = 8

    def __post_init__(self):
        check.count("n_in", self.n_in, minimum=1)
        check.count("n_hidden", self.n_hidden, minimum=1)

    @property
    def size(self):
        return self.n_hidden * (self.n_in + 2) + 1

    def unpack(self, w):
        """Separa ``w`` in :math:`W_1` (n_hidden × n_in), :math:`b_1`, :math:`W_2`, :math:`b_2` (anche per una pila di ``w``)."""
        h, d = self.n_hidden, self.n_in
        W1 = w[..., : h * d].reshape(w.shape[:-1] + (h, d))
        return W1, w[..., h * d : h * d + h], w[..., h * d + h : -1], w[..., -1]

    def init(self, seed=0, scale=1.0):
        r"""Inizializzazione casuale (Xavier): pesi gaussiani di deviazione ``scale``/:math:`\sqrt{\text{ingressi}}`, bias nulli."""
        rng = np.random.default_rng(seed)
        W1 = rng.normal(scale=scale / np.sqrt(self.n_in), size=(self.n_hidden, self.n_in))
        W2 = rng.normal(scale=scale / np.sqrt(self.n_hidden), size=self.n_hidden)
        return np.concatenate([W1.ravel(), np.zeros(self.n_hidden), W2, [0.0]])

    def logits(self, w, X):
        """Le uscite :math:`z` su ogni dato; ``w`` può essere una pila di vettori di parametri (``..., size``)."""
        W1, b1, W2, b2 = self.unpack(w)
        hidden = np.tanh(np.einsum("nd,...hd->...nh", X, W1) + b1[..., None, :])
        return np.einsum("...nh,...h->...n", hidden, W2) + np.asarray(b2)[..., None]

    def backward(self, w, X, dz):
        W1, b1, W2, _ = self.unpack(w)
        h = np.tanh(X @ W1.T + b1)
        dpre = np.outer(dz, W2) * (1 - h**2)
        return np.concatenate([(dpre.T @ X).ravel(), dpre.sum(axis=0), h.T @ dz, [dz.sum()]])


def full_gradient(model, X, y):
    """Il gradiente esatto su tutti i dati, come funzione di ``w``: la discesa del gradiente «piena»."""
    return lambda w: model.grad(w, X, y)


class MinibatchGradient:
    """Il gradiente stimato su un mini-batch diverso a ogni chiamata.

    A ogni epoca i dati vengono rimescolati (con il generatore di seme
    ``seed``) e divisi in blocchi di ``batch_size``; ogni chiamata usa il blocco
    successivo. ``batch_size = 1`` è lo SGD, ``batch_size = n`` la discesa del
    gradiente piena. ``evaluations`` conta i gradienti per singolo dato
    calcolati finora: la misura onesta del costo di calcolo. Per ripetere un
    esperimento identico, si crea un nuovo oggetto con lo stesso seme.
    """

    def __init__(self, model, X, y, batch_size, seed=0):
        self.model, self.X, self.y = model, X, y
        self.batch_size = check.count("batch_size", batch_size, minimum=1)
        if self.batch_size > len(y):
            raise ValueError(f"batch_size deve essere un intero fra 1 e {len(y)}; ricevuto {batch_size!r}")
        self.rng = np.random.default_rng(seed)
        self.batches = []
        self.evaluations = 0

    def __call__(self, w):
        if not self.batches:
            order = self.rng.permutation(len(self.y))
            self.batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        batch = self.batches.pop(0)
        self.evaluations += len(batch)
        return self.model.grad(w, self.X[batch], self.y[batch])
