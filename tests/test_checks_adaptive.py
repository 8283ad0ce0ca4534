"""Le autoverifiche del capitolo 4: accettano i passi giusti e diagnosticano quelli sbagliati."""

import numpy as np
import pytest

from lib.checks.adaptive import check_adagrad_step, check_adam_step, check_rmsprop_step


# --- implementazioni scritte a mano dalle formule degli appunti ---------------------------

def adagrad(w, g, s, eta, eps):
    s = s + g**2
    return w - eta / (np.sqrt(s) + eps) * g, s


def rmsprop(w, g, s, eta, gamma, eps):
    s = gamma * s + (1 - gamma) * g**2
    return w - eta / (np.sqrt(s) + eps) * g, s


def adam(w, g, v, s, k, eta, beta1, beta2, eps, inside=True, power=None, bias=True, v_out=None):
    v = beta1 * v + (1 - beta1) * g
    s = beta2 * s + (1 - beta2) * g**2
    p = k if power is None else power
    v_hat, s_hat = (v / (1 - beta1**p), s / (1 - beta2**p)) if bias else (v, s)
    denominator = np.sqrt(s_hat + eps) if inside else np.sqrt(s_hat) + eps
    return w - eta / denominator * v_hat, v, s


def test_correct_steps_pass():
    for check, step in ((check_adagrad_step, adagrad), (check_rmsprop_step, rmsprop), (check_adam_step, adam)):
        verdict = check(step)
        assert verdict.ok and repr(verdict).startswith("✅"), verdict


def test_adam_step_matches_hand_computed_first_step():
    """Al primo passo, con v = s = 0: v̂ = g e ŝ = g², quindi w − η g/√(g² + ε)."""
    w, v, s = adam(np.array([1.0]), np.array([2.0]), np.zeros(1), np.zeros(1), 1, 0.1, 0.9, 0.999, 0.0)
    np.testing.assert_allclose(w, [0.9])
    np.testing.assert_allclose(v, [0.2])
    np.testing.assert_allclose(s, [0.004])


WRONG_ADAGRAD = [
    (lambda w, g, s, eta, eps: adagrad(w, -g, s, eta, eps), "segno sbagliato"),
    (lambda w, g, s, eta, eps: (w - eta / (np.sqrt(s) + eps) * g, s + g**2), "accumulatore vecchio s_{k−1}"),
    (lambda w, g, s, eta, eps: (w - eta / (np.sqrt(s + g) + eps) * g, s + g), "manca il quadrato"),
    (lambda w, g, s, eta, eps: (w - eta / (s + g**2 + eps) * g, s + g**2), "manca la radice"),
    (lambda w, g, s, eta, eps: (w - eta / np.sqrt(s + g**2 + eps) * g, s + g**2), "fuori dalla radice"),
    (lambda w, g, s, eta, eps: (adagrad(w, g, s, eta, eps)[0], s), "accumulatore vecchio: va"),
    (lambda w, g, s, eta, eps: adagrad(w, g, s, 2 * eta, eps), "mi aspettavo"),
    (lambda w, g, s, eta, eps: adagrad(w, g, s, eta, eps)[0], "2 valori"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_ADAGRAD)
def test_wrong_adagrad_steps_are_diagnosed(step, diagnosis):
    verdict = check_adagrad_step(step)
    assert not verdict.ok and repr(verdict).startswith("❌")
    assert diagnosis in verdict.message


def _rms(w, g, s, eta, s_new, eps):
    return w - eta / (np.sqrt(s_new) + eps) * g, s_new


WRONG_RMSPROP = [
    (lambda w, g, s, eta, gamma, eps: rmsprop(w, -g, s, eta, gamma, eps), "segno sbagliato"),
    (lambda w, g, s, eta, gamma, eps: rmsprop(w, g, s, eta, 1 - gamma, eps), "scambiati"),
    (lambda w, g, s, eta, gamma, eps: _rms(w, g, s, eta, gamma * s + g**2, eps), "manca il fattore (1 − γ)"),
    (lambda w, g, s, eta, gamma, eps: _rms(w, g, s, eta, s + g**2, eps), "somma di Adagrad"),
    (lambda w, g, s, eta, gamma, eps: (w - eta / (np.sqrt(s) + eps) * g, rmsprop(w, g, s, eta, gamma, eps)[1]),
     "accumulatore vecchio s_{k−1}"),
    (lambda w, g, s, eta, gamma, eps: (w - eta / np.sqrt(rmsprop(w, g, s, eta, gamma, eps)[1] + eps) * g,
                                       rmsprop(w, g, s, eta, gamma, eps)[1]), "fuori dalla radice"),
    (lambda w, g, s, eta, gamma, eps: (rmsprop(w, g, s, eta, gamma, eps)[0], s), "accumulatore vecchio: va"),
    (lambda w, g, s, eta, gamma, eps: 1 / 0, "ZeroDivisionError"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_RMSPROP)
def test_wrong_rmsprop_steps_are_diagnosed(step, diagnosis):
    verdict = check_rmsprop_step(step)
    assert not verdict.ok and diagnosis in verdict.message


def _adam_wrong(**change):
    return lambda w, g, v, s, k, eta, beta1, beta2, eps: adam(w, g, v, s, k, eta, beta1, beta2, eps, **change)


def _swapped_betas(w, g, v, s, k, eta, beta1, beta2, eps):
    return adam(w, g, v, s, k, eta, beta2, beta1, eps)


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


WRONG_ADAM = [
    (lambda w, g, v, s, k, eta, beta1, beta2, eps: adam(w, g, v, s, k, -eta, beta1, beta2, eps)[:1]
     + adam(w, g, v, s, k, eta, beta1, beta2, eps)[1:], "segno sbagliato"),
    (_adam_wrong(bias=False), "manca la correzione del bias"),
    (_only_v_corrected, "hai corretto solo v"),
    (_only_s_corrected, "hai corretto solo s"),
    (lambda w, g, v, s, k, *rest: adam(w, g, v, s, k, *rest, power=k + 1), "(k parte da 1)"),
    (lambda w, g, v, s, k, *rest: adam(w, g, v, s, k, *rest, power=k - 1), "non 1 − β^(k−1)"),
    (_swapped_betas, "scambiati"),
    (_adam_wrong(inside=False), "forma dell'articolo e di PyTorch"),
    (_gradient_instead_of_moment, "non il gradiente g"),
    (_corrected_state, "momenti corretti"),
    (_old_moments, "momenti vecchi"),
    (lambda *args: (args[0], args[0]), "3 valori"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_ADAM)
def test_wrong_adam_steps_are_diagnosed(step, diagnosis):
    verdict = check_adam_step(step)
    assert not verdict.ok and diagnosis in verdict.message, verdict


def test_unwritten_exercise_is_recognised():
    def step(*args):
        raise NotImplementedError

    for check in (check_adagrad_step, check_rmsprop_step, check_adam_step):
        assert "non è ancora scritta" in check(step).message
