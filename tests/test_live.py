"""La figura veloce dei cursori: stessa immagine di un disegno completo, sfondi riusati, una striscia per pannello."""

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from lib import GD, plots, quadratic  # noqa: E402
from lib.live import LiveFigure  # noqa: E402


def _pixels(png):
    return np.asarray(Image.open(io.BytesIO(png)))


def _full_redraw(live):
    """L'immagine che darebbe un disegno completo della figura nello stato attuale (layout già congelato)."""
    live.canvas.draw()
    return np.asarray(live.canvas.buffer_rgba()).copy()


@pytest.mark.parametrize("eta", [0.05, 0.3, 0.45])
def test_quick_frame_matches_a_full_redraw(eta):
    fig, update = plots.trajectory_figure(quadratic, GD, steps=20)
    update(eta=0.4)
    live = LiveFigure(fig)
    first = _pixels(live.png())
    update(eta=eta)
    quick = _pixels(live.png())
    full = _full_redraw(live)
    assert quick.shape == full.shape
    # a parte l'ordine di linee e bordi degli assi nei punti in cui si toccano, i pixel coincidono
    assert np.mean(np.any(quick != full, axis=-1)) < 0.002
    assert np.mean(np.any(quick != first, axis=-1)) > 0.002  # e la figura è davvero cambiata


def test_backgrounds_are_reused_while_the_axes_limits_stay():
    fig, update = plots.trajectory_figure(quadratic, GD, steps=20)
    update(eta=0.4)
    live = LiveFigure(fig)
    live.png()
    limits = []
    for eta in (0.3, 0.31, 0.32, 0.3):
        update(eta=eta)
        live.png()
        limits.append(fig.axes[1].get_ylim())
    path_strip, loss_strip = live.cache
    assert len(path_strip) == 1 and len(loss_strip) == len(set(limits))
    assert not any(a.get_animated() for a in fig.findobj())  # la figura resta disegnabile per intero


@pytest.mark.parametrize("low, high, expected", [(0.002, 37.0, (0.001, 100.0)), (2e-5, 0.5, (1e-6, 1.0)),
                                                 (7.0, 7.0, (1.0, 10.0))])
def test_log_limits_are_rounded_to_decades(low, high, expected):
    assert plots.decades(low, high) == pytest.approx(expected, rel=1e-12)


def test_panels_in_a_row_become_vertical_strips():
    fig, update = plots.trajectory_figure(quadratic, GD, steps=20)
    update(eta=0.4)
    live = LiveFigure(fig)
    live.png()
    (left, (_, first)), (right, (_, second)) = live.strips
    assert left == [fig.axes[0]] and right == [fig.axes[1]]
    assert first.start == 0 and first.stop == second.start and second.stop == int(fig.bbox.width)
