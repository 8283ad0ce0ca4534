"""Il meccanismo comune delle autoverifiche: chiamare il codice dello studente e giudicarlo.

Una verifica chiama la funzione dello studente su molti casi con
:func:`call_student`, che trasforma eccezioni e risultati malformati in un
:class:`Verdict` leggibile (mai un traceback dall'interno di ``lib``), e
confronta il risultato con il riferimento; se non coincide,
:func:`diagnose` lo confronta con le varianti sbagliate più comuni.
"""

from dataclasses import dataclass

import numpy as np

#: tolleranza dei confronti con il riferimento
RTOL = ATOL = 1e-10


@dataclass(frozen=True)
class Verdict:
    """L'esito di una verifica: ``ok`` e il messaggio per lo studente, in italiano."""

    ok: bool
    message: str

    def __repr__(self):
        return ("✅ " if self.ok else "❌ ") + self.message

    def __bool__(self):
        return self.ok


class StudentError(Exception):
    """Il codice dello studente ha fallito: porta con sé il verdetto da mostrare."""

    def __init__(self, verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


def call_student(function, *args, shapes, context):
    """Chiama ``function(*args)`` e restituisce i risultati come array float64 delle forme ``shapes``.

    ``shapes`` è la tupla delle forme attese: una sola forma se la funzione
    restituisce un array, più forme se restituisce una tupla di array.
    ``context`` descrive il caso di prova nei messaggi («con w = …, η = …»).
    Solleva :class:`StudentError` con un messaggio chiaro se la funzione non è
    ancora scritta, solleva un'eccezione o restituisce qualcosa di malformato.
    """
    try:
        result = function(*args)
    except NotImplementedError:
        raise StudentError(Verdict(False, "la funzione non è ancora scritta: sostituisci `raise NotImplementedError`."))
    except Exception as error:  # lo studente deve vedere il suo errore, non un traceback di lib
        raise StudentError(Verdict(False, f"{context} la funzione solleva {type(error).__name__}: {error}"))
    parts = (result,) if len(shapes) == 1 else result
    if not isinstance(parts, tuple) or len(parts) != len(shapes):
        raise StudentError(Verdict(False, f"la funzione deve restituire {len(shapes)} valori (una tupla)."))
    arrays = []
    for part, shape in zip(parts, shapes):
        try:
            array = np.asarray(part, dtype=np.float64)
        except (TypeError, ValueError):
            array = None
        if array is None or array.shape != shape:
            raise StudentError(Verdict(False, f"{context} la funzione deve restituire array di forma {shape}."))
        arrays.append(array)
    return arrays[0] if len(shapes) == 1 else tuple(arrays)


def close(a, b):
    """Uguali a meno degli arrotondamenti (elemento per elemento, anche per tuple di array)."""
    if isinstance(a, tuple):
        return all(close(x, y) for x, y in zip(a, b))
    return np.allclose(a, b, rtol=RTOL, atol=ATOL)


def diagnose(result, mistakes, fallback):
    """Il messaggio del primo errore tipico in ``mistakes`` (messaggio → risultato sbagliato) che spiega ``result``."""
    for message, wrong in mistakes.items():
        if close(result, wrong):
            return message
    return fallback
