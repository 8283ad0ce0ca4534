r"""Autoverifiche dei passi di Adagrad, RMSProp e Adam (capitolo 4).

Il riferimento è l'ottimizzatore di :mod:`lib.optimizers`; le diagnosi
ricostruiscono gli errori più comuni (l'accumulatore vecchio, :math:`\epsilon`
nel posto sbagliato, la correzione del bias dimenticata, …) e li riconoscono
nel risultato dello studente.
"""

import numpy as np

from ..optimizers import Adagrad, Adam, RMSProp
from ._core import StudentError, Verdict, call_student, close, diagnose

SIGN = "segno sbagliato: il passo va *sottratto* a w (si scende contro il gradiente)."
OLD_STATE = "la funzione restituisce l'accumulatore vecchio: va restituito quello aggiornato."


def _verify(student, cases, reference, mistakes, formula):
    """Prova ``student`` su ogni caso ``(argomenti, contesto)`` e lo confronta con ``reference``.

    ``mistakes(*argomenti)`` dà il dizionario messaggio → risultato sbagliato
    con cui :func:`lib.checks._core.diagnose` spiega una risposta errata.
    """
    for args, context in cases:
        expected = reference(*args)
        shapes = tuple(np.shape(x) for x in expected)
        copies = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        try:
            result = call_student(student, *copies, shapes=shapes, context=context)
        except StudentError as failure:
            return failure.verdict
        if close(result, expected):
            continue
        with np.errstate(all="ignore"):
            wrong = mistakes(*args)
        fallback = f"{context} mi aspettavo {expected}, la funzione restituisce {result}."
        return Verdict(False, diagnose(result, wrong, fallback))
    return Verdict(True, f"corretto: il tuo passo coincide con {formula} in tutti i casi di prova.")


def _vectors(rng, size=2):
    """Un punto, un gradiente e un accumulatore a caso, con s > |g| (così anche l'errore s + g ha una radice)."""
    return rng.uniform(-3, 3, size), rng.uniform(-2, 2, size), rng.uniform(2.1, 4, size)


def _adagrad_cases():
    rng = np.random.default_rng(1)
    for eta, eps in ((0.5, 0.1), (0.1, 1e-3), (2.0, 0.5)):
        w, g, s = _vectors(rng)
        yield (w, g, s, eta, eps), f"con w = {w}, g = {g}, s = {s}, η = {eta}, ε = {eps}"


def check_adagrad_step(step):
    r"""Verifica ``step(w, g, s, eta, eps)``, che deve restituire ``(w_nuovo, s_nuovo)``:

    .. math:: s_k = s_{k-1} + g^2, \qquad w_{k+1} = w_k - \frac{\eta}{\sqrt{s_k} + \epsilon}\, g
    """

    def reference(w, g, s, eta, eps):
        w_new, state = Adagrad(eta, eps).step(w, g, {"s": s}, 0)
        return w_new, state["s"]

    def mistakes(w, g, s, eta, eps):
        s_new = s + g**2
        return {
            SIGN: (w + eta / (np.sqrt(s_new) + eps) * g, s_new),
            "hai diviso per l'accumulatore vecchio s_{k−1}: prima si aggiorna s, poi si usa s_k.":
                (w - eta / (np.sqrt(s) + eps) * g, s_new),
            "manca il quadrato: s accumula g², non g.": (w - eta / (np.sqrt(s + g) + eps) * g, s + g),
            "manca la radice: si divide per √s_k + ε, non per s_k + ε.": (w - eta / (s_new + eps) * g, s_new),
            "ε va fuori dalla radice in Adagrad: √s_k + ε, non √(s_k + ε).":
                (w - eta / np.sqrt(s_new + eps) * g, s_new),
            OLD_STATE: (w - eta / (np.sqrt(s_new) + eps) * g, s),
        }

    return _verify(step, _adagrad_cases(), reference, mistakes, "w − η/(√s_k + ε)·g, s_k = s_{k−1} + g²")


def _rmsprop_cases():
    rng = np.random.default_rng(2)
    for eta, gamma, eps in ((0.1, 0.9, 0.1), (0.01, 0.5, 1e-3), (0.3, 0.99, 0.5)):
        w, g, s = _vectors(rng)
        yield (w, g, s, eta, gamma, eps), f"con w = {w}, g = {g}, s = {s}, η = {eta}, γ = {gamma}, ε = {eps}"


def check_rmsprop_step(step):
    r"""Verifica ``step(w, g, s, eta, gamma, eps)``, che deve restituire ``(w_nuovo, s_nuovo)``:

    .. math:: s_k = \gamma\, s_{k-1} + (1 - \gamma)\, g^2, \qquad w_{k+1} = w_k - \frac{\eta}{\sqrt{s_k} + \epsilon}\, g
    """

    def reference(w, g, s, eta, gamma, eps):
        w_new, state = RMSProp(eta, gamma, eps).step(w, g, {"s": s}, 0)
        return w_new, state["s"]

    def mistakes(w, g, s, eta, gamma, eps):
        def update(s_new):
            return w - eta / (np.sqrt(s_new) + eps) * g, s_new

        s_new = gamma * s + (1 - gamma) * g**2
        return {
            SIGN: (w + eta / (np.sqrt(s_new) + eps) * g, s_new),
            "γ e 1 − γ sono scambiati: il peso γ va alla media vecchia s_{k−1}.":
                update((1 - gamma) * s + gamma * g**2),
            "manca il fattore (1 − γ) davanti a g²: senza, s non è una media.": update(gamma * s + g**2),
            "questa è la somma di Adagrad, s_{k−1} + g²: RMSProp usa la media γ s_{k−1} + (1 − γ) g².":
                update(s + g**2),
            "hai diviso per l'accumulatore vecchio s_{k−1}: prima si aggiorna s, poi si usa s_k.":
                (w - eta / (np.sqrt(s) + eps) * g, s_new),
            "ε va fuori dalla radice in RMSProp: √s_k + ε, non √(s_k + ε).":
                (w - eta / np.sqrt(s_new + eps) * g, s_new),
            OLD_STATE: (update(s_new)[0], s),
        }

    return _verify(step, _rmsprop_cases(), reference, mistakes,
                   "w − η/(√s_k + ε)·g, s_k = γ s_{k−1} + (1 − γ) g²")


def _adam_cases():
    rng = np.random.default_rng(3)
    for k, eta, beta1, beta2, eps in ((3, 0.1, 0.9, 0.999, 0.1), (1, 0.01, 0.8, 0.99, 1e-3),
                                      (10, 0.5, 0.5, 0.9, 0.5), (2, 0.05, 0.9, 0.999, 1e-8)):
        w, g, s = _vectors(rng, 3)
        v = rng.uniform(-1, 1, 3)
        yield ((w, g, v, s, k, eta, beta1, beta2, eps),
               f"con w = {w}, g = {g}, v = {v}, s = {s}, k = {k}, η = {eta}, β₁ = {beta1}, β₂ = {beta2}, ε = {eps}")


def check_adam_step(step):
    r"""Verifica ``step(w, g, v, s, k, eta, beta1, beta2, eps)``, che deve restituire ``(w_nuovo, v_nuovo, s_nuovo)``.

    ``k = 1, 2, …`` conta i passi come gli appunti; la forma è quella degli appunti (ε dentro la radice):

    .. math::

        v_k = \beta_1 v_{k-1} + (1 - \beta_1)\, g, \quad s_k = \beta_2 s_{k-1} + (1 - \beta_2)\, g^2, \quad
        w_{k+1} = w_k - \frac{\eta}{\sqrt{\hat s_k + \epsilon}}\, \hat v_k

    con :math:`\hat v_k = v_k / (1 - \beta_1^k)` e :math:`\hat s_k = s_k / (1 - \beta_2^k)`.
    """

    def reference(w, g, v, s, k, eta, beta1, beta2, eps):
        w_new, state = Adam(eta, beta1, beta2, eps).step(w, g, {"v": v, "s": s}, k - 1)
        return w_new, state["v"], state["s"]

    def mistakes(w, g, v, s, k, eta, beta1, beta2, eps):
        v_new = beta1 * v + (1 - beta1) * g
        s_new = beta2 * s + (1 - beta2) * g**2
        v_hat, s_hat = v_new / (1 - beta1**k), s_new / (1 - beta2**k)

        def moved_by(v_used, s_used):
            return w - eta / np.sqrt(s_used + eps) * v_used

        def corrected_with(power):
            return moved_by(v_new / (1 - beta1**power), s_new / (1 - beta2**power)), v_new, s_new

        right = moved_by(v_hat, s_hat)
        return {
            SIGN: (2 * w - right, v_new, s_new),
            "manca la correzione del bias: si usano v̂_k = v_k/(1 − β₁^k) e ŝ_k = s_k/(1 − β₂^k).":
                (moved_by(v_new, s_new), v_new, s_new),
            "hai corretto solo v: anche s va diviso per (1 − β₂^k).": (moved_by(v_hat, s_new), v_new, s_new),
            "hai corretto solo s: anche v va diviso per (1 − β₁^k).": (moved_by(v_new, s_hat), v_new, s_new),
            "l'esponente della correzione è sbagliato: al passo k si divide per 1 − β^k (k parte da 1).":
                corrected_with(k + 1),
            "l'esponente della correzione è sbagliato: al passo k si divide per 1 − β^k, non 1 − β^(k−1).":
                corrected_with(k - 1),
            "β₁ e β₂ sono scambiati: β₁ pesa la media dei gradienti v, β₂ quella dei quadrati s.":
                _swapped(w, g, v, s, k, eta, beta1, beta2, eps),
            "hai messo ε fuori dalla radice, η v̂/(√ŝ + ε): è la forma dell'articolo e di PyTorch, "
            "ma l'esercizio chiede quella degli appunti, η v̂/√(ŝ + ε).":
                (w - eta / (np.sqrt(s_hat) + eps) * v_hat, v_new, s_new),
            "nel passo va il momento v̂_k, non il gradiente g: Adam è RMSProp *con momentum*.":
                (moved_by(g, s_hat), v_new, s_new),
            "la funzione restituisce i momenti corretti v̂, ŝ come stato: lo stato sono v_k e s_k non corretti.":
                (right, v_hat, s_hat),
            "la funzione restituisce i momenti vecchi: vanno restituiti v_k e s_k aggiornati.": (right, v, s),
        }

    return _verify(step, _adam_cases(), reference, mistakes, "il passo di Adam degli appunti")


def _swapped(w, g, v, s, k, eta, beta1, beta2, eps):
    """Il passo di Adam con β₁ e β₂ scambiati (per la diagnosi)."""
    w_new, state = Adam(eta, beta2, beta1, eps).step(w, g, {"v": v, "s": s}, k - 1)
    return w_new, state["v"], state["s"]
