"""Gli schedule del learning rate contro le loro formule."""

import numpy as np
import pytest

from lib import constant, exponential_decay, step_decay, time_decay, warmup


def test_step_decay_halves_every_s_steps():
    eta = step_decay(eta0=0.4, delta=0.5, s=10)
    assert [float(eta(n)) for n in (0, 9, 10, 19, 20, 35)] == [0.4, 0.4, 0.2, 0.2, 0.1, 0.05]


def test_exponential_decay():
    eta = exponential_decay(eta0=0.5, k=0.1)
    assert float(eta(0)) == 0.5
    assert float(eta(10)) == pytest.approx(0.5 / np.e, rel=1e-15)


def test_time_decay():
    eta = time_decay(eta0=0.5, k=0.25)
    assert [float(eta(t)) for t in (0, 4, 12)] == [0.5, 0.25, 0.125]


def test_warmup_ramps_linearly_then_hands_over():
    after = exponential_decay(0.5, 0.1)
    eta = warmup(after, steps=4, start_factor=0.2)
    # da 0.2·0.5 = 0.1 a 0.5 in 4 passi: 0.1, 0.2, 0.3, 0.4; poi after(0), after(1), …
    np.testing.assert_allclose(eta(np.arange(4)), [0.1, 0.2, 0.3, 0.4], rtol=1e-12)
    np.testing.assert_allclose(eta(np.arange(4, 9)), after(np.arange(5)), rtol=1e-15)


def test_warmup_to_a_constant_rate():
    eta = warmup(0.3, steps=10)
    assert float(eta(0)) == pytest.approx(0.003)
    assert float(eta(10)) == float(eta(1000)) == 0.3


@pytest.mark.parametrize(
    "schedule",
    [constant(0.2), step_decay(0.4, 0.5, 3), exponential_decay(0.4, 0.2), time_decay(0.4, 0.2),
     warmup(step_decay(0.4, 0.5, 3), 5)],
)
def test_schedules_are_vectorized(schedule):
    """Su un array di passi uno schedule dà gli stessi valori che passo per passo (per i grafici di η)."""
    k = np.arange(20)
    np.testing.assert_array_equal(schedule(k), [schedule(int(i)) for i in k])


def test_cosine_decay_by_hand():
    from lib import cosine_decay

    eta = cosine_decay(0.4, 100)
    np.testing.assert_allclose(eta(np.array([0, 50, 100, 150])), [0.4, 0.2, 0.0, 0.0], atol=1e-15)
    with pytest.raises(ValueError, match="K"):
        cosine_decay(0.4, 0)


def test_rates_of_a_number_and_of_a_schedule():
    from lib.schedules import rates

    k = np.arange(4)
    np.testing.assert_array_equal(rates(0.3, k), [0.3] * 4)
    np.testing.assert_allclose(rates(time_decay(1.0, 1.0), k), 1 / (1 + k))
    with pytest.raises(ValueError, match="al passo 2"):
        rates(lambda t: np.where(t < 2, 1.0, np.nan), k)
