"""La teoria del momentum sulla quadratica: valori calcolati a mano e confronti con esecuzioni vere."""

import numpy as np
import pytest

from lib import GD, Momentum, quadratic, run
from lib import heavy_ball as hb


def test_weights_are_powers_of_beta_ending_with_one():
    np.testing.assert_array_equal(hb.weights(0.5, 3), [0.25, 0.5, 1.0])
    np.testing.assert_array_equal(hb.weights(0.0, 3), [0.0, 0.0, 1.0])  # β = 0: solo l'ultimo gradiente


def test_effective_step_is_eta_over_one_minus_beta():
    assert hb.effective_step(0.1, 0.9) == pytest.approx(1.0)
    assert hb.effective_step(0.4, 0.0) == pytest.approx(0.4)


def test_iteration_matrix_by_hand_and_against_one_momentum_step():
    np.testing.assert_allclose(hb.iteration_matrix(0.5, 0.5, 2.0), [[0.0, -0.25], [2.0, 0.5]])
    # un passo di Momentum su f = λ w²/2 con velocità precedente v = 3
    lam, eta, beta, w, v = 2.0, 0.3, 0.6, 1.5, 3.0
    v_new = beta * v + lam * w
    np.testing.assert_allclose(hb.iteration_matrix(eta, beta, lam) @ [w, v], [w - eta * v_new, v_new])


def test_spectral_radius_in_the_three_regimes():
    assert hb.spectral_radius(0.4, 0.0, 4.0) == pytest.approx(0.6)  # GD: |1 − ηλ|
    assert hb.spectral_radius(0.4, 0.5, 4.0) == pytest.approx(np.sqrt(0.5))  # autovalori complessi
    t = 1 - 0.4 * 0.2 + 0.3  # autovalori reali
    assert hb.spectral_radius(0.4, 0.3, 0.2) == pytest.approx((t + np.sqrt(t**2 - 1.2)) / 2)


def test_spectral_radius_matches_numpy_eigenvalues_on_a_grid():
    rng = np.random.default_rng(1)
    for eta, beta, lam in zip(rng.uniform(0, 2, 50), rng.uniform(0, 0.99, 50), rng.uniform(0.1, 5, 50)):
        expected = np.abs(np.linalg.eigvals(hb.iteration_matrix(eta, beta, lam))).max()
        assert hb.spectral_radius(eta, beta, lam) == pytest.approx(expected, rel=1e-9)


def test_rate_is_the_slowest_coordinate_and_is_vectorised():
    assert hb.rate(0.4, 0.0, (0.2, 4.0)) == pytest.approx(0.92)
    eta, beta = np.meshgrid(np.linspace(0.01, 1, 7), np.linspace(0, 0.9, 5))
    assert hb.rate(eta, beta, (0.2, 4.0)).shape == (5, 7)


def test_rate_predicts_the_decay_of_real_runs():
    eta, beta = 0.4, 0.5
    traj = run(Momentum(eta, beta), lambda w: np.array([0.2, 4.0]) * w, [-5.0, -2.0], 400)
    norms = np.linalg.norm(traj, axis=1)
    assert (norms[400] / norms[300]) ** (1 / 100) == pytest.approx(hb.rate(eta, beta, (0.2, 4.0)), rel=0.01)


def test_stability_boundary_is_two_times_one_plus_beta():
    assert hb.stable(0.74, 0.5, 4.0) and not hb.stable(0.76, 0.5, 4.0)  # soglia η = 2·1.5/4 = 0.75
    assert not hb.stable(0.0, 0.5, 4.0)
    eta, beta = np.meshgrid(np.linspace(0.005, 1.2, 60), np.linspace(0, 0.95, 40))
    both = hb.stable(eta, beta, 0.2) & hb.stable(eta, beta, 4.0)
    np.testing.assert_array_equal(both, hb.rate(eta, beta, (0.2, 4.0)) < 1)


def test_optimal_parameters_of_the_notes_quadratic():
    eta, beta, factor = hb.optimal(0.2, 4.0)
    kappa_root = np.sqrt(20)
    assert beta == pytest.approx(((kappa_root - 1) / (kappa_root + 1)) ** 2)
    assert (eta, beta, factor) == pytest.approx((0.66791, 0.40261, 0.63452), abs=1e-5)
    assert hb.rate(eta, beta, (0.2, 4.0)) == pytest.approx(factor)
    grid = hb.rate(*np.meshgrid(np.linspace(0.01, 1.2, 120), np.linspace(0, 0.98, 99)), (0.2, 4.0))
    assert grid.min() >= factor - 1e-9


def test_velocities_recover_v_from_the_trajectory():
    # f = w², ∇f = 2w, η = 0.25, β = 0.5, w0 = 1: v0 = 2, w1 = 0.5, v1 = 0.5·2 + 1 = 2, w2 = 0
    traj = run(Momentum(0.25, 0.5), lambda w: 2 * w, 1.0, 2)
    np.testing.assert_allclose(hb.velocities(traj, 0.25), [2.0, 2.0])


def test_optimum_report_by_hand():
    """μ = 1, L = 9: κ = 9, η* = (2/(3 + 1))² = 0.25, β* = ((3 − 1)/(3 + 1))² = 0.25, fattore 0.5.

    Autovalori doppi: t = 1 − 0.25 λ + 0.25 vale 1 = 2√β* per λ = 1 (z = 0.5) e −1 per λ = 9 (z = −0.5).
    """
    report = hb.optimum_report((1.0, 9.0), [0.1, 0.25, 0.3], [0.0, 0.25, 0.5])
    assert (report.eta, report.beta, report.factor) == pytest.approx((0.25, 0.25, 0.5))
    np.testing.assert_allclose(report.eigenvalues[1.0], [0.5, 0.5], atol=1e-7)
    np.testing.assert_allclose(report.eigenvalues[9.0], [-0.5, -0.5], atol=1e-7)
    assert report.grid_min == pytest.approx(0.5)  # la griglia contiene l'ottimo


def test_optimum_report_grid_without_the_optimum():
    """Solo β = 0 (la discesa del gradiente) con η = 2/(μ + L) = 0.2: fattore (κ − 1)/(κ + 1) = 0.8."""
    assert hb.optimum_report((1.0, 9.0), [0.1, 0.2, 0.3], [0.0]).grid_min == pytest.approx(0.8)
    report = hb.optimum_report((0.2, 4.0), np.linspace(0.005, 1.2, 240), np.linspace(0, 0.98, 197))
    assert report.factor < report.grid_min < report.factor + 0.01


def test_measured_rate_by_hand():
    """‖w_k‖ = 8, 4, 2, 1, 0.5 con una finestra di 1 passo e 2 passi di distanza: (1 / 4)^(1/2) = 0.5."""
    traj = np.array([[8.0, 0.0], [0.0, 4.0], [2.0, 0.0], [0.0, -1.0], [0.3, 0.4]])
    assert hb.measured_rate(traj, window=1, gap=2) == pytest.approx(0.5)


def test_measured_rate_takes_the_envelope_of_an_oscillation():
    """w_k = 0.99^k cos(kπ/2), periodo 4: ogni finestra ha il massimo sul primo multiplo di 4 (952 e 452)."""
    k = np.arange(1001)
    assert hb.measured_rate(0.99**k * np.cos(k * np.pi / 2)) == pytest.approx(0.99, rel=1e-12)
    with pytest.raises(ValueError, match="almeno"):
        hb.measured_rate(0.99 ** k[:550])


def test_measured_rate_agrees_with_the_spectral_radius_on_a_momentum_run():
    traj = run(Momentum(0.4, 0.8), lambda w: np.array([0.2, 4.0]) * w, [-5.0, -2.0], 1000)
    assert hb.measured_rate(traj) == pytest.approx(hb.rate(0.4, 0.8, (0.2, 4.0)), abs=2e-3)


# --- Nesterov, l'intervallo dei learning rate buoni, la funzione di Lessard ---


def test_nesterov_iteration_matrix_against_one_step():
    lam, eta, beta, w, v = 2.0, 0.3, 0.6, 1.5, 3.0
    v_new = beta * v + lam * w
    w_new = w - eta * (lam * w + beta * v_new)
    np.testing.assert_allclose(hb.iteration_matrix(eta, beta, lam, nesterov=True) @ [w, v], [w_new, v_new])


@pytest.mark.parametrize("nesterov", [False, True])
def test_iteration_matrix_reproduces_a_run(nesterov):
    eta, beta, lam = 0.3, 0.8, 4.0
    traj = run(Momentum(eta, beta, nesterov=nesterov), lambda w: lam * w, 1.0, 12)
    T = hb.iteration_matrix(eta, beta, lam, nesterov)
    np.testing.assert_allclose(traj, [(np.linalg.matrix_power(T, k) @ [1.0, 0.0])[0] for k in range(13)],
                               rtol=1e-10, atol=1e-13)


def test_nesterov_spectral_radius_matches_numpy_eigenvalues():
    rng = np.random.default_rng(2)
    for eta, beta, lam in zip(rng.uniform(0, 2, 50), rng.uniform(0, 0.99, 50), rng.uniform(0.1, 5, 50)):
        expected = np.abs(np.linalg.eigvals(hb.iteration_matrix(eta, beta, lam, nesterov=True))).max()
        assert hb.spectral_radius(eta, beta, lam, nesterov=True) == pytest.approx(expected, rel=1e-9)


def test_nesterov_by_hand_on_the_steep_coordinate():
    """η = 0.3, β = 0.5, λ = 4: t = 1.5·(−0.2) = −0.3, d = −0.1, radici (−0.3 ± 0.7)/2 = 0.2 e −0.5."""
    assert hb.spectral_radius(0.3, 0.5, 4.0, nesterov=True) == pytest.approx(0.5)


@pytest.mark.parametrize("nesterov, limit", [(False, 3.0), (True, 1.5)])
def test_stability_limit_by_hand_and_on_a_grid(nesterov, limit):
    assert hb.stability_limit(0.5, nesterov) == pytest.approx(limit)  # 2(1 + β), 2(1 + β)/(1 + 2β)
    eta, beta = np.meshgrid(np.linspace(0.005, 1.2, 60), np.linspace(0, 0.95, 40))
    both = hb.stable(eta, beta, 0.2, nesterov) & hb.stable(eta, beta, 4.0, nesterov)
    np.testing.assert_array_equal(both, hb.rate(eta, beta, (0.2, 4.0), nesterov) < 1)


@pytest.mark.parametrize("nesterov", [False, True])
def test_stability_limit_separates_runs_that_converge_from_runs_that_diverge(nesterov):
    for beta in (0.0, 0.5, 0.9):
        limit = hb.stability_limit(beta, nesterov) / 4.0
        below, above = (run(Momentum(f * limit, beta, nesterov=nesterov), quadratic.grad, quadratic.start, 3000)
                        for f in (0.99, 1.01))
        assert not below.diverged and quadratic(below[-1]) < 1e-6
        assert above.diverged


def test_eta_interval_against_a_dense_grid():
    etas = np.linspace(1e-4, 1.5, 150_001)
    for beta, factor in ((0.8, 3.8 / 4.2), (0.5, 0.8), (0.8, 0.95), (0.0, 0.95)):
        good = etas[hb.rate(etas, beta, (0.2, 4.0)) <= factor]
        low, high = hb.eta_interval(beta, factor, 0.2, 4.0)
        assert low == pytest.approx(good.min(), abs=2e-5) and high == pytest.approx(good.max(), abs=2e-5)


def test_eta_interval_is_empty_below_the_square_root_of_beta():
    best_gd = 3.8 / 4.2  # (κ − 1)/(κ + 1) con κ = 20
    assert hb.eta_interval(0.9, best_gd, 0.2, 4.0) is None  # √0.9 ≈ 0.9487 > 0.9048
    assert hb.eta_interval(0.9, 0.93, 0.2, 4.0) is None
    low, high = hb.eta_interval(0.8, best_gd, 0.2, 4.0)
    assert (low, high) == pytest.approx((0.05514, 0.89724), abs=1e-5)
    with pytest.raises(ValueError, match="factor"):
        hb.eta_interval(0.5, 1.0, 0.2, 4.0)


def test_lessard_function_is_continuous_with_its_derivative():
    for w in (1.0, 2.0):
        assert hb.lessard(w - 1e-12) == pytest.approx(hb.lessard(w), abs=1e-9)
        assert hb.lessard_grad(w - 1e-12) == pytest.approx(hb.lessard_grad(w), abs=1e-9)
    w = np.linspace(-3, 4, 71) + 0.013
    numeric = (hb.lessard(w + 1e-6) - hb.lessard(w - 1e-6)) / 2e-6
    np.testing.assert_allclose(hb.lessard_grad(w), numeric, rtol=1e-6)
    assert hb.lessard(0.0) == 0 and np.all(hb.lessard(w) > 0)


def test_heavy_ball_with_polyak_parameters_cycles_on_the_lessard_function():
    eta, beta, _ = hb.optimal(*hb.LESSARD_CURVATURES)  # 1/9 e 4/9
    assert (eta, beta) == pytest.approx((1 / 9, 4 / 9))
    traj = run(Momentum(eta, beta), hb.lessard_grad, 3.3, 600)
    np.testing.assert_allclose(traj[-3:], traj[-6:-3], atol=1e-9)  # periodo 3
    assert np.abs(traj[-3:]).min() > 0.6  # lontano dal minimo
    # Nesterov con η = 1/L, β = (√κ − 1)/(√κ + 1) e GD con η = 2/(μ + L) invece convergono
    nesterov = run(Momentum(1 / 25, 2 / 3, nesterov=True), hb.lessard_grad, 3.3, 600)
    gd = run(GD(2 / 26), hb.lessard_grad, 3.3, 600)
    assert abs(nesterov[-1]) < 1e-12 and abs(gd[-1]) < 1e-12
