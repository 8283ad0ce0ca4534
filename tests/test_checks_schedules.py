"""L'autoverifica dello schedule a coseno accetta la soluzione giusta e riconosce gli errori tipici."""

import numpy as np
import pytest

from lib.checks.schedules import check_cosine_decay, cosine_reference


def correct(eta0, K):
    return lambda k: eta0 / 2 * (1 + np.cos(np.pi * np.minimum(k, K) / K))


def test_reference_values_by_hand():
    # η(0) = η₀, η(K/2) = η₀/2, η(K) = 0, e oltre K resta 0
    np.testing.assert_allclose(cosine_reference(0.4, 100, np.array([0, 50, 100, 200])), [0.4, 0.2, 0, 0], atol=1e-15)


def test_correct_schedule_passes():
    verdict = check_cosine_decay(correct)
    assert verdict.ok and repr(verdict).startswith("✅")


WRONG = [
    (lambda eta0, K: lambda k: eta0 * (1 + np.cos(np.pi * np.minimum(k, K) / K)), "fattore 1/2"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 + np.cos(np.minimum(k, K) / K)), "manca π"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 + np.cos(np.pi * k / K)), "risale"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 - np.cos(np.pi * np.minimum(k, K) / K)), "segno sbagliato"),
    (lambda eta0, K: lambda k: eta0 * np.exp(-k / K), "mi aspettavo"),
    (lambda eta0, K: lambda k: eta0 / 2 * (1 + np.cos(np.pi * min(k, K) / K)), "ValueError"),
    (lambda eta0, K: lambda k: 0.1, "array di forma"),
    (lambda eta0, K: 0.1, "TypeError"),
]


@pytest.mark.parametrize("factory, diagnosis", WRONG)
def test_wrong_schedules_get_a_specific_diagnosis(factory, diagnosis):
    verdict = check_cosine_decay(factory)
    assert not verdict.ok and repr(verdict).startswith("❌")
    assert diagnosis in verdict.message


def test_unwritten_exercise_is_recognised():
    def factory(eta0, K):
        raise NotImplementedError

    assert "non è ancora scritta" in check_cosine_decay(factory).message
