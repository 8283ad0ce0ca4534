r"""Autoverifica del passo di Adam (capitolo 4), con :math:`\epsilon` dentro o fuori dalla radice.

Il riferimento è :class:`lib.optimizers.Adam`; le diagnosi ricostruiscono gli
errori più comuni (la correzione del bias dimenticata o sbagliata,
:math:`\epsilon` nel posto sbagliato, i momenti vecchi nel passo, :math:`\beta` e
:math:`1 - \beta` scambiati, …) e li riconoscono nel risultato dello studente.
"""

import numpy as np

from ..optimizers import Adam
from ._core import SIGN, show, verify
from .adaptive import vectors

#: le due forme del denominatore, con il messaggio per chi ha usato l'altra
FORMS = {
    True: ("η v̂/√(ŝ + ε)", "la forma degli appunti"),
    False: ("η v̂/(√ŝ + ε)", "la forma dell'articolo e di PyTorch"),
}


def _cases():
    rng = np.random.default_rng(3)
    for k, eta, beta1, beta2, eps in ((3, 0.1, 0.9, 0.999, 0.1), (1, 0.01, 0.8, 0.99, 1e-3),
                                      (10, 0.5, 0.5, 0.9, 0.5), (2, 0.05, 0.9, 0.999, 1e-8)):
        w, g, s = vectors(rng, 3)
        v = rng.uniform(-1, 1, 3)
        yield ((w, g, v, s, k, eta, beta1, beta2, eps),
               f"Con w = {show(w)}, g = {show(g)}, v = {show(v)}, s = {show(s)}, k = {k}, η = {eta}, "
               f"β₁ = {beta1}, β₂ = {beta2}, ε = {eps}")


def _denominator(s_hat, eps, inside):
    """:math:`\\sqrt{\\hat s + \\epsilon}` se ``inside``, altrimenti :math:`\\sqrt{\\hat s} + \\epsilon`."""
    return np.sqrt(s_hat + eps) if inside else np.sqrt(s_hat) + eps


def check_adam_step(step, eps_inside_sqrt=True):
    r"""Verifica ``step(w, g, v, s, k, eta, beta1, beta2, eps)``, che deve restituire ``(w_nuovo, v_nuovo, s_nuovo)``.

    ``w``, ``g``, ``v``, ``s`` sono :math:`w^{(k-1)}`, :math:`g^{(k)}`,
    :math:`v^{(k-1)}`, :math:`s^{(k-1)}`; ``k = 1, 2, …`` è il numero
    dell'aggiornamento, come nel libro. Con ``eps_inside_sqrt=True``
    (predefinito) la forma è quella degli appunti, con ``False`` quella
    dell'articolo e di PyTorch:

    .. math::

        v^{(k)} = \beta_1 v^{(k-1)} + (1 - \beta_1)\, g, \quad s^{(k)} = \beta_2 s^{(k-1)} + (1 - \beta_2)\, g^2, \quad
        w^{(k)} = w^{(k-1)} - \frac{\eta}{\sqrt{\hat s^{(k)} + \epsilon}}\, \hat v^{(k)}
        \quad\text{oppure}\quad w^{(k-1)} - \frac{\eta}{\sqrt{\hat s^{(k)}} + \epsilon}\, \hat v^{(k)}

    con :math:`\hat v^{(k)} = v^{(k)} / (1 - \beta_1^k)` e :math:`\hat s^{(k)} = s^{(k)} / (1 - \beta_2^k)`.
    """
    asked, asked_name = FORMS[eps_inside_sqrt]
    other, other_name = FORMS[not eps_inside_sqrt]

    def reference(w, g, v, s, k, eta, beta1, beta2, eps):
        w_new, state = Adam(eta, beta1, beta2, eps, eps_inside_sqrt).step(w, g, {"v": v, "s": s}, k - 1)
        return w_new, state["v"], state["s"]

    def mistakes(w, g, v, s, k, eta, beta1, beta2, eps):
        def moments(b1, b2):
            return b1 * v + (1 - b1) * g, b2 * s + (1 - b2) * g**2

        def moved_by(v_used, s_used, inside=eps_inside_sqrt):
            return w - eta / _denominator(s_used, eps, inside) * v_used

        def corrected(v_used, s_used, power=k):
            return v_used / (1 - beta1**power), s_used / (1 - beta2**power)

        v_new, s_new = moments(beta1, beta2)
        v_hat, s_hat = corrected(v_new, s_new)
        right = moved_by(v_hat, s_hat)
        v_swap, s_swap = moments(1 - beta1, 1 - beta2)
        late_eps = (np.sqrt(s_new + eps) if eps_inside_sqrt else np.sqrt(s_new) + eps) / np.sqrt(1 - beta2**k)
        return {
            SIGN: (2 * w - right, v_new, s_new),
            "Manca la correzione del bias: si usano v̂⁽ᵏ⁾ = v⁽ᵏ⁾/(1 − β₁ᵏ) e ŝ⁽ᵏ⁾ = s⁽ᵏ⁾/(1 − β₂ᵏ).":
                (moved_by(v_new, s_new), v_new, s_new),
            "Avete corretto solo v: anche s va diviso per (1 − β₂ᵏ).": (moved_by(v_hat, s_new), v_new, s_new),
            "Avete corretto solo s: anche v va diviso per (1 − β₁ᵏ).": (moved_by(v_new, s_hat), v_new, s_new),
            "L'esponente della correzione è sbagliato: al passo k si divide per 1 − βᵏ (k parte da 1).":
                (moved_by(*corrected(v_new, s_new, k + 1)), v_new, s_new),
            "L'esponente della correzione è sbagliato: al passo k si divide per 1 − βᵏ, non 1 − βᵏ⁻¹.":
                (moved_by(*corrected(v_new, s_new, k - 1)), v_new, s_new),
            "Nel passo avete usato i momenti vecchi v⁽ᵏ⁻¹⁾, s⁽ᵏ⁻¹⁾: prima si aggiornano v e s, poi si "
            "calcola il passo con v⁽ᵏ⁾ e s⁽ᵏ⁾.": (moved_by(*corrected(v, s)), v_new, s_new),
            "β₁ e β₂ sono scambiati: β₁ pesa la media dei gradienti v, β₂ quella dei quadrati s.":
                _swapped(w, g, v, s, k, eta, beta1, beta2, eps, eps_inside_sqrt),
            "β e 1 − β sono scambiati nelle medie: il peso β va al momento vecchio, "
            "v⁽ᵏ⁾ = β₁ v⁽ᵏ⁻¹⁾ + (1 − β₁) g.": (moved_by(*corrected(v_swap, s_swap)), v_swap, s_swap),
            f"Avete messo ε nel posto sbagliato, {other}: è {other_name}, ma qui si chiede {asked_name}, "
            f"{asked}.": (moved_by(v_hat, s_hat, not eps_inside_sqrt), v_new, s_new),
            "Avete aggiunto ε prima della correzione del bias: ε va sommato a ŝ⁽ᵏ⁾, che è già diviso per "
            "(1 − β₂ᵏ).": (w - eta / late_eps * v_hat, v_new, s_new),
            "Nel passo va il momento v̂⁽ᵏ⁾, non il gradiente g: Adam è RMSProp *con momentum*.":
                (moved_by(g, s_hat), v_new, s_new),
            "La vostra funzione restituisce i momenti corretti v̂, ŝ come stato: lo stato sono v⁽ᵏ⁾ e s⁽ᵏ⁾ "
            "non corretti.": (right, v_hat, s_hat),
            "La vostra funzione restituisce i momenti vecchi: vanno restituiti v⁽ᵏ⁾ e s⁽ᵏ⁾ aggiornati.":
                (right, v, s),
        }

    return verify(step, _cases(), reference, mistakes,
                  f"Il vostro passo coincide con quello di Adam, {asked}, in tutti i casi di prova.")


def _swapped(w, g, v, s, k, eta, beta1, beta2, eps, inside):
    """Il passo di Adam con β₁ e β₂ scambiati (per la diagnosi)."""
    w_new, state = Adam(eta, beta2, beta1, eps, inside).step(w, g, {"v": v, "s": s}, k - 1)
    return w_new, state["v"], state["s"]
