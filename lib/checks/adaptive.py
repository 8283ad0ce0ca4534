r"""Autoverifiche dei passi di Adagrad, RMSProp e Adadelta (capitolo 4).

Il riferimento è l'ottimizzatore di :mod:`lib.optimizers`; le diagnosi
ricostruiscono gli errori più comuni (l'accumulatore vecchio, :math:`\epsilon`
nel posto sbagliato, :math:`\gamma` e :math:`1 - \gamma` scambiati, …) e li
riconoscono nel risultato dello studente.
"""

import numpy as np

from ..optimizers import Adadelta, Adagrad, RMSProp
from ._core import SIGN, show, verify

OLD_STATE = "La vostra funzione restituisce l'accumulatore vecchio: va restituito quello aggiornato."
OLD_IN_STEP = "Avete diviso per l'accumulatore vecchio s⁽ᵏ⁻¹⁾: prima si aggiorna s, poi si usa s⁽ᵏ⁾."


def vectors(rng, size=2):
    """Un punto, un gradiente e un accumulatore a caso, con s > |g| (così anche l'errore s + g ha una radice)."""
    return rng.uniform(-3, 3, size), rng.uniform(-2, 2, size), rng.uniform(2.1, 4, size)


def _adagrad_cases():
    rng = np.random.default_rng(1)
    for eta, eps in ((0.5, 0.1), (0.1, 1e-3), (2.0, 0.5)):
        w, g, s = vectors(rng)
        yield (w, g, s, eta, eps), f"Con w = {show(w)}, g = {show(g)}, s = {show(s)}, η = {eta}, ε = {eps}"


def check_adagrad_step(step):
    r"""Verifica ``step(w, g, s, eta, eps)``, che deve restituire ``(w_nuovo, s_nuovo)``.

    ``w``, ``g``, ``s`` sono :math:`w^{(k-1)}`, :math:`g^{(k)}`, :math:`s^{(k-1)}`;
    il risultato :math:`(w^{(k)}, s^{(k)})`:

    .. math:: s^{(k)} = s^{(k-1)} + g^2, \qquad w^{(k)} = w^{(k-1)} - \frac{\eta}{\sqrt{s^{(k)}} + \epsilon}\, g
    """

    def reference(w, g, s, eta, eps):
        w_new, state = Adagrad(eta, eps).step(w, g, {"s": s}, 0)
        return w_new, state["s"]

    def mistakes(w, g, s, eta, eps):
        s_new = s + g**2
        return {
            SIGN: (w + eta / (np.sqrt(s_new) + eps) * g, s_new),
            OLD_IN_STEP: (w - eta / (np.sqrt(s) + eps) * g, s_new),
            "Manca il quadrato: s accumula g², non g.": (w - eta / (np.sqrt(s + g) + eps) * g, s + g),
            "Manca la radice: si divide per √s⁽ᵏ⁾ + ε, non per s⁽ᵏ⁾ + ε.": (w - eta / (s_new + eps) * g, s_new),
            "In Adagrad ε va fuori dalla radice: √s⁽ᵏ⁾ + ε, non √(s⁽ᵏ⁾ + ε).":
                (w - eta / np.sqrt(s_new + eps) * g, s_new),
            OLD_STATE: (w - eta / (np.sqrt(s_new) + eps) * g, s),
        }

    return verify(step, _adagrad_cases(), reference, mistakes,
                  "Il vostro passo coincide con w − η/(√s⁽ᵏ⁾ + ε)·g, s⁽ᵏ⁾ = s⁽ᵏ⁻¹⁾ + g², in tutti i casi di prova.")


def _rmsprop_cases():
    rng = np.random.default_rng(2)
    for eta, gamma, eps in ((0.1, 0.9, 0.1), (0.01, 0.5, 1e-3), (0.3, 0.99, 0.5)):
        w, g, s = vectors(rng)
        yield ((w, g, s, eta, gamma, eps),
               f"Con w = {show(w)}, g = {show(g)}, s = {show(s)}, η = {eta}, γ = {gamma}, ε = {eps}")


def check_rmsprop_step(step):
    r"""Verifica ``step(w, g, s, eta, gamma, eps)``, che deve restituire ``(w_nuovo, s_nuovo)``:

    .. math:: s^{(k)} = \gamma\, s^{(k-1)} + (1 - \gamma)\, g^2, \qquad w^{(k)} = w^{(k-1)} - \frac{\eta}{\sqrt{s^{(k)}} + \epsilon}\, g
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
            "γ e 1 − γ sono scambiati: il peso γ va alla media vecchia s⁽ᵏ⁻¹⁾.":
                update((1 - gamma) * s + gamma * g**2),
            "Manca il fattore (1 − γ) davanti a g²: senza, s non è una media.": update(gamma * s + g**2),
            "Questa è la somma di Adagrad, s⁽ᵏ⁻¹⁾ + g²: RMSProp usa la media γ s⁽ᵏ⁻¹⁾ + (1 − γ) g².":
                update(s + g**2),
            OLD_IN_STEP: (w - eta / (np.sqrt(s) + eps) * g, s_new),
            "In RMSProp ε va fuori dalla radice: √s⁽ᵏ⁾ + ε, non √(s⁽ᵏ⁾ + ε).":
                (w - eta / np.sqrt(s_new + eps) * g, s_new),
            OLD_STATE: (update(s_new)[0], s),
        }

    return verify(step, _rmsprop_cases(), reference, mistakes,
                  "Il vostro passo coincide con w − η/(√s⁽ᵏ⁾ + ε)·g, s⁽ᵏ⁾ = γ s⁽ᵏ⁻¹⁾ + (1 − γ) g², "
                  "in tutti i casi di prova.")


def _adadelta_cases():
    rng = np.random.default_rng(4)
    for gamma, eps in ((0.9, 0.01), (0.5, 1e-3), (0.95, 0.1)):
        w, g, s = vectors(rng)
        delta_w = rng.uniform(0.1, 1, 2)
        yield ((w, g, s, delta_w, gamma, eps),
               f"Con w = {show(w)}, g = {show(g)}, s = {show(s)}, Δw = {show(delta_w)}, γ = {gamma}, ε = {eps}")


def check_adadelta_step(step):
    r"""Verifica ``step(w, g, s, delta_w, gamma, eps)``, che deve restituire ``(w_nuovo, s_nuovo, delta_w_nuovo)``:

    .. math::

        s^{(k)} = \gamma\, s^{(k-1)} + (1 - \gamma)\, g^2, \quad
        \check g = \frac{\sqrt{\Delta w^{(k-1)} + \epsilon}}{\sqrt{s^{(k)} + \epsilon}}\, g, \quad
        w^{(k)} = w^{(k-1)} - \check g, \quad
        \Delta w^{(k)} = \gamma\, \Delta w^{(k-1)} + (1 - \gamma)\, \check g^2
    """

    def reference(w, g, s, delta_w, gamma, eps):
        w_new, state = Adadelta(gamma, eps).step(w, g, {"s": s, "delta_w": delta_w}, 0)
        return w_new, state["s"], state["delta_w"]

    def mistakes(w, g, s, delta_w, gamma, eps):
        def average(old, new, weight=gamma):
            return weight * old + (1 - weight) * new

        def outcome(s_new, numerator, denominator, swap_delta=False):
            scaled = numerator / denominator * g
            return w - scaled, s_new, average(delta_w, scaled**2, 1 - gamma if swap_delta else gamma)

        s_new = average(s, g**2)
        right = outcome(s_new, np.sqrt(delta_w + eps), np.sqrt(s_new + eps))
        scaled = w - right[0]
        swapped = average(s, g**2, 1 - gamma)
        return {
            SIGN: (w + scaled, s_new, right[2]),
            "γ e 1 − γ sono scambiati in entrambe le medie: il peso γ va al valore vecchio.":
                outcome(swapped, np.sqrt(delta_w + eps), np.sqrt(swapped + eps), swap_delta=True),
            "γ e 1 − γ sono scambiati nella media s: s⁽ᵏ⁾ = γ s⁽ᵏ⁻¹⁾ + (1 − γ) g².":
                outcome(swapped, np.sqrt(delta_w + eps), np.sqrt(swapped + eps)),
            "γ e 1 − γ sono scambiati nella media Δw: Δw⁽ᵏ⁾ = γ Δw⁽ᵏ⁻¹⁾ + (1 − γ) ǧ².":
                outcome(s_new, np.sqrt(delta_w + eps), np.sqrt(s_new + eps), swap_delta=True),
            "Avete diviso per l'accumulatore vecchio s⁽ᵏ⁻¹⁾: prima si aggiorna s, poi si usa √(s⁽ᵏ⁾ + ε).":
                outcome(s_new, np.sqrt(delta_w + eps), np.sqrt(s + eps)),
            "ε va dentro le radici: √(Δw⁽ᵏ⁻¹⁾ + ε)/√(s⁽ᵏ⁾ + ε), non (√Δw⁽ᵏ⁻¹⁾ + ε)/(√s⁽ᵏ⁾ + ε).":
                outcome(s_new, np.sqrt(delta_w) + eps, np.sqrt(s_new) + eps),
            "Manca ε nel numeratore, √(Δw⁽ᵏ⁻¹⁾ + ε): senza, da Δw⁽⁰⁾ = 0 Adadelta non si muoverebbe mai.":
                outcome(s_new, np.sqrt(delta_w), np.sqrt(s_new + eps)),
            "Δw accumula i quadrati dei passi ǧ, non dei gradienti g.":
                (right[0], s_new, average(delta_w, g**2)),
            "Avete restituito (w, Δw, s) invece di (w, s, Δw).": (right[0], right[2], s_new),
            OLD_STATE: (right[0], s, delta_w),
        }

    return verify(step, _adadelta_cases(), reference, mistakes,
                  "Il vostro passo coincide con quello di Adadelta degli appunti in tutti i casi di prova.")
