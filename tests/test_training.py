"""Gli esperimenti di allenamento: curve di costo coerenti, mini-batch riproducibili, curvatura esatta."""

import numpy as np
import pytest

from lib import GD, Adam, warmup
from lib.models import LogisticRegression
from lib.training import (Task, batch_sizes_in_epoch, early_stopping, grid_search, sharpness,
                          two_moons_task)

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


def test_per_example_gradients_average_to_the_full_gradient():
    from lib.training import per_example_gradients
    w = TASK.start()
    rows = per_example_gradients(TASK, w)
    assert rows.shape == (len(TASK.y), TASK.model.size)
    np.testing.assert_allclose(rows.mean(axis=0), TASK.model.grad(w, TASK.X, TASK.y), rtol=1e-12, atol=1e-15)


def test_batch_gradients_are_unbiased_and_seeded():
    from lib.training import batch_gradients
    w = TASK.start()
    full = TASK.model.grad(w, TASK.X, TASK.y)
    grads = batch_gradients(TASK, w, batch_size=5, samples=20_000, seed=2)
    assert grads.shape == (20_000, TASK.model.size)
    error = np.linalg.norm(grads.mean(axis=0) - full) / np.linalg.norm(full)
    spread = np.linalg.norm(grads - full, axis=1).mean() / np.linalg.norm(full)
    assert error < 0.05 < spread  # ogni mini-batch sbaglia, la media no
    np.testing.assert_array_equal(grads[:10], batch_gradients(TASK, w, 5, 10, seed=2))
    whole = batch_gradients(TASK, w, batch_size=len(TASK.y), samples=3)
    np.testing.assert_allclose(whole, np.tile(full, (3, 1)), rtol=1e-12, atol=1e-15)  # b = n: nessun rumore


def test_batch_gradients_reject_bad_sizes():
    from lib.training import batch_gradients
    with pytest.raises(ValueError, match="batch_size"):
        batch_gradients(TASK, TASK.start(), batch_size=len(TASK.y) + 1, samples=3)
    with pytest.raises(ValueError, match="samples"):
        batch_gradients(TASK, TASK.start(), batch_size=2, samples=0)

# --------------------------------------------------------------------------
# Epoche, validazione, arresto anticipato, regolazione
# --------------------------------------------------------------------------


@pytest.mark.parametrize("n, b, expected", [(200, 16, [16] * 12 + [8]), (200, 200, [200]), (10, 1, [1] * 10),
                                            (10, 3, [3, 3, 3, 1])])
def test_an_epoch_is_ceil_n_over_b_batches_covering_every_datum(n, b, expected):
    assert batch_sizes_in_epoch(n, b) == expected


@pytest.mark.parametrize("b", [0, 11, 2.5])
def test_batch_sizes_reject_impossible_blocks(b):
    with pytest.raises(ValueError, match="batch_size"):
        batch_sizes_in_epoch(10, b)


def test_two_moons_task_is_seeded():
    a, b = two_moons_task(n=40, data_seed=3), two_moons_task(n=40, data_seed=3)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.start(), b.start())
    assert a.n == 40


def test_epoch_curve_counts_steps_epochs_and_evaluations():
    curve = TASK.epoch_curve(GD(0.5), batch_size=16, epochs=3)  # 40 = 16 + 16 + 8: 3 passi per epoca
    assert len(curve.losses) == 3 * 3 + 1
    np.testing.assert_array_equal(curve.evaluations[:4], [0, 16, 32, 40])
    assert curve.epochs[-1] == 3.0 and not curve.diverged
    assert curve.last_epoch() == pytest.approx(np.mean(curve.losses[-3:]))


def test_full_batch_epoch_is_one_gradient_descent_step():
    """Con b = n ogni passo usa tutti i dati: il costo dopo un passo è quello di w0 − η∇C(w0)."""
    w0 = TASK.start()
    curve = TASK.epoch_curve(GD(0.5), batch_size=TASK.n, epochs=1)
    w1 = w0 - 0.5 * TASK.model.grad(w0, TASK.X, TASK.y)
    assert curve.losses[1] == pytest.approx(TASK.model.loss(w1, TASK.X, TASK.y), rel=1e-12)


def test_epoch_curve_is_reproducible_with_the_seed_and_changes_without():
    a, b = (TASK.epoch_curve(Adam(0.05), 4, 2, seed=5) for _ in range(2))
    np.testing.assert_array_equal(a.losses, b.losses)
    assert not np.array_equal(a.losses, TASK.epoch_curve(Adam(0.05), 4, 2, seed=6).losses)


def test_diverging_epoch_curve_is_shorter_and_scores_infinity():
    curve = TASK.epoch_curve(GD(1e9), 1, 2)
    assert curve.diverged and len(curve.evaluations) == len(curve.losses) < 2 * TASK.n + 1
    assert curve.last_epoch() == np.inf


def test_split_is_a_seeded_partition_with_the_same_start():
    train, validation = TASK.split(10, seed=2)
    assert (train.n, validation.n) == (30, 10)
    together = np.vstack([train.X, validation.X])
    assert sorted(map(tuple, together)) == sorted(map(tuple, TASK.X))
    np.testing.assert_array_equal(train.start(), validation.start())
    np.testing.assert_array_equal(TASK.split(10, seed=2)[1].X, validation.X)
    assert not np.array_equal(TASK.split(10, seed=3)[1].X, validation.X)


@pytest.mark.parametrize("n_validation", [0, 40, 1.5])
def test_split_rejects_impossible_sizes(n_validation):
    with pytest.raises(ValueError, match="n_validation"):
        TASK.split(n_validation)


@pytest.mark.parametrize("losses, patience, expected", [
    ([5, 4, 3, 2, 1], 2, (4, 4)),          # scende sempre: nessuna fermata, si tiene l'ultimo
    ([5, 3, 4, 4, 4, 4], 3, (1, 4)),       # il migliore è al passo 1; dopo 3 passi senza meglio, stop
    ([5, 3, 4, 2, 4, 4, 4], 2, (3, 5)),    # un nuovo minimo riazzera la pazienza
    ([5, 3, 3, 3], 2, (1, 3)),             # uguale non è meglio
])
def test_early_stopping(losses, patience, expected):
    assert early_stopping(losses, patience) == expected


def test_early_stopping_rejects_bad_input():
    with pytest.raises(ValueError, match="patience"):
        early_stopping([1.0, 0.5], 0)
    with pytest.raises(ValueError, match="validation_losses"):
        early_stopping([1.0, np.nan], 3)


def test_grid_search_gives_every_value_the_same_seeds_and_picks_the_lowest_mean():
    values = [1e-3, 0.5, 1e9]
    search = grid_search(TASK, GD, values, batch_size=8, epochs=2, seeds=(0, 1))
    assert search.scores.shape == (3, 2) and search.values == tuple(values)
    expected = TASK.epoch_curve(GD(0.5), 8, 2, seed=1).last_epoch()
    assert search.scores[1, 1] == expected
    assert search.scores[2, 0] == np.inf  # diverge: non può vincere
    assert search.best == 0.5 and search.best_score == pytest.approx(search.scores[1].mean())


def test_grid_search_needs_values_and_seeds():
    with pytest.raises(ValueError, match="values"):
        grid_search(TASK, GD, [], 8, 1)
