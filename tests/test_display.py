"""lib.display: la figura per il sito (larga e stretta), il testo alternativo, i formati del kernel."""

import base64
import io
import re

import matplotlib
import numpy as np
import pytest
from IPython.core.interactiveshell import InteractiveShell
from PIL import Image

from lib import GD, display, quadratic
from lib.plots import panels, surface
from lib.style import new_figure


def _images(html):
    """Le immagini di un frammento HTML, decodificate dai data: URI."""
    return [Image.open(io.BytesIO(base64.b64decode(data)))
            for data in re.findall(r"data:image/webp;base64,([A-Za-z0-9+/=]+)", html)]


@pytest.fixture
def grid_figure():
    return panels([(quadratic, GD(0.4), None), (quadratic, GD(0.1), None)], 5, ["a", "b"])


def test_stacked_puts_panels_in_one_column_and_restores(grid_figure):
    before = [ax.get_position().bounds for ax in grid_figure.axes]
    size = grid_figure.get_size_inches().copy()
    with display.stacked(grid_figure):
        grid_figure.canvas.draw()
        boxes = [ax.get_position() for ax in display.panels(grid_figure)]
        assert grid_figure.get_figwidth() == display.NARROW_WIDTH
        assert all(b.y0 > a.y0 for a, b in zip(boxes[1:], boxes)), "i pannelli stanno uno sotto l'altro"
        assert max(b.x0 for b in boxes) - min(b.x0 for b in boxes) < 0.05
    grid_figure.canvas.draw()
    assert np.allclose(grid_figure.get_size_inches(), size)
    assert np.allclose([ax.get_position().bounds for ax in grid_figure.axes], before)


def test_picture_has_a_narrow_source_for_a_wide_figure(grid_figure):
    html = display.picture(grid_figure)
    assert html.count("<source") == 1 and display.NARROW_MEDIA in html
    narrow, wide = _images(html)
    assert narrow.width < wide.width and narrow.height > wide.height
    # risoluzione doppia: gli attributi width/height sono metà dei pixel
    assert f'width="{wide.width // 2}"' in html and f'width="{narrow.width // 2}"' in html
    assert 'alt="Grafico: a; b; Costo lungo il cammino"' in html


def test_picture_of_a_narrow_figure_has_no_source():
    fig, axes = new_figure(width=4.0, height=3.0)
    axes[0, 0].set_title("$\\eta$ = 0.1")
    html = display.picture(fig)
    assert "<source" not in html and len(_images(html)) == 1
    assert 'alt="Grafico: η = 0.1"' in html


def test_picture_of_a_3d_figure():
    """Una figura a un pannello più larga del telefono ha anche lei la sua versione stretta."""
    html = display.picture(surface(quadratic))
    narrow, wide = _images(html)
    assert narrow.width < wide.width
    assert 'alt="Grafico: Quadratica f = 0.1 w₁² + 2 w₂²"' in html


@pytest.mark.parametrize(("value", "expected"), [
    (None, set()), ("html", {"text/html"}), ("latex", {"application/pdf"}),
])
def test_install_registers_the_formats_of_the_build(monkeypatch, value, expected):
    """Fuori da una costruzione nulla cambia; per il sito ``<picture>``, per il PDF un PDF vettoriale."""
    if value is None:
        monkeypatch.delenv(display.FORMAT_ENV, raising=False)
    else:
        monkeypatch.setenv(display.FORMAT_ENV, value)
    shell = InteractiveShell.instance()
    try:
        with matplotlib.rc_context():  # il backend inline cambia rcParams: si ripristinano
            display.install(shell)
            bundle, _ = shell.display_formatter.format(new_figure()[0])
    finally:
        InteractiveShell.clear_instance()
    assert set(bundle) - {"text/plain", "image/png"} == expected
    assert ("image/png" in bundle) == (value is None and "image/png" in bundle)
