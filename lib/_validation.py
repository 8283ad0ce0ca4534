"""Controlli sugli argomenti, con messaggi d'errore in italiano.

Ogni funzione restituisce il valore convalidato (come ``float`` o ``int``) oppure
solleva ``ValueError`` con un messaggio che nomina il parametro e l'intervallo
ammesso, per esempio::

    ValueError: beta deve essere un numero in [0, 1); ricevuto 1.5
"""

import math
import numbers


def _real(name, value, requirement):
    """Rifiuta ciò che non è un numero reale (i booleani non contano come numeri)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} deve essere {requirement}; ricevuto {value!r}")
    return float(value)


def finite(name, value):
    """Un numero reale finito qualunque: un angolo, una coordinata."""
    x = _real(name, value, "un numero finito")
    if not math.isfinite(x):
        raise ValueError(f"{name} deve essere un numero finito; ricevuto {value!r}")
    return x

def positive(name, value):
    """Un numero finito e strettamente positivo: η, ε, η₀, k > 0."""
    x = _real(name, value, "un numero finito > 0")
    if not (math.isfinite(x) and x > 0):
        raise ValueError(f"{name} deve essere un numero finito > 0; ricevuto {value!r}")
    return x


def non_negative(name, value):
    """Un numero finito ≥ 0: la costante di decadimento k, che può essere nulla."""
    x = _real(name, value, "un numero finito ≥ 0")
    if not (math.isfinite(x) and x >= 0):
        raise ValueError(f"{name} deve essere un numero finito ≥ 0; ricevuto {value!r}")
    return x


def unit_interval(name, value):
    """Un coefficiente di media mobile in [0, 1): β, γ, β₁, β₂."""
    x = _real(name, value, "un numero in [0, 1)")
    if not 0 <= x < 1:
        raise ValueError(f"{name} deve essere un numero in [0, 1); ricevuto {value!r}")
    return x


def fraction(name, value):
    """Un fattore moltiplicativo in (0, 1]: il δ dello step decay."""
    x = _real(name, value, "un numero in (0, 1]")
    if not 0 < x <= 1:
        raise ValueError(f"{name} deve essere un numero in (0, 1]; ricevuto {value!r}")
    return x


def count(name, value, minimum=0):
    """Un intero ≥ ``minimum``: numero di passi, lunghezza di un periodo."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < minimum:
        raise ValueError(f"{name} deve essere un intero ≥ {minimum}; ricevuto {value!r}")
    return int(value)


def flag(name, value):
    """Un interruttore: ``True`` o ``False`` (non 0, 1 o una stringa)."""
    if not isinstance(value, bool):
        raise ValueError(f"{name} deve essere True o False; ricevuto {value!r}")
    return value


def rate(name, value):
    """Un learning rate: un numero finito > 0 oppure uno schedule (una funzione del passo)."""
    if callable(value):
        return value
    x = _real(name, value, "un numero finito > 0 oppure uno schedule (una funzione del passo k)")
    return positive(name, x)
