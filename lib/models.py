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
    """Base comune: costo e gradiente a partire da ``forward`` (uscite e ciò che serve all'indietro) e ``backward``."""

    def logits(self, w, X):
        """Le uscite :math:`z` su ogni dato; ``w`` può essere una pila di vettori di parametri (``..., size``)."""
        return self.forward(w, X)[0]

    def loss(self, w, X, y):
        """L'entropia incrociata media sui dati ``(X, y)``."""
        return float(_cross_entropy(self.logits(w, X), y))

    def grad(self, w, X, y):
        r"""Il gradiente del costo: :math:`\partial C / \partial z_i = (\sigma(z_i) - y_i)/n`, poi all'indietro.

        ``w`` può essere una pila di vettori di parametri, forma ``(..., size)``:
        il risultato è la pila dei gradienti. I dati ``X`` (forma ``(n, d)``) e
        ``y`` sono gli stessi per tutta la pila, oppure uno per vettore
        (forme ``(..., n, d)`` e ``(..., n)``): così si allenano insieme più reti,
        ciascuna col suo mini-batch.
        """
        z, cache = self.forward(w, X)
        return self.backward(w, X, (_sigmoid(z) - y) / np.shape(y)[-1], cache)

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

    def forward(self, w, X):
        """Le uscite :math:`z` (niente da ricordare per il ritorno)."""
        return (X @ w[..., :-1, None])[..., 0] + w[..., -1:], None

    def backward(self, w, X, dz, cache=None):
        r""":math:`\partial C/\partial a = \sum_i x_i\,\partial C/\partial z_i`, :math:`\partial C/\partial c = \sum_i \partial C/\partial z_i` (anche per una pila)."""
        return np.concatenate([(dz[..., None, :] @ X)[..., 0, :], dz.sum(axis=-1)[..., None]], axis=-1)


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

    def hidden(self, w, X):
        r"""Le attivazioni dello strato nascosto, :math:`h = \tanh(W_1 x + b_1)`, forma ``(..., n, n_hidden)``."""
        W1, b1, _, _ = self.unpack(w)
        return np.tanh(X @ np.swapaxes(W1, -1, -2) + b1[..., None, :])

    def forward(self, w, X):
        """Le uscite :math:`z` e le attivazioni nascoste :math:`h`, che servono a :meth:`backward`."""
        _, _, W2, b2 = self.unpack(w)
        h = self.hidden(w, X)
        return (h @ W2[..., :, None])[..., 0] + np.asarray(b2)[..., None], h

    def backward(self, w, X, dz, cache=None):
        r"""La retropropagazione, anche per una pila di ``w``.

        .. math::

            \frac{\partial C}{\partial W_2} = \sum_i h_i\,\frac{\partial C}{\partial z_i}, \qquad
            \frac{\partial C}{\partial W_1} = \sum_i \Big(\frac{\partial C}{\partial z_i}\,W_2 \odot (1 - h_i^2)\Big)\,x_i^\top

        (e i bias come somme degli stessi termini). ``cache`` sono le :math:`h`
        di :meth:`forward`, se già calcolate.
        """
        _, _, W2, _ = self.unpack(w)
        h = self.hidden(w, X) if cache is None else cache
        dpre = dz[..., :, None] * W2[..., None, :] * (1 - h**2)
        dW1 = np.swapaxes(dpre, -1, -2) @ X
        return np.concatenate([dW1.reshape(dW1.shape[:-2] + (-1,)), dpre.sum(axis=-2),
                               (dz[..., None, :] @ h)[..., 0, :], dz.sum(axis=-1)[..., None]], axis=-1)


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

    def next_batch(self):
        """Gli indici dei dati del prossimo mini-batch (all'inizio di ogni epoca, un nuovo rimescolamento)."""
        if not self.batches:
            order = self.rng.permutation(len(self.y))
            self.batches = [order[i : i + self.batch_size] for i in range(0, len(order), self.batch_size)]
        batch = self.batches.pop(0)
        self.evaluations += len(batch)
        return batch

    def __call__(self, w):
        batch = self.next_batch()
        return self.model.grad(w, self.X[batch], self.y[batch])
