r"""Eseguire un ottimizzatore: la traiettoria :math:`w_0, w_1, \dots, w_n`."""

import numpy as np

from . import _validation as check
from .optimizers import Optimizer

#: oltre questa distanza dall'origine (in norma del massimo) si parla di divergenza
MAX_NORM = 1e6


class Trajectory(np.ndarray):
    """I punti visitati, :math:`w_0` compreso, in float64.

    È un normale ``ndarray`` di forma ``(n + 1,) + w0.shape`` con un attributo in
    più: ``diverged`` è ``True`` se il run si è fermato prima del previsto perché
    gli iterati esplodevano. In quel caso l'array contiene solo i punti finiti
    visitati prima della divergenza.
    """

    def __new__(cls, points, diverged):
        trajectory = np.asarray(points, dtype=np.float64).view(cls)
        trajectory.diverged = diverged
        return trajectory

    def __array_finalize__(self, obj):
        self.diverged = getattr(obj, "diverged", False)


def run(opt, grad, w0, steps, max_norm=MAX_NORM):
    r"""Applica ``steps`` aggiornamenti di ``opt`` partendo da ``w0`` e restituisce la traiettoria.

    Ogni chiamata riparte da uno stato nuovo (:math:`v_0 = s_0 = \Delta w_0 = 0`),
    quindi lo stesso ottimizzatore dà sempre la stessa traiettoria.

    ``grad(w)`` deve restituire il gradiente :math:`\nabla C(w)`, della stessa
    forma di ``w`` e con valori finiti. ``w0`` può essere un numero (problemi in
    una dimensione) o un vettore.

    La divergenza non è un errore: se un iterato diventa non finito o supera
    ``max_norm`` in valore assoluto, il run si ferma, restituisce i soli punti
    finiti già visitati e lo segnala con ``trajectory.diverged = True``. Nessun
    avviso di numpy arriva all'utente.

    >>> from lib import GD, run
    >>> run(GD(eta=0.5), lambda w: 2 * w, 4.0, 3).tolist()
    [4.0, 0.0, 0.0, 0.0]
    """
    if not isinstance(opt, Optimizer):
        raise ValueError(f"opt deve essere un ottimizzatore di lib (GD, Momentum, …); ricevuto {opt!r}")
    if not callable(grad):
        raise ValueError(f"grad deve essere una funzione w ↦ ∇C(w); ricevuto {grad!r}")
    w = _starting_point(w0)
    steps = check.count("steps", steps)
    max_norm = check.positive("max_norm", max_norm)

    points = np.empty((steps + 1,) + w.shape, dtype=np.float64)
    points[0] = w
    state = opt.init(w)
    done = 0
    with np.errstate(all="ignore"):  # la divergenza si segnala in parole, non con avvisi
        for k in range(steps):
            w, state = opt.step(w, _gradient(grad, w), state, k)
            if not (np.all(np.isfinite(w)) and np.max(np.abs(w), initial=0.0) <= max_norm):
                return Trajectory(points[: done + 1], diverged=True)
            points[k + 1] = w
            done = k + 1
    return Trajectory(points, diverged=False)


def _starting_point(w0):
    """Il punto iniziale come array float64 di valori finiti."""
    try:
        w = np.array(w0, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"w0 deve essere un numero o un vettore di numeri finiti; ricevuto {w0!r}") from None
    if not np.all(np.isfinite(w)):
        raise ValueError(f"w0 deve contenere solo numeri finiti; ricevuto {w0!r}")
    return w


def _gradient(grad, w):
    """Chiama ``grad(w)`` e controlla che il risultato abbia la forma di ``w`` e valori finiti."""
    value = grad(w.copy())
    try:
        g = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"grad deve restituire numeri; in w = {w} ha restituito {value!r}") from None
    if g.shape != w.shape:
        raise ValueError(
            f"grad deve restituire un array della stessa forma di w {w.shape}; in w = {w} ha forma {g.shape}"
        )
    if not np.all(np.isfinite(g)):
        raise ValueError(f"grad deve restituire valori finiti; in w = {w} ha restituito {g}")
    return g
