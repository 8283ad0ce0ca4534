"""Le figure del capitolo 3: si costruiscono, i cursori agli estremi non sollevano né avvisano."""

import numpy as np
import pytest
from matplotlib.figure import Figure

from lib import Momentum, exponential_decay, step_decay, warmup
from lib.figures import learning_rate as F
from lib.training import CurveTable, log_steps, two_moons_task

TASK = two_moons_task(n=40, n_hidden=4)
AT = log_steps(20, 10)
TABLE = CurveTable(TASK, lambda eta: Momentum(eta, 0.9), [0.1, 3.0], AT, batch_size=8, seeds=range(2))
REGIMES = {"basso": (0.1, F.REGIME_COLORS["marrone"]), "molto alto": (3.0, F.REGIME_COLORS["blu"])}


@pytest.mark.parametrize("eta", [0.1, 100.0])
def test_regimes_slider_extremes(eta):
    fig, update = F.regimes_figure(AT, REGIMES, TABLE, value=0.1)
    update(eta=eta)
    ax = fig.axes[0]
    assert isinstance(fig, Figure) and len(ax.lines) == 3
    x, y = ax.lines[-1].get_data()
    np.testing.assert_array_equal(x, AT)
    assert np.all(np.isfinite(y)) and np.all(y <= F.LOSS_LIMITS[1])
    assert "costo medio fra i passi 15 e 20" in ax.get_title()


def test_regimes_slider_reads_the_table():
    """La curva nera è quella della tabella: muovere il cursore non riallena (se il valore c'è)."""
    fig, update = F.regimes_figure(AT, REGIMES, TABLE, value=0.1)
    update(eta=3.0)
    np.testing.assert_allclose(fig.axes[0].lines[-1].get_ydata(), F._clip(TABLE(3.0)))


def test_static_regimes_has_no_black_curve():
    fig, _ = F.regimes_figure(AT, REGIMES, TABLE)
    assert len(fig.axes[0].get_legend().get_texts()) == 2


def test_runs_figure_draws_mean_and_one_run():
    runs = TASK.loss_curves([Momentum(0.3, 0.9)], AT, batch_size=8, seeds=range(3))
    fig = F.runs_figure(AT, {"mini-batch": {"costante": runs[0]}, "pieno": {"costante": runs[0, :1]}}, cut=10)
    mini, full = fig.axes
    assert len(mini.lines) == 3 and len(full.lines) == 2  # sottile + spessa + taglio; spessa + taglio
    np.testing.assert_allclose(mini.lines[1].get_ydata(), F._clip(runs[0].mean(axis=0), F.SCHEDULE_LIMITS))


def test_floor_figure_uses_plain_tick_labels():
    fig = F.floor_figure([0.02, 0.5], {"a": [0.1, 0.6], "b": [0.08, 0.02]})
    fig.canvas.draw()
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["0.02", "0.5"]


FAMILIES = {"step": lambda s: step_decay(0.3, 0.5, s), "esp": lambda k: exponential_decay(0.3, k)}
PARAMS = {"step": "s", "esp": "k"}


def make_tables(at):
    return {name: CurveTable(TASK, lambda v, f=f: Momentum(f(v), 0.9), values, at)
            for (name, f), values in zip(FAMILIES.items(), ([5, 10], [0.0, 0.1]))}


def test_schedules_panel_moves_only_line_data():
    steps = 15
    at = np.arange(0, steps + 1, 5)
    tables = make_tables(at)
    fig, update = F.schedules_figure(at, FAMILIES, tables, PARAMS, dict(s=5, k=0.0),
                                     {"c": (0.3, np.ones(len(at)))})
    ax_eta, ax_loss = fig.axes
    update(s=10, k=0.1)
    np.testing.assert_allclose(ax_eta.lines[0].get_ydata(), step_decay(0.3, 0.5, 10)(np.arange(steps)))
    np.testing.assert_allclose(ax_loss.lines[1].get_ydata(), F._clip(tables["esp"](0.1), F.SCHEDULE_LIMITS))
    assert len(ax_eta.lines) == 3 and len(ax_loss.lines) == 3


def test_schedules_grid_has_two_rows_and_labels_the_values():
    at = np.arange(0, 11, 5)
    fig = F.schedules_grid(at, FAMILIES, make_tables(at), PARAMS, {"step": (5, 10), "esp": (0.1,)})
    assert len(fig.axes) == 4
    assert [t.get_text() for t in fig.axes[2].get_legend().get_texts()] == ["s = 5", "s = 10"]


def test_distance_figure_sums_the_steps():
    at = np.arange(0, 11, 5)
    fig = F.distance_figure(at, {"esp": (exponential_decay(1.0, 0.5), np.full(len(at), 0.5))}, {"limite": 2.0})
    total = fig.axes[0].lines[0].get_ydata()
    assert total[0] == 0 and total[1] == 1.0
    np.testing.assert_allclose(total[-1], np.exp(-0.5 * np.arange(10)).sum())


def test_warmup_figure_shows_rates_and_threshold():
    opts = {"costante": Momentum(2.0, 0.9), "warm-up": Momentum(warmup(2.0, 10), 0.9)}
    fig = F.warmup_figure(TASK, opts, 20, threshold=3.8, every=10)
    ax_eta, _, ax_product = fig.axes
    assert ax_eta.lines[1].get_ydata()[0] == pytest.approx(0.02)  # warm-up: parte da 2 · 0.01
    assert ax_product.lines[-1].get_ydata()[0] == pytest.approx(3.8)
    assert "soglia 3.8" in [t.get_text() for t in ax_product.get_legend().get_texts()]


def test_sharpness_profile_steps():
    traj = TASK.train(Momentum(1.0, 0.0), 9)
    k, lam = F.sharpness_profile(TASK, traj, 5)
    assert k.tolist() == [0, 5] and lam.shape == (2,)
