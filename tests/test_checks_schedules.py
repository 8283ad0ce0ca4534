"""L'autoverifica dello schedule a coseno accetta la soluzione giusta e riconosce gli errori tipici."""

import numpy as np
import pytest
from checks_helpers import assert_verdict

from lib.checks import check_cosine_decay
from lib.checks.schedules import cosine_reference


def cosine(eta0, K, shift=0, period=None):
    """Lo schedule a coseno, eventualmente spostato di ``shift`` passi o con periodo ``period`` al posto di K."""
    period = K if period is None else period
    return lambda k: eta0 / 2 * (1 + np.cos(np.pi * np.minimum(np.asarray(k) + shift, period) / period))


def test_reference_values_by_hand():
    # η(0) = η₀, η(K/2) = η₀/2, η(K) = 0, e oltre K resta 0
    np.testing.assert_allclose(cosine_reference(0.4, 100, np.array([0, 50, 100, 200])), [0.4, 0.2, 0, 0], atol=1e-15)


def test_correct_schedule_passes():
    assert_verdict(check_cosine_decay(cosine), True, "mezzo coseno")


WRONG = [
    (lambda eta0, K: lambda k: eta0 * (1 + np.cos(np.pi * np.minimum(k, K) / K)), "fattore 1/2"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 + np.cos(np.minimum(k, K) / K)), "Manca π"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 + np.cos(np.pi * k / K)), "risale"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 - np.cos(np.pi * np.minimum(k, K) / K)), "Segno sbagliato"),
    (lambda eta0, K: cosine(eta0, K, shift=1), "avanti di un passo"),
    (lambda eta0, K: cosine(eta0, K, shift=-1), "indietro di un passo"),
    (lambda eta0, K: cosine(eta0, K, period=K - 1), "un passo prima, al passo K − 1"),
    (lambda eta0, K: cosine(eta0, K, period=K + 1), "un passo dopo, al passo K + 1"),
    (lambda eta0, K: lambda k: eta0 * np.exp(-k / K), "mi aspettavo"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 + np.cos(np.pi * min(k, K) / K)), "ValueError"),
    (lambda eta0, K: lambda k: 0.1, "array di forma"),
    (lambda eta0, K: 0.1, "TypeError"),
]


@pytest.mark.parametrize("factory, diagnosis", WRONG)
def test_wrong_schedules_get_a_specific_diagnosis(factory, diagnosis):
    assert_verdict(check_cosine_decay(factory), False, diagnosis)


def test_unwritten_exercise_is_recognised():
    def factory(eta0, K):
        raise NotImplementedError

    assert_verdict(check_cosine_decay(factory), False, "non è ancora scritta")
