"""Le autoverifiche di Adagrad, RMSProp e Adadelta: accettano i passi giusti e diagnosticano quelli sbagliati."""

import numpy as np
import pytest
from checks_helpers import assert_verdict

from lib.checks import check_adadelta_step, check_adagrad_step, check_rmsprop_step

# --- implementazioni scritte a mano dalle formule degli appunti ---------------------------


def adagrad(w, g, s, eta, eps):
    s = s + g**2
    return w - eta / (np.sqrt(s) + eps) * g, s


def rmsprop(w, g, s, eta, gamma, eps):
    s = gamma * s + (1 - gamma) * g**2
    return w - eta / (np.sqrt(s) + eps) * g, s


def adadelta(w, g, s, delta_w, gamma, eps, gamma_s=None, gamma_delta=None, numerator_eps=True,
             s_in_step=None, eps_inside=True, delta_of=None):
    """Il passo di Adadelta; gli argomenti dopo ``eps`` introducono, uno alla volta, gli errori tipici."""
    s_new = (gamma if gamma_s is None else gamma_s) * s + (1 - (gamma if gamma_s is None else gamma_s)) * g**2
    s_used = s_new if s_in_step is None else s_in_step
    if eps_inside:
        ratio = np.sqrt(delta_w + (eps if numerator_eps else 0)) / np.sqrt(s_used + eps)
    else:
        ratio = (np.sqrt(delta_w) + eps) / (np.sqrt(s_used) + eps)
    step = ratio * g
    rho = gamma if gamma_delta is None else gamma_delta
    delta_new = rho * delta_w + (1 - rho) * (step if delta_of is None else delta_of) ** 2
    return w - step, s_new, delta_new


def test_correct_steps_pass():
    for check, step in ((check_adagrad_step, adagrad), (check_rmsprop_step, rmsprop),
                        (check_adadelta_step, adadelta)):
        assert_verdict(check(step), True, "in tutti i casi di prova")


def test_adadelta_first_step_by_hand():
    """Da s = Δw = 0, con γ = 0.9, ε = 0.01, g = 3: s = 0.9, passo √0.01/√0.91 · 3, Δw = 0.1 · passo²."""
    w, s, delta_w = adadelta(np.array([0.0]), np.array([3.0]), np.zeros(1), np.zeros(1), 0.9, 0.01)
    step = 0.1 / np.sqrt(0.91) * 3
    np.testing.assert_allclose([w[0], s[0], delta_w[0]], [-step, 0.9, 0.1 * step**2])


WRONG_ADAGRAD = [
    (lambda w, g, s, eta, eps: adagrad(w, -g, s, eta, eps), "Segno sbagliato"),
    (lambda w, g, s, eta, eps: (w - eta / (np.sqrt(s) + eps) * g, s + g**2), "accumulatore vecchio s⁽ᵏ⁻¹⁾"),
    (lambda w, g, s, eta, eps: (w - eta / (np.sqrt(s + g) + eps) * g, s + g), "Manca il quadrato"),
    (lambda w, g, s, eta, eps: (w - eta / (s + g**2 + eps) * g, s + g**2), "Manca la radice"),
    (lambda w, g, s, eta, eps: (w - eta / np.sqrt(s + g**2 + eps) * g, s + g**2), "fuori dalla radice"),
    (lambda w, g, s, eta, eps: (adagrad(w, g, s, eta, eps)[0], s), "accumulatore vecchio: va"),
    (lambda w, g, s, eta, eps: adagrad(w, g, s, 2 * eta, eps), "mi aspettavo"),
    (lambda w, g, s, eta, eps: adagrad(w, g, s, eta, eps)[0], "2 valori"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_ADAGRAD)
def test_wrong_adagrad_steps_are_diagnosed(step, diagnosis):
    assert_verdict(check_adagrad_step(step), False, diagnosis)


def _rms(w, g, s, eta, s_new, eps):
    return w - eta / (np.sqrt(s_new) + eps) * g, s_new


WRONG_RMSPROP = [
    (lambda w, g, s, eta, gamma, eps: rmsprop(w, -g, s, eta, gamma, eps), "Segno sbagliato"),
    (lambda w, g, s, eta, gamma, eps: rmsprop(w, g, s, eta, 1 - gamma, eps), "γ e 1 − γ sono scambiati"),
    (lambda w, g, s, eta, gamma, eps: _rms(w, g, s, eta, gamma * s + g**2, eps), "Manca il fattore (1 − γ)"),
    (lambda w, g, s, eta, gamma, eps: _rms(w, g, s, eta, s + g**2, eps), "somma di Adagrad"),
    (lambda w, g, s, eta, gamma, eps: (w - eta / (np.sqrt(s) + eps) * g, rmsprop(w, g, s, eta, gamma, eps)[1]),
     "accumulatore vecchio s⁽ᵏ⁻¹⁾"),
    (lambda w, g, s, eta, gamma, eps: (w - eta / np.sqrt(rmsprop(w, g, s, eta, gamma, eps)[1] + eps) * g,
                                       rmsprop(w, g, s, eta, gamma, eps)[1]), "fuori dalla radice"),
    (lambda w, g, s, eta, gamma, eps: (rmsprop(w, g, s, eta, gamma, eps)[0], s), "accumulatore vecchio: va"),
    (lambda w, g, s, eta, gamma, eps: 1 / 0, "ZeroDivisionError"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_RMSPROP)
def test_wrong_rmsprop_steps_are_diagnosed(step, diagnosis):
    assert_verdict(check_rmsprop_step(step), False, diagnosis)


def _adadelta_wrong(**change):
    return lambda w, g, s, delta_w, gamma, eps: adadelta(w, g, s, delta_w, gamma, eps, **change)


def _signed(w, g, s, delta_w, gamma, eps):
    w_new, s_new, delta_new = adadelta(w, g, s, delta_w, gamma, eps)
    return 2 * w - w_new, s_new, delta_new


WRONG_ADADELTA = [
    (_signed, "Segno sbagliato"),
    (lambda w, g, s, delta_w, gamma, eps: adadelta(w, g, s, delta_w, 1 - gamma, eps), "in entrambe le medie"),
    (lambda w, g, s, delta_w, gamma, eps: adadelta(w, g, s, delta_w, gamma, eps, gamma_s=1 - gamma),
     "scambiati nella media s"),
    (lambda w, g, s, delta_w, gamma, eps: adadelta(w, g, s, delta_w, gamma, eps, gamma_delta=1 - gamma),
     "scambiati nella media Δw"),
    (lambda w, g, s, delta_w, gamma, eps: adadelta(w, g, s, delta_w, gamma, eps, s_in_step=s),
     "accumulatore vecchio s⁽ᵏ⁻¹⁾"),
    (_adadelta_wrong(eps_inside=False), "ε va dentro le radici"),
    (_adadelta_wrong(numerator_eps=False), "Manca ε nel numeratore"),
    (lambda w, g, s, delta_w, gamma, eps: adadelta(w, g, s, delta_w, gamma, eps, delta_of=g),
     "non dei gradienti g"),
    (lambda *args: (lambda w, s, d: (w, d, s))(*adadelta(*args)), "(w, Δw, s) invece di (w, s, Δw)"),
    (lambda w, g, s, delta_w, gamma, eps: (adadelta(w, g, s, delta_w, gamma, eps)[0], s, delta_w),
     "accumulatore vecchio: va"),
    (lambda *args: adadelta(*args)[:2], "3 valori"),
]


@pytest.mark.parametrize("step, diagnosis", WRONG_ADADELTA)
def test_wrong_adadelta_steps_are_diagnosed(step, diagnosis):
    assert_verdict(check_adadelta_step(step), False, diagnosis)


def test_unwritten_exercise_is_recognised():
    def step(*args):
        raise NotImplementedError

    for check in (check_adagrad_step, check_rmsprop_step, check_adadelta_step):
        assert_verdict(check(step), False, "non è ancora scritta")
