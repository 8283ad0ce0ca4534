"""Fixture dei test sul sito costruito (``tests/html``).

- ``html_dir``: la cartella ``_build/html`` (i test falliscono se manca);
- ``site_url``: ``_build/html`` servita su 127.0.0.1 per tutta la sessione
  (indirizzo che finisce con ``/``);
- ``browser``: Chromium senza finestra (Playwright, il Chromium del sistema);
  se manca, i test che lo chiedono sono saltati con il motivo;
- ``page``: ``page(larghezza, altezza, phone=False)`` apre una scheda nuova,
  chiusa alla fine del test, che blocca ogni richiesta fuori da 127.0.0.1; la
  lista ``scheda.errors`` raccoglie errori JavaScript e della console,
  richieste fallite o bloccate, risposte HTTP di errore (``browser.open_page``).

Esempio::

    def test_qualcosa(page, site_url):
        scheda = page(390, 844, phone=True)
        scheda.goto(site_url + "chapters/02-momentum.html")
        ...
        assert not scheda.errors
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from browser import LocalServer, find_chromium, install_chromium, launch, open_page
from test_site import HTML_DIR, REPO_ROOT


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not HTML_DIR.is_dir():
        pytest.fail(
            f"Manca {HTML_DIR.relative_to(REPO_ROOT)}: costruire prima il libro "
            "(`make test` lo fa da sé, oppure `jupyter-book build . -W -n --keep-going`)."
        )
    return HTML_DIR


@pytest.fixture(scope="session")
def site_url(html_dir):
    with LocalServer(html_dir) as server:
        yield server.url


@pytest.fixture(scope="session")
def browser():
    reason = install_chromium()
    if reason:
        pytest.skip(f"Test nel browser saltati: {reason}.")
    with sync_playwright() as playwright:
        chromium = launch(playwright, find_chromium())
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    opened = []

    def new(width: int, height: int, phone: bool = False):
        tab = open_page(browser, width, height, phone)
        opened.append(tab)
        return tab

    yield new
    for tab in opened:
        tab.context.close()
