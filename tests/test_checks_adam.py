"""L'autoverifica di Adam, nelle due forme (ε dentro o fuori dalla radice): accetta e diagnostica."""

import numpy as np
import pytest
from checks_helpers import assert_verdict

from lib.checks import check_adam_step


def adam(w, g, v, s, k, eta, beta1, beta2, eps, inside=True, power=None, bias=True, weight=None,
         old_in_step=False, late_eps=False):
    """Il passo di Adam scritto a mano; gli argomenti dopo ``eps`` introducono gli errori tipici."""
    b1, b2 = (beta1, beta2) if weight is None else weight
    v_new = b1 * v + (1 - b1) * g
    s_new = b2 * s + (1 - b2) * g**2
    v_used, s_used = (v, s) if old_in_step else (v_new, s_new)
    p = k if power is None else power
    c1, c2 = (1 - beta1**p, 1 - beta2**p) if bias else (1, 1)
    if late_eps:  # ε sommato prima della correzione
        denominator = (np.sqrt(s_used + eps) if inside else np.sqrt(s_used) + eps) / np.sqrt(c2)
    else:
        denominator = np.sqrt(s_used / c2 + eps) if inside else np.sqrt(s_used / c2) + eps
    return w - eta / denominator * v_used / c1, v_new, s_new


def outside(*args):
    return adam(*args, inside=False)


def test_correct_steps_pass_in_both_forms():
    assert_verdict(check_adam_step(adam), True, "η v̂/√(ŝ + ε)")
    assert_verdict(check_adam_step(outside, eps_inside_sqrt=False), True, "η v̂/(√ŝ + ε)")


def test_the_two_forms_are_different_answers():
    assert_verdict(check_adam_step(outside), False, "ma qui si chiede la forma degli appunti")
    assert_verdict(check_adam_step(adam, eps_inside_sqrt=False), False,
                   "ma qui si chiede la forma dell'articolo e di PyTorch")


def test_adam_step_matches_hand_computed_first_step():
    """Al primo passo, con v = s = 0: v̂ = g e ŝ = g², quindi w − η g/√(g² + ε)."""
    w, v, s = adam(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1, 0.1, 0.9, 0.999, 0.0)
    np.testing.assert_allclose([w[0], v[0], s[0]], [0.9, 0.2, 0.004])


def _wrong(**change):
    return lambda *args: adam(*args, **change)


def _swapped_betas(w, g, v, s, k, eta, beta1, beta2, eps):
    return adam(w, g, v, s, k, eta, beta2, beta1, eps)


def _swapped_weights(w, g, v, s, k, eta, beta1, beta2, eps):
    return adam(w, g, v, s, k, eta, beta1, beta2, eps, weight=(1 - beta1, 1 - beta2))


def _corrected_state(w, g, v, s, k, eta, beta1, beta2, eps):
    w_new, v_new, s_new = adam(w, g, v, s, k, eta, beta1, beta2, eps)
    return w_new, v_new / (1 - beta1**k), s_new / (1 - beta2**k)


def _only_v_corrected(w, g, v, s, k, eta, beta1, beta2, eps):
    _, v_new, s_new = adam(w, g, v, s, k, eta, beta1, beta2, eps)
    return w - eta / np.sqrt(s_new + eps) * v_new / (1 - beta1**k), v_new, s_new


def _only_s_corrected(w, g, v, s, k, eta, beta1, beta2, eps):
    _, v_new, s_new = adam(w, g, v, s, k, eta, beta1, beta2, eps)
    return w - eta / np.sqrt(s_new / (1 - beta2**k) + eps) * v_new, v_new, s_new


def _gradient_instead_of_moment(w, g, v, s, k, eta, beta1, beta2, eps):
    _, v_new, s_new = adam(w, g, v, s, k, eta, beta1, beta2, eps)
    return w - eta / np.sqrt(s_new / (1 - beta2**k) + eps) * g, v_new, s_new


def _old_moments(w, g, v, s, k, eta, beta1, beta2, eps):
    return adam(w, g, v, s, k, eta, beta1, beta2, eps)[0], v, s


def _signed(*args):
    w_new, v_new, s_new = adam(*args)
    return 2 * args[0] - w_new, v_new, s_new


WRONG_ADAM = [
    (_signed, "Segno sbagliato"),
    (_wrong(bias=False), "Manca la correzione del bias"),
    (_only_v_corrected, "Avete corretto solo v"),
    (_only_s_corrected, "Avete corretto solo s"),
    (lambda w, g, v, s, k, *rest: adam(w, g, v, s, k, *rest, power=k + 1), "(k parte da 1)"),
    (lambda w, g, v, s, k, *rest: adam(w, g, v, s, k, *rest, power=k - 1), "non 1 − βᵏ⁻¹"),
    (_wrong(old_in_step=True), "momenti vecchi v⁽ᵏ⁻¹⁾, s⁽ᵏ⁻¹⁾"),
    (_swapped_betas, "β₁ e β₂ sono scambiati"),
    (_swapped_weights, "β e 1 − β sono scambiati"),
    (_wrong(late_eps=True), "prima della correzione del bias"),
    (_gradient_instead_of_moment, "non il gradiente g"),
    (_corrected_state, "momenti corretti"),
    (_old_moments, "restituisce i momenti vecchi"),
    (lambda *args: (args[0], args[0]), "3 valori"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_ADAM)
def test_wrong_adam_steps_are_diagnosed(step, diagnosis):
    assert_verdict(check_adam_step(step), False, diagnosis)


@pytest.mark.parametrize("change, diagnosis", [
    ({"bias": False}, "Manca la correzione del bias"),
    ({"old_in_step": True}, "momenti vecchi v⁽ᵏ⁻¹⁾"),
    ({"late_eps": True}, "prima della correzione del bias"),
])
def test_diagnoses_in_the_pytorch_form(change, diagnosis):
    assert_verdict(check_adam_step(_wrong(inside=False, **change), eps_inside_sqrt=False), False, diagnosis)


def test_unwritten_exercise_is_recognised():
    def step(*args):
        raise NotImplementedError

    assert_verdict(check_adam_step(step), False, "non è ancora scritta")
