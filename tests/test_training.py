"""Gli esperimenti di allenamento: curve di costo coerenti, mini-batch riproducibili, curvatura esatta."""

import numpy as np
import pytest

from lib import GD, warmup
from lib.models import LogisticRegression
from lib.training import Task, sharpness, two_moons_task

TASK = two_moons_task(n=40, n_hidden=4)


def test_loss_curve_starts_at_the_initial_loss_and_has_one_value_per_step():
    curve = TASK.loss_curve(GD(eta=0.5), steps=7)
    assert curve.shape == (8,)
    assert curve[0] == pytest.approx(TASK.model.loss(TASK.start(), TASK.X, TASK.y))


def test_small_step_gradient_descent_lowers_the_loss():
    curve = TASK.loss_curve(GD(eta=0.5), steps=50)
    assert np.all(np.diff(curve) < 0)


def test_full_batch_equals_batch_of_all_data():
    a = TASK.train(GD(eta=1.0), 5)
    b = TASK.train(GD(eta=1.0), 5, batch_size=len(TASK.y))
    np.testing.assert_allclose(a, b, rtol=1e-12)


def test_minibatch_runs_are_seeded():
    a = TASK.loss_curve(GD(eta=1.0), 10, batch_size=8, seed=3)
    b = TASK.loss_curve(GD(eta=1.0), 10, batch_size=8, seed=3)
    c = TASK.loss_curve(GD(eta=1.0), 10, batch_size=8, seed=4)
    np.testing.assert_array_equal(a, b)
    assert not np.allclose(a, c)


def test_schedules_are_accepted_and_init_seed_matters():
    assert TASK.loss_curve(GD(warmup(1.0, 5)), 10).shape == (11,)
    assert not np.allclose(TASK.start(), two_moons_task(n=40, n_hidden=4, init_seed=1).start())


def test_sharpness_of_logistic_regression_at_zero():
    """In w = 0 la sigmoide vale 1/2: l'hessiana è (1/4n) Σ x̃ x̃ᵀ con x̃ = (x, 1), calcolabile a mano."""
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    task = Task(LogisticRegression(), X, np.array([0.0, 1.0, 1.0]))
    Xt = np.column_stack([X, np.ones(3)])
    exact = np.linalg.eigvalsh(Xt.T @ Xt / (4 * 3)).max()
    assert sharpness(task, np.zeros(3), iterations=200) == pytest.approx(exact, rel=1e-6)


def test_sharpness_rejects_bad_arguments():
    with pytest.raises(ValueError, match="iterations"):
        sharpness(TASK, TASK.start(), iterations=0)


# --------------------------------------------------------------------------
# Molti allenamenti insieme: Task.loss_curves e CurveTable
# --------------------------------------------------------------------------

from lib import Momentum, Adam, exponential_decay  # noqa: E402
from lib.training import CurveTable, log_steps  # noqa: E402

AT = np.arange(0, 31, 3)


@pytest.mark.parametrize("batch_size", [None, 8, 7])  # 7 non divide 40: l'ultimo mini-batch è più corto
def test_loss_curves_equal_one_run_at_a_time(batch_size):
    """Lo stesso risultato di un allenamento per volta, per ogni ottimizzatore e ogni seme (a meno degli arrotondamenti)."""
    optimizers = [GD(1.0), Momentum(exponential_decay(0.5, 0.05), 0.9), Momentum(warmup(2.0, 10), 0.5)]
    seeds = [3, 11]
    curves = TASK.loss_curves(optimizers, AT, batch_size=batch_size, seeds=seeds)
    assert curves.shape == (3, 2 if batch_size else 1, len(AT))
    for i, opt in enumerate(optimizers):
        for j, seed in enumerate(seeds if batch_size else [0]):
            one = TASK.loss_curve(opt, AT[-1], batch_size=batch_size, seed=seed)[AT]
            np.testing.assert_allclose(curves[i, j], one, rtol=1e-10)


def test_loss_curves_mark_a_divergence_with_inf():
    curves = TASK.loss_curves([GD(1e9), GD(0.1)], AT)
    assert np.isinf(curves[0, 0, -1]) and np.all(np.isfinite(curves[1]))
    assert curves[0, 0, 0] == curves[1, 0, 0]  # il costo iniziale è finito per tutti


def test_loss_curves_reject_what_they_cannot_run():
    with pytest.raises(ValueError, match="solo GD e Momentum"):
        TASK.loss_curves([Adam()], AT)
    with pytest.raises(ValueError, match="at deve essere"):
        TASK.loss_curves([GD(1.0)], [0, 5, 5])
    with pytest.raises(ValueError, match="eta"):
        TASK.loss_curves([GD(lambda k: -np.ones_like(k, dtype=float))], AT)


def test_curve_table_precomputes_and_computes_the_missing_values():
    table = CurveTable(TASK, lambda eta: GD(eta), [0.5, 1.0], AT, batch_size=8, seeds=range(3))
    runs = TASK.loss_curves([GD(1.0)], AT, batch_size=8, seeds=range(3))[0]
    np.testing.assert_array_equal(table.runs(1.0 + 1e-12), runs)  # un valore del cursore quasi uguale
    np.testing.assert_array_equal(table(1.0), runs.mean(axis=0))
    np.testing.assert_allclose(table(2.0), TASK.loss_curves([GD(2.0)], AT, batch_size=8, seeds=range(3))[0].mean(0))
    assert table.values.tolist() == [0.5, 1.0, 2.0]


def test_curve_table_passes_integers_unchanged():
    """Un parametro intero (il periodo s dello step decay) arriva intero all'ottimizzatore."""
    from lib import step_decay

    table = CurveTable(TASK, lambda s: GD(step_decay(1.0, 0.5, s)), [5], AT)
    assert table(10).shape == (len(AT),)


def test_log_steps_start_dense_and_end_at_steps():
    at = log_steps(2000, 80)
    assert at[0] == 0 and at[-1] == 2000 and np.all(np.diff(at) > 0)
    assert at[:10].tolist() == list(range(10))
