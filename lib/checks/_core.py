"""Il meccanismo comune delle autoverifiche: chiamare il codice dello studente e giudicarlo.

Una verifica prova la funzione dello studente su molti casi con :func:`verify`:
:func:`call_student` trasforma eccezioni e risultati malformati in un
:class:`Verdict` leggibile (mai un traceback dall'interno di ``lib``); un
risultato diverso dal riferimento viene confrontato da :func:`diagnose` con le
varianti sbagliate più comuni. I messaggi si rivolgono al lettore con il «voi»,
come il testo dei capitoli.
"""

import textwrap
from dataclasses import dataclass

import numpy as np

#: tolleranza dei confronti con il riferimento
RTOL = ATOL = 1e-10
#: larghezza delle righe del verdetto: la colonna del codice sulla pagina
WIDTH = 70

SIGN = "Segno sbagliato: il passo va *sottratto* a w (si scende contro il gradiente)."


@dataclass(frozen=True)
class Verdict:
    """L'esito di una verifica: ``ok`` e il messaggio per lo studente, in italiano.

    Nel notebook si vede come un testo che comincia con «Giusto.» o «Non
    ancora.», a capo ogni :data:`WIDTH` colonne.
    """

    ok: bool
    message: str

    def __repr__(self):
        return wrap(("Giusto. " if self.ok else "Non ancora. ") + self.message)

    def __bool__(self):
        return self.ok


def wrap(text):
    """Manda a capo ``text`` a :data:`WIDTH` colonne; le righe rientrate proseguono con due spazi in più."""
    lines = []
    for line in text.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        lines += textwrap.wrap(line, WIDTH, subsequent_indent=indent + "  " if indent else "",
                               break_long_words=False, break_on_hyphens=False) or [""]
    return "\n".join(lines)


def show(value):
    """Un numero, un array o una tupla di array, in breve (4 cifre significative), per i messaggi."""
    if isinstance(value, tuple):
        return "(" + ", ".join(show(part) for part in value) + ")"
    return np.array2string(np.asarray(value, dtype=np.float64), separator=", ", max_line_width=np.inf,
                           formatter={"float_kind": lambda x: f"{x:.4g}"})


class StudentError(Exception):
    """Il codice dello studente ha fallito: porta con sé il verdetto da mostrare."""

    def __init__(self, verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


def call_student(function, *args, shapes, context, hint=""):
    """Chiama ``function(*args)`` e restituisce i risultati come array float64 delle forme ``shapes``.

    ``shapes`` è la tupla delle forme attese: una sola forma se la funzione
    restituisce un array, più forme se restituisce una tupla di array.
    ``context`` descrive il caso di prova nei messaggi («Con w = …, η = …»);
    ``hint`` si aggiunge al messaggio su una forma sbagliata. Solleva
    :class:`StudentError` con un messaggio chiaro se la funzione non è ancora
    scritta, solleva un'eccezione o restituisce qualcosa di malformato.
    """
    if not callable(function):
        raise StudentError(Verdict(False, f"Alla verifica va passata la vostra funzione, non {function!r}."))
    try:
        with np.errstate(all="ignore"):
            result = function(*args)
    except NotImplementedError:
        raise StudentError(Verdict(
            False, "La funzione non è ancora scritta: sostituite `raise NotImplementedError` con il vostro codice."))
    except Exception as error:  # lo studente deve vedere il suo errore, non un traceback di lib
        raise StudentError(Verdict(False, f"{context}: la vostra funzione solleva {type(error).__name__}: {error}"))
    parts = (result,) if len(shapes) == 1 else result
    if not isinstance(parts, tuple) or len(parts) != len(shapes):
        raise StudentError(Verdict(False, f"La vostra funzione deve restituire {len(shapes)} valori (una tupla)."))
    arrays = []
    for part, shape in zip(parts, shapes):
        try:
            array = np.asarray(part, dtype=np.float64)
        except (TypeError, ValueError):
            array = None
        if array is None or array.shape != shape:
            got = "un valore non numerico" if array is None else f"forma {array.shape}"
            raise StudentError(Verdict(
                False, f"{context}: la vostra funzione deve restituire array di forma {shape}, non {got}.{hint}"))
        arrays.append(array)
    return arrays[0] if len(shapes) == 1 else tuple(arrays)


def close(a, b):
    """Uguali a meno degli arrotondamenti (elemento per elemento, anche per tuple di array; nan con nan)."""
    if isinstance(a, tuple):
        return all(close(x, y) for x, y in zip(a, b))
    return np.allclose(a, b, rtol=RTOL, atol=ATOL, equal_nan=True)


def diagnose(result, mistakes, fallback):
    """Il messaggio del primo errore tipico in ``mistakes`` (messaggio → risultato sbagliato) che spiega ``result``."""
    for message, wrong in mistakes.items():
        if close(result, wrong):
            return message
    return fallback


def verify(student, cases, reference, mistakes, success, hint=""):
    """Prova ``student`` su ogni caso ``(argomenti, contesto)`` e lo confronta con ``reference(*argomenti)``.

    ``mistakes(*argomenti)`` dà il dizionario messaggio → risultato sbagliato
    con cui :func:`diagnose` spiega una risposta errata; ``success`` è il
    messaggio se tutti i casi tornano; ``hint`` va a :func:`call_student`.
    Gli array fra gli argomenti arrivano allo studente come copie.
    """
    for args, context in cases:
        expected = reference(*args)
        shapes = tuple(np.shape(x) for x in expected) if isinstance(expected, tuple) else (np.shape(expected),)
        copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        try:
            result = call_student(student, *copies, shapes=shapes, context=context, hint=hint)
        except StudentError as failure:
            return failure.verdict
        if close(result, expected):
            continue
        with np.errstate(all="ignore"):
            wrong = mistakes(*args)
        fallback = f"{context}: mi aspettavo {show(expected)}, la vostra funzione restituisce {show(result)}."
        return Verdict(False, diagnose(result, wrong, fallback))
    return Verdict(True, success)
