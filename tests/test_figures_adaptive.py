"""Capitolo 4: gli accumulatori registrati, le figure dei metodi adattivi, i dati con una caratteristica rara."""

import itertools

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib import Adagrad, Adam, Momentum, RMSProp, quadratic, rosenbrock  # noqa: E402
from lib.data import rare_feature  # noqa: E402
from lib.figures import adaptive  # noqa: E402
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
    box = adaptive.explore(Adam, quadratic, 10).widget
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
