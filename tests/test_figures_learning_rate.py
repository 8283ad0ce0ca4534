"""Le figure del capitolo 3: si costruiscono, i cursori agli estremi non sollevano né avvisano."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from lib import GD, Momentum, constant, exponential_decay, step_decay, time_decay, warmup
from lib.figures import learning_rate as F
from lib.training import two_moons_task

TASK = two_moons_task(n=40, n_hidden=4)
REGIMES = {"basso": (0.1, F.REGIME_COLORS["marrone"]), "molto alto": (60.0, F.REGIME_COLORS["blu"])}


@pytest.mark.parametrize("eta", [0.001, 100.0])
def test_regimes_slider_extremes(eta):
    fig, update = F.regimes_figure(TASK, GD, REGIMES, 20, eta)
    update(eta=eta)
    ax = fig.axes[0]
    assert isinstance(fig, Figure) and len(ax.lines) == 3
    x, y = ax.lines[-1].get_data()
    assert len(x) == 21 and np.all(np.isfinite(y))
    assert "costo finale" in ax.get_title()


def test_static_regimes_has_no_black_curve():
    fig, _ = F.regimes_figure(TASK, GD, REGIMES, 10, None)
    assert len(fig.axes[0].get_legend().get_texts()) == 2


def make(eta0, delta, s, k):
    return {"costante": constant(eta0), "step": step_decay(eta0, delta, s),
            "esp": exponential_decay(eta0, k), "tempo": time_decay(eta0, k)}


@pytest.mark.parametrize("values", [dict(eta0=0.1, delta=0.1, s=1, k=0.0), dict(eta0=60.0, delta=1.0, s=100, k=0.1)])
def test_schedules_slider_extremes(values):
    fig, update = F.schedules_figure(TASK, GD, make, 15, values)
    update(**values)
    ax_eta, ax_loss = fig.axes
    assert len(ax_eta.lines) == 4 and len(ax_loss.lines) == 4
    np.testing.assert_allclose(ax_eta.lines[0].get_ydata(), values["eta0"])


def test_schedules_grid_has_two_rows():
    fig = F.schedules_grid(TASK, GD, {"a": {"x": constant(1.0)}, "b": {"y": time_decay(1.0, 0.1)}}, 10)
    assert len(fig.axes) == 4


def test_warmup_figure_shows_rates_and_threshold():
    opts = {"costante": Momentum(2.0, 0.9), "warm-up": Momentum(warmup(2.0, 10), 0.9)}
    fig = F.warmup_figure(TASK, opts, 20, threshold=3.8, every=10)
    ax_eta, _, ax_product = fig.axes
    assert ax_eta.lines[1].get_ydata()[0] == pytest.approx(0.02)  # warm-up: parte da 2 · 0.01
    assert ax_product.lines[-1].get_ydata()[0] == pytest.approx(3.8)


def test_sharpness_profile_steps():
    traj = TASK.train(GD(1.0), 9)
    k, lam = F.sharpness_profile(TASK, traj, 5)
    assert k.tolist() == [0, 5] and lam.shape == (2,)
