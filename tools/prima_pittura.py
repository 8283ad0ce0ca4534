"""Prima pittura delle pagine su un telefono simulato (una misura, non un test).

Ogni pagina di ``_toc.yml`` servita da ``_build/html`` su 127.0.0.1, aperta in
Chromium (Playwright) come su un telefono (390×844, al tatto, 2×) con la rete
a 10 Mbit/s e il processore 4 volte più lento (Chrome DevTools Protocol:
``Network.emulateNetworkConditions``, ``Emulation.setCPUThrottlingRate``),
senza cache; i file di testo compressi con gzip come li serve GitHub Pages
(``--senza-gzip``: come sono). Per ogni pagina: first contentful paint
(mediana di alcune prove), evento ``load``, byte trasferiti. Obiettivo: prima
pittura ≤ 2 s. Su una macchina carica i tempi crescono: guardare il carico
(``uptime``) accanto ai numeri.

È un attrezzo, non un test (le misure di velocità si leggono, non si fanno
fallire a tempo): ``make bench`` la lancia dopo le misure dei cursori. Usa gli
attrezzi del browser dei test (``tests/html/browser.py``). Uso, dopo aver
costruito il libro::

    .venv/bin/python tools/prima_pittura.py [--prove 3] [--latenza 40] [--senza-gzip] [--sito DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "html"))
from browser import PHONE, LocalServer, find_chromium, launch, open_page  # noqa: E402
from test_site import HTML_DIR, PAGES  # noqa: E402

GOAL_S = 2.0
MBIT = 1_000_000 / 8  # byte al secondo
CPU_SLOWDOWN = 4


def measure(browser, url: str, latency_ms: float) -> dict:
    """Una prova: prima pittura e ``load`` in secondi, byte trasferiti."""
    page = open_page(browser, PHONE["width"], PHONE["height"], phone=True)
    try:
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", {
            "offline": False,
            "latency": latency_ms,
            "downloadThroughput": 10 * MBIT,
            "uploadThroughput": 5 * MBIT,
        })
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        transferred = []
        cdp.on("Network.loadingFinished", lambda event: transferred.append(event["encodedDataLength"]))
        page.goto(url, wait_until="commit", timeout=120_000)
        page.wait_for_function(
            "performance.getEntriesByName('first-contentful-paint').length > 0", timeout=120_000)
        try:
            page.wait_for_load_state("load", timeout=120_000)
            loaded = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventStart")
        except PlaywrightTimeout:
            loaded = float("nan")
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
        if page.errors:
            print(f"  (errori nella pagina: {page.errors[:2]})", file=sys.stderr)
        return {"fcp": fcp / 1000, "load": loaded / 1000, "bytes": sum(transferred)}
    finally:
        page.context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prove", type=int, default=3, help="prove per pagina (mediana)")
    parser.add_argument("--latenza", type=float, default=40,
                        help="latenza di andata e ritorno della rete simulata, in ms")
    parser.add_argument("--senza-gzip", action="store_true",
                        help="file di testo non compressi (il sito pubblicato li comprime)")
    parser.add_argument("--sito", type=Path, default=HTML_DIR,
                        help="cartella del sito costruito (predefinita: _build/html)")
    options = parser.parse_args()
    if not options.sito.is_dir():
        print(f"Manca {options.sito}: costruire prima il libro.", file=sys.stderr)
        return 1
    executable = find_chromium()
    if executable is None:
        print("Manca Chromium (pacchetto Debian `chromium`).", file=sys.stderr)
        return 1
    print(f"Telefono simulato: {PHONE['width']}×{PHONE['height']} 2×, rete 10 Mbit/s con "
          f"{options.latenza:g} ms di latenza, processore {CPU_SLOWDOWN}× più lento, senza cache, "
          f"{'senza' if options.senza_gzip else 'con'} gzip; mediana di {options.prove} prove. "
          f"Obiettivo: prima pittura ≤ {GOAL_S:g} s.\n")
    print(f"{'pagina':<34} {'prima pittura':>13} {'load':>8} {'trasferiti':>11}")
    over = []
    compress = not options.senza_gzip
    with LocalServer(options.sito, compress=compress) as server, sync_playwright() as playwright:
        browser = launch(playwright, executable)
        for name in PAGES:
            runs = [measure(browser, f"{server.url}{name}.html", options.latenza)
                    for _ in range(options.prove)]
            fcp = statistics.median(run["fcp"] for run in runs)
            load = statistics.median(run["load"] for run in runs)  # nan: load oltre i 2 minuti
            size = statistics.median(run["bytes"] for run in runs) / 1e6
            mark = "" if fcp <= GOAL_S else "  sopra l'obiettivo"
            print(f"{name:<34} {fcp:>11.2f} s {load:>6.2f} s {size:>8.2f} MB{mark}")
            if fcp > GOAL_S:
                over.append(name)
        browser.close()
    print(f"\nPagine sopra l'obiettivo: {len(over)} su {len(PAGES)}. Carico medio della "
          f"macchina nell'ultimo minuto: {os.getloadavg()[0]:.1f} su {os.cpu_count()} core.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
