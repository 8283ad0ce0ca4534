"""Capitolo 4: gli accumulatori registrati, le figure dei metodi adattivi, i dati con una caratteristica rara."""

import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib import GD, Adagrad, Adam, Momentum, RMSProp, quadratic, rosenbrock, rotated_quadratic, run  # noqa: E402
from lib.data import rare_feature  # noqa: E402
from lib.figures import adaptive  # noqa: E402
from lib.models import LogisticRegression, MinibatchGradient  # noqa: E402
from lib.plots import trajectory_figure  # noqa: E402


def test_trace_records_adagrad_accumulator_by_hand():
    """C(w) = w², da w = 1 con η = 0.5: g = 2, s = 4, w = 0.5; poi g = 1, s = 5, w = 0.5 − 0.5/√5."""
    traj, states = adaptive.trace(Adagrad(eta=0.5, eps=1e-12), lambda w: 2 * w, 1.0, 2)
    np.testing.assert_allclose(traj, [1.0, 0.5, 0.5 - 0.5 / np.sqrt(5)])
    np.testing.assert_allclose(states["s"], [4.0, 5.0])


def test_trace_stops_the_states_with_a_diverging_run():
    traj, states = adaptive.trace(Momentum(eta=10.0, beta=0.9), quadratic.grad, quadratic.start, 100)
    assert traj.diverged and len(states["v"]) == len(traj) - 1


def test_effective_rate_follows_the_schedule():
    rates = adaptive.effective_rate(Adagrad(eta=lambda k: 1 / (k + 1), eps=1e-12), np.array([4.0, 9.0]))
    np.testing.assert_allclose(rates, [1 / 2, 1 / 2 / 3])


def test_step_lengths():
    np.testing.assert_allclose(adaptive.step_lengths(np.array([[0, 0], [3, 4], [3, 4]])), [5, 0])


def test_effective_rates_draws_one_curve_per_optimizer():
    opts = {"Adagrad": Adagrad(eta=0.5), "RMSProp": RMSProp(eta=0.05)}
    fig = adaptive.effective_rates(opts, lambda: quadratic.grad, quadratic.start, 30, coordinate=1)
    lines = fig.axes[0].get_lines()
    assert [line.get_label() for line in lines] == list(opts)
    # primo passo di Adagrad: s_1 = g² con g = 4·(−2) = −8, quindi η/(8 + ε)
    assert lines[0].get_ydata()[0] == pytest.approx(0.5 / 8)
    # primo passo di RMSProp: s_1 = (1 − γ) g², quindi η/(√0.1 · 8)
    assert lines[1].get_ydata()[0] == pytest.approx(0.05 / (np.sqrt(0.1) * 8))


def test_rare_feature_data():
    X, y = rare_feature(n=20_000, frequency=0.05, weights=(0.0, 0.0), seed=1)
    assert X.shape == (20_000, 2) and set(np.unique(X[:, 1])) == {0.0, 1.0}
    assert abs(X[:, 1].mean() - 0.05) < 4 * np.sqrt(0.05 * 0.95 / 20_000)
    assert abs(y.mean() - 0.5) < 4 * np.sqrt(0.25 / 20_000)  # pesi nulli: σ(0) = 1/2
    X, y = rare_feature(n=500, weights=(0.0, 60.0))
    assert np.all(y[X[:, 1] == 1] == 1)  # σ(60) ≈ 1
    np.testing.assert_array_equal(rare_feature(seed=3)[0], rare_feature(seed=3)[0])


@pytest.mark.parametrize("bad", [{"frequency": 0}, {"frequency": 1.5}, {"weights": (1.0,)},
                                 {"weights": (1.0, np.inf)}, {"weights": "ab"}, {"n": 0}])
def test_rare_feature_rejects_bad_arguments(bad):
    with pytest.raises(ValueError):
        rare_feature(**bad)


def test_rare_feature_runs_share_the_minibatches_and_adagrad_favours_the_rare_weight():
    X, y = rare_feature()
    runs = adaptive.rare_feature_runs(X, y, eta=0.5, steps=100, batch_size=5)
    moved = [np.diff(traj[:, 1]) != 0 for _, traj, _ in runs.values()]
    np.testing.assert_array_equal(*moved)  # a₂ si muove solo quando il mini-batch contiene x₂ = 1
    opt, _, states = runs["Adagrad"]
    rate = adaptive.effective_rate(opt, states["s"])[-1]
    assert rate[1] > 2 * rate[0]


def test_rare_feature_figure_hides_the_rate_before_the_first_rare_gradient():
    X, y = rare_feature()
    runs = adaptive.rare_feature_runs(X, y, steps=50, batch_size=5)
    fig = adaptive.rare_feature_figure(runs, optimum=(1.0, 1.0, 0.0))
    left, right = fig.axes
    assert len(left.get_lines()) == 4 + 2
    rare = right.get_lines()[1].get_ydata()
    first = np.flatnonzero(runs["Adagrad"][2]["s"][:, 1])[0]
    assert np.all(np.isnan(rare[:first])) and np.all(np.isfinite(rare[first:]))


def test_adam_moments_in_closed_form():
    """Con gradienti costanti g = 1: v_k = 1 − β₁^k e s_k = 1 − β₂^k."""
    v, s, g = adaptive.adam_moments(beta1=0.9, beta2=0.99, steps=20, mean=1.0, noise=0.0)
    k = np.arange(1, 21)
    np.testing.assert_allclose(v, 1 - 0.9**k)
    np.testing.assert_allclose(s, 1 - 0.99**k)
    np.testing.assert_array_equal(g, np.ones(20))


def test_bias_correction_figure_corrected_lines_are_exact_without_noise():
    fig = adaptive.bias_correction_figure(steps=10, mean=2.0, noise=0.0)
    for ax in fig.axes:
        raw, corrected = ax.get_lines()[-3:-1]
        np.testing.assert_allclose(corrected.get_ydata(), 2.0)
        assert raw.get_ydata()[0] < 1.0


@pytest.mark.parametrize("method", list(adaptive.SLIDERS))
@pytest.mark.parametrize("landscape", [quadratic, rosenbrock])
def test_sliders_at_their_extremes_draw_without_warnings(method, landscape):
    _, update = trajectory_figure(landscape, method, 100)
    ranges = adaptive.SLIDERS[method]
    for values in itertools.product(*[(low, high) for _, low, high, _, _ in ranges.values()]):
        update(**dict(zip(ranges, values)))


def test_explore_builds_the_sliders():
    box = adaptive.explore(Adam, quadratic, 10)
    labels = [s.description for s in box.children[0].children]
    assert labels == ["η", "β₁", "β₂"]


def test_spiked_gradient_multiplies_only_the_first_call():
    grad = adaptive.spiked(lambda w: 2 * w, 100.0)
    assert [grad(1.0), grad(1.0), grad(1.0)] == [200.0, 2.0, 2.0]


@pytest.mark.parametrize("beta1, beta2", [(0.9, 0.999), (0.3, 0.7), (0.0, 0.5)])
def test_first_step_of_adam_in_closed_form(beta1, beta2):
    """Con le correzioni del bias il primo passo è −η g/√(g² + ε) (ε dentro) o −η g/(|g| + ε), per ogni β."""
    g = np.array([2.0, -0.1, 1e-3])
    inside = adaptive.first_step(Adam(eta=0.5, beta1=beta1, beta2=beta2, eps=0.01), g)
    outside = adaptive.first_step(Adam(eta=0.5, beta1=beta1, beta2=beta2, eps=0.01, eps_inside_sqrt=False), g)
    np.testing.assert_allclose(inside, -0.5 * g / np.sqrt(g**2 + 0.01))
    np.testing.assert_allclose(outside, -0.5 * g / (np.abs(g) + 0.01))


def test_first_step_of_other_methods_and_of_a_number():
    """RMSProp: −η g/(√((1 − γ) g²) + ε), qui −0.1 · 3/(3√0.9 + 0.1); Adagrad con g = 4: −η · 4/(4 + ε)."""
    expected = -0.1 * 3 / (3 * np.sqrt(0.9) + 0.1)
    assert adaptive.first_step(RMSProp(eta=0.1, gamma=0.1, eps=0.1), 3.0) == pytest.approx(expected)
    assert adaptive.first_step(Adagrad(eta=0.5, eps=1.0), 4.0) == pytest.approx(-0.5 * 4 / 5)


# --- il confronto equo sui dati con la caratteristica rara ---------------------------------


def test_rare_feature_sweep_measures_every_eta_for_both_methods():
    X, y = rare_feature(n=100, seed=2)
    optimum = np.array([1.0, 2.0, 0.0])
    sweep = adaptive.rare_feature_sweep(X, y, optimum, [0.1, 1.0], steps=20, seeds=(0, 1), window=5)
    assert set(sweep) == {"SGD", "Adagrad"}
    for r in sweep.values():
        np.testing.assert_array_equal(r["eta"], [0.1, 1.0])
        assert all(r[key].shape == (2,) for key in ("gap", "a1", "a2"))
    # la misura a mano, per SGD con η = 1 e i due semi
    model = LogisticRegression(n_in=2)
    best = model.loss(optimum, X, y)
    gaps, a2 = [], []
    for seed in (0, 1):
        traj = run(GD(1.0), MinibatchGradient(model, X, y, 5, seed), model.init(), 20)
        gaps.append(np.mean(model.losses(traj[-5:], X, y) - best))
        a2.append(abs(traj[-1, 1] - 2.0))
    assert sweep["SGD"]["gap"][1] == pytest.approx(np.mean(gaps))
    assert sweep["SGD"]["a2"][1] == pytest.approx(np.mean(a2))


@pytest.mark.parametrize("bad", [{"window": 0}, {"window": 30}, {"steps": 0}, {"etas": [0.1, -1.0]}])
def test_rare_feature_sweep_rejects_bad_arguments(bad):
    X, y = rare_feature(n=50)
    arguments = {"etas": [0.1], "steps": 20, "window": 5, **bad}
    with pytest.raises(ValueError):
        adaptive.rare_feature_sweep(X, y, np.zeros(3), **arguments)


# --- precondizionamento -------------------------------------------------------------------


def test_diagonal_conditioning_by_hand():
    """diag(0.2, 4) con r = 20 diventa 4·I (κ = 1); con r = 1 resta κ = 20; la matrice ruotata non scende sotto 20."""
    kappa = adaptive.diagonal_conditioning(np.diag([0.2, 4.0]), [20.0, 1.0, 0.05])
    np.testing.assert_allclose(kappa, [1.0, 20.0, 400.0])
    ratios = np.geomspace(1e-3, 1e3, 301)
    rotated = adaptive.diagonal_conditioning(rotated_quadratic.hessian, ratios)
    assert rotated.min() == pytest.approx(20.0) and ratios[np.argmin(rotated)] == pytest.approx(1.0)


@pytest.mark.parametrize("bad", [np.eye(3), [[1.0, 2.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, -1.0]]])
def test_diagonal_conditioning_rejects_bad_matrices(bad):
    with pytest.raises(ValueError, match="hessian deve essere"):
        adaptive.diagonal_conditioning(bad, [1.0])


def test_steps_to_tolerance_and_tuned_steps():
    """GD su f = 0.1 w₁² + 2 w₂²: ogni coordinata si moltiplica per 1 − 2aη, il passo esatto si conta a mano."""
    traj = run(GD(0.25), quadratic.grad, quadratic.start, 200)
    f = quadratic(traj)
    expected = np.flatnonzero(f < 1e-3)[0]
    assert adaptive.steps_to_tolerance(traj, quadratic, 1e-3) == expected
    assert adaptive.steps_to_tolerance(traj[:5], quadratic, 1e-3) == np.inf
    assert adaptive.steps_to_tolerance(run(GD(0.6), quadratic.grad, quadratic.start, 100), quadratic, 1e3) == np.inf
    steps, eta = adaptive.tuned_steps(GD, quadratic, [0.1, 0.25, 0.6], 200, tol=1e-3)
    assert eta == 0.25 and steps == expected
    assert adaptive.tuned_steps(GD, quadratic, [1e-4], 10) == (np.inf, None)


# --- i limiti di Adam ------------------------------------------------------------------------


def test_reddi_runs_reproduce_the_counterexample():
    runs = adaptive.reddi_runs(C=3.0, steps=1500, alpha=0.5)
    assert set(runs) == {"SGD", "Adam", "AMSGrad"}
    assert all(len(traj) == 1501 and traj[0] == 0 and np.all(np.abs(traj) <= 1) for traj in runs.values())
    assert runs["Adam"][-1] > 0.99 and runs["SGD"][-1] < -0.9 and runs["AMSGrad"][-1] < -0.9
    # primo passo di SGD: g = C = 3, η = 0.5/√1 → w = −1.5, riportato a −1
    assert runs["SGD"][1] == -1.0


@pytest.mark.parametrize("bad", [{"C": 2.0}, {"C": -1.0}, {"steps": 0}, {"alpha": 0.0}])
def test_reddi_runs_rejects_bad_arguments(bad):
    with pytest.raises(ValueError):
        adaptive.reddi_runs(**{"steps": 10, **bad})


def test_step_bound_is_cauchy_schwarz_and_is_attained():
    k = np.arange(1, 301)
    bound = adaptive.step_bound(0.9, 0.999, k)
    assert bound[0] == pytest.approx(1.0) and np.all(np.diff(bound) > 0)
    np.testing.assert_allclose(adaptive.step_bound(0.5, 0.5, k), 1.0)
    # a mano, k = 2: pesi (1 − β₁)(β₁, 1)/(1 − β₁²) e (1 − β₂)(β₂, 1)/(1 − β₂²): √(Σ aᵢ²/bᵢ)
    a = 0.1 * np.array([0.9, 1.0]) / (1 - 0.81)
    b = 0.001 * np.array([0.999, 1.0]) / (1 - 0.999**2)
    assert bound[1] == pytest.approx(np.sqrt(np.sum(a**2 / b)))
    rng = np.random.default_rng(4)
    for _ in range(50):
        g = rng.normal(rng.normal(), 1, size=300) * np.exp(rng.normal(size=300))
        assert np.all(np.abs(adaptive.moment_ratio(g)) <= bound * (1 + 1e-12))
    worst = adaptive.worst_gradients(0.9, 0.999, 120)
    assert np.all(np.diff(worst) > 0)
    assert adaptive.moment_ratio(worst)[-1] == pytest.approx(bound[119], rel=1e-10)


def test_moment_ratio_by_hand_and_scale_invariance():
    """g = (2, 0): v̂ = (2, 0.2/1.9 ≈ 0.105…), ŝ = (4, 0.004/1.999); e nessun passo dove s = 0."""
    ratio = adaptive.moment_ratio([2.0, 0.0], beta1=0.9, beta2=0.999)
    v_hat = np.array([2.0, 0.9 * 0.2 / (1 - 0.81)])
    s_hat = np.array([4.0, 0.999 * 0.004 / (1 - 0.999**2)])
    np.testing.assert_allclose(ratio, v_hat / np.sqrt(s_hat))
    np.testing.assert_array_equal(adaptive.moment_ratio([0.0, 0.0, 1.0])[:2], [0.0, 0.0])
    g = np.random.default_rng(1).normal(size=40)
    np.testing.assert_allclose(adaptive.moment_ratio(1e4 * g), adaptive.moment_ratio(g))


def test_adaptive_factor_spread_first_step_is_one_over_abs_g():
    """Al primo passo il fattore è 1/|g| con g ~ N(0, 1): la mediana è 1/0.6745 = 1.4826."""
    spread = adaptive.adaptive_factor_spread(steps=30, samples=40_000, quantiles=(0.5,), seed=2)
    assert spread.shape == (30, 1)
    assert spread[0, 0] == pytest.approx(1 / 0.6745, rel=0.02)
    assert abs(spread[-1, 0] - 1) < 0.1


def radam_rectification_by_hand(beta2, t):
    """La formula di RAdam come nella documentazione di PyTorch (ρ_t, r_t), passo per passo."""
    rho_inf = 2 / (1 - beta2) - 1
    rho_t = rho_inf - 2 * t * beta2**t / (1 - beta2**t)
    if rho_t <= 4:
        return 0.0
    return np.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))


def test_radam_rectification_matches_the_formula():
    k = np.arange(1, 3001)
    r = adaptive.radam_rectification(0.999, k)
    expected = [radam_rectification_by_hand(0.999, t) for t in k]
    np.testing.assert_allclose(r, expected, rtol=1e-12, atol=0)
    assert np.all(r[:4] == 0) and r[4] > 0 and np.all(np.diff(r[4:]) > 0) and r[-1] < 1
    # ρ₁ = 1 per ogni β₂: la media di un solo gradiente
    assert adaptive.radam_rectification(0.9, 1) == 0.0


@pytest.mark.parametrize("beta2, k", [(0.5, 10), (0.999, 0), (1.0, 3)])
def test_radam_rectification_rejects_bad_arguments(beta2, k):
    with pytest.raises(ValueError):
        adaptive.radam_rectification(beta2, k)


def test_adam_effective_rate_by_hand():
    opt = Adam(eta=0.1, beta2=0.9, eps=1e-4)
    s = np.array([0.1 * 4.0, 0.9 * 0.4 + 0.1 * 1.0])  # gradienti 2 e 1
    expected = 0.1 / np.sqrt(s / (1 - 0.9 ** np.array([1, 2])) + 1e-4)
    np.testing.assert_allclose(adaptive.adam_effective_rate(opt, s), expected)
    outside = Adam(eta=0.1, beta2=0.9, eps=1e-4, eps_inside_sqrt=False)
    np.testing.assert_allclose(adaptive.adam_effective_rate(outside, s)[0], 0.1 / (2 + 1e-4))


def test_limits_figures_draw_what_they_are_given():
    runs = {"a": adaptive.trace(Adam(eta=0.1), quadratic.grad, quadratic.start, 50)}
    runs = {"a": (Adam(eta=0.1), *runs["a"])}
    fig = adaptive.relapse_figure(runs, quadratic, coordinate=1, threshold=9.5)
    left, right = fig.axes
    assert len(left.get_lines()) == 1 and right.get_lines()[-1].get_ydata()[0] == 9.5
    decay = {name: np.linspace(1, 0, 11) for name in "abcd"}
    lines = adaptive.weight_decay_figure(decay).axes[0].get_lines()
    assert [line.get_label() for line in lines] == list("abcd")
    assert len({(line.get_linestyle(), line.get_linewidth(), line.get_color()) for line in lines}) == 4
    spread = adaptive.adaptive_factor_spread(steps=20, samples=50)
    fig = adaptive.warmup_figure(spread, (0.05, 0.5, 0.95), adaptive.radam_rectification(0.999, np.arange(1, 21)))
    assert fig.axes[0].get_xscale() == "log" and fig.axes[1].get_xscale() == "log"


def test_rare_feature_figure_names_the_two_minimum_lines():
    X, y = rare_feature()
    runs = adaptive.rare_feature_runs(X, y, steps=20, batch_size=5)
    fig = adaptive.rare_feature_figure(runs, optimum=(1.1, 1.0, 0.0))
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert texts == ["$a_1^*$", "$a_2^*$"]
