"""Misure dei cursori: nel kernel, alla costruzione del sito, nel browser. Non è un test.

Uso: ``make bench`` oppure ``python tools/bench.py [--senza-browser] [--clone] [capitoli…]``.

1. **Kernel** (JupyterLab, Binder, Colab): ogni capitolo si esegue cella per
   cella nel kernel *in-process* di ipykernel (backend ``inline``), in un
   processo a parte; ogni cursore di ogni pannello (:class:`lib.widgets.Panel`,
   le voci di ogni :class:`lib.widgets.Menu`) va al primo valore, a ¼, ½, ¾,
   all'ultimo e di nuovo a quello iniziale. Un movimento si misura da
   ``cursore.value = v`` al ritorno: osservatore, calcolo, figura, PNG, messaggi
   del kernel. Il **metro** della macchina, misurato nello stesso processo, è una
   piccola figura costruita da capo e resa in PNG come fa il backend ``inline``:
   i tempi si danno come multipli del metro (obiettivo: mediana ≤ 0.3, 95°
   percentile ≤ 1.0 su tutti i cursori, ≤ 1.5 in ogni capitolo).
2. **Sito**: per ogni pannello, i fotogrammi del sito (:func:`lib.frames.render`):
   quanti, quanti byte, quanti secondi di costruzione.
3. **Browser** (se ``_build/html`` c'è): Chromium senza finestra, il sito servito
   da 127.0.0.1; per ogni cursore di ogni controllo statico, il tempo dal
   movimento alla nuova immagine dipinta, la prima volta (immagine da scaricare)
   e tornando a una posizione già vista (obiettivi: ≤ 100 ms e ≤ 16 ms, un
   fotogramma a 60 Hz).

Con ``--clone`` misura anche ``make test`` su un clone pulito del repository.
"""

import argparse
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
#: obiettivi (multipli del metro nel kernel; millisecondi nel browser)
KERNEL_MEDIAN, KERNEL_P95, CHAPTER_P95 = 0.3, 1.0, 1.5
CACHED_P95, FIRST_MOVE = 16, 100
#: dove va ogni cursore, in frazioni delle sue posizioni (poi torna al valore iniziale)
FRACTIONS = (0.0, 0.25, 0.5, 0.75, 1.0)


# ---------------------------------------------------------------------------
# Dentro il processo di un capitolo
# ---------------------------------------------------------------------------


def yardstick_ms(repeats=15):
    """Il metro: una piccola figura (una curva) costruita da capo e resa in PNG come fa ``inline``, in ms (mediana)."""
    import matplotlib.pyplot as plt
    from IPython.core.pylabtools import print_figure

    x, times = np.linspace(0, 1, 100), []
    for i in range(repeats):
        start = time.perf_counter()
        fig, ax = plt.subplots(figsize=(4, 3))
        ax.plot(x, np.sin(i * x))
        print_figure(fig, "png", bbox_inches="tight")
        plt.close(fig)
        times.append(1000 * (time.perf_counter() - start))
    return float(np.median(times))


def panels_in(namespace):
    """I pannelli creati dal notebook: quelli di ogni Menu, poi gli altri, senza doppioni."""
    from lib.widgets import Menu, Panel

    found = []
    for obj in gc.get_objects():
        if isinstance(obj, Menu):
            found += [obj.panel(option) for option in obj.options]
    found += [obj for obj in gc.get_objects() if isinstance(obj, Panel)]
    return list({id(p): p for p in found}.values())


def bench_notebook(path):
    """Esegue il notebook ``path``, ne muove i cursori e ne calcola i fotogrammi; restituisce i risultati."""
    import nbformat
    from ipykernel.inprocess.manager import InProcessKernelManager

    manager = InProcessKernelManager()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    os.chdir(path.parent)
    shell = manager.kernel.shell
    shell.run_cell("%matplotlib inline", silent=True)
    errors, run_all = [], 0.0
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type != "code":
            continue
        start = time.perf_counter()
        client.execute(cell.source)
        run_all += time.perf_counter() - start
        errors += [m["content"]["ename"] for m in client.iopub_channel.get_msgs() if m["msg_type"] == "error"
                   and m["content"]["ename"] != "NotImplementedError"]  # gli esercizi da completare
    metre = yardstick_ms()
    moves, warnings, panels = [], [], []
    with manager.kernel._redirected_io():  # come in un kernel vero: print e avvisi vanno al frontend
        for panel in panels_in(shell.user_ns):
            for name, control in panel.widget.controls.items():
                moves += [{"panel": _title(panel), "slider": name, "ms": ms}
                          for ms in _move(control, warnings)]
            client.iopub_channel.get_msgs()
    metre = (metre + yardstick_ms()) / 2
    os.environ["LIBRO_FORMATO"] = "html"
    from lib import frames

    for panel in panels_in(shell.user_ns):
        start = time.perf_counter()
        rendering = frames.render(panel)
        panels.append({"panel": _title(panel), "frames": rendering.states, "bytes": rendering.size,
                       "seconds": time.perf_counter() - start})
    return {"run_all": run_all, "errors": errors, "metre": metre, "moves": moves, "warnings": warnings,
            "panels": panels}


def _title(panel):
    from lib.frames import title

    return title(panel)


def _move(control, warnings):
    """Porta ``control`` nelle :data:`FRACTIONS` delle sue posizioni e di nuovo all'inizio; i ms di ogni movimento."""
    import warnings as python_warnings

    values = [value for _, value in control.options]
    targets = [values[round(f * (len(values) - 1))] for f in FRACTIONS] + [control.value]
    times = []
    for value in targets:
        if value == control.value:
            continue
        with python_warnings.catch_warnings(record=True) as caught:
            python_warnings.simplefilter("always")
            start = time.perf_counter()
            control.value = value
            times.append(1000 * (time.perf_counter() - start))
        warnings += [f"{control.description} = {value}: {w.category.__name__}: {w.message}" for w in caught]
    return times


# ---------------------------------------------------------------------------
# Nel browser
# ---------------------------------------------------------------------------

MOVE_JS = """
async (input, position) => {
  const figure = input.closest(".cursori").querySelector(".cursori-figura");
  const before = Number(figure.dataset.mostrati);
  const start = performance.now();
  input.value = String(position);
  input.dispatchEvent(new Event("input"));
  while (Number(figure.dataset.mostrati) === before) await new Promise((done) => setTimeout(done, 0));
  await new Promise((done) => requestAnimationFrame(() => done()));
  return performance.now() - start;
}
"""


def bench_browser(pages):
    """Per ogni cursore statico: il primo movimento verso l'ultima posizione (da scaricare) e il ritorno (già vista)."""
    sys.path.insert(0, str(ROOT / "tests" / "html"))
    from browser import LocalServer, find_chromium, launch, open_page
    from playwright.sync_api import sync_playwright

    first, cached = [], []
    with LocalServer(ROOT / "_build" / "html") as server, sync_playwright() as playwright:
        chromium = launch(playwright, find_chromium())
        for page_name in pages:
            tab = open_page(chromium, 1400, 900)
            tab.goto(f"{server.url}{page_name}.html")
            for select in tab.locator(".cursori-menu select").all():
                for option in range(select.locator("option").count()):
                    select.select_option(index=option)
                    first, cached = _bench_controls(tab, ".cursori-scena:not([hidden]) .cursori", first, cached)
            first, cached = _bench_controls(tab, ".cursori:not(.cursori-menu .cursori)", first, cached)
            tab.context.close()
        chromium.close()
    return first, cached


def _bench_controls(tab, selector, first, cached):
    for root in tab.locator(selector).all():
        root.scroll_into_view_if_needed()
        tab.wait_for_function("(r) => Number(r.querySelector('.cursori-figura').dataset.mostrati) > 0",
                              arg=root.element_handle())
        for control in root.locator('input[type="range"]').all():
            start, end = int(control.get_attribute("value")), int(control.get_attribute("max"))
            if start == end:
                continue
            far = end if start < end // 2 else 0  # lontano dall'inizio: non ancora scaricata
            first.append(control.evaluate(MOVE_JS, far))
            cached.append(control.evaluate(MOVE_JS, start))
    return first, cached


# ---------------------------------------------------------------------------
# Il processo principale
# ---------------------------------------------------------------------------


def run_chapter(path):
    """Le misure di un capitolo, in un processo Python nuovo (niente cache condivise fra capitoli)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    env.pop("LIBRO_FORMATO", None)
    done = subprocess.run([sys.executable, __file__, "--notebook", str(path)], capture_output=True, text=True,
                          cwd=ROOT, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{path.name}: la misura si è fermata\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _p(values, q):
    return float(np.percentile(values, q)) if len(values) else float("nan")


def report_kernel(results):
    """La tabella dei movimenti nel kernel, in multipli del metro; ``True`` se gli obiettivi sono raggiunti."""
    print("Kernel: un movimento di cursore, in multipli del metro (una piccola figura da capo + PNG inline)")
    head = f"{'capitolo':<28} {'mosse':>5} {'metro (ms)':>10} {'mediana':>8} {'p95':>6} {'Run all (s)':>12}"
    print(head, "-" * len(head), sep="\n")
    every, ok = [], True
    for name, r in results.items():
        ratios = [m["ms"] / r["metre"] for m in r["moves"]]
        every += ratios
        ok &= _p(ratios, 95) <= CHAPTER_P95
        print(f"{name:<28} {len(ratios):>5} {r['metre']:>10.1f} {_p(ratios, 50):>8.2f} {_p(ratios, 95):>6.2f} "
              f"{r['run_all']:>12.1f}")
    print("-" * len(head))
    print(f"{'tutti':<28} {len(every):>5} {'':>10} {_p(every, 50):>8.2f} {_p(every, 95):>6.2f}")
    ok &= _p(every, 50) <= KERNEL_MEDIAN and _p(every, 95) <= KERNEL_P95
    print(f"Obiettivi: mediana ≤ {KERNEL_MEDIAN}, p95 ≤ {KERNEL_P95}, p95 di ogni capitolo ≤ {CHAPTER_P95}: "
          f"{'raggiunti' if ok else 'NON raggiunti'}.")
    problems = [f"{n}: {p}" for n, r in results.items() for p in r["errors"] + r["warnings"]]
    print(f"Errori e avvisi: {len(problems)} (obiettivo: zero)", *problems[:10], sep="\n")
    return ok and not problems


def report_site(results):
    print("\nSito: i fotogrammi di ogni pannello (limite: 200 fotogrammi e 3 MB per pannello)")
    head = f"{'capitolo':<22} {'pannello':<58} {'fotogr.':>7} {'MB':>5} {'s':>6}"
    print(head, "-" * len(head), sep="\n")
    for name, r in results.items():
        for p in r["panels"]:
            print(f"{name:<22} {p['panel'][:58]:<58} {p['frames']:>7} {p['bytes'] / 1e6:>5.2f} {p['seconds']:>6.1f}")
    total = [p for r in results.values() for p in r["panels"]]
    print(f"In tutto: {len(total)} pannelli, {sum(p['frames'] for p in total)} fotogrammi, "
          f"{sum(p['bytes'] for p in total) / 1e6:.1f} MB, {sum(p['seconds'] for p in total):.0f} s.")


def report_browser(first, cached):
    print("\nBrowser: dal movimento del cursore alla nuova immagine dipinta (ms)")
    print(f"  prima volta (immagini da scaricare da 127.0.0.1): mediana {_p(first, 50):.1f}, p95 {_p(first, 95):.1f}"
          f" (obiettivo ≤ {FIRST_MOVE})")
    print(f"  posizione già vista: mediana {_p(cached, 50):.1f}, p95 {_p(cached, 95):.1f} (obiettivo ≤ {CACHED_P95})")
    return _p(first, 95) <= FIRST_MOVE and _p(cached, 95) <= CACHED_P95


def time_make_test():
    """Clona il repository (solo i file committati) in una cartella nuova e misura ``make test``."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), folder], check=True)
        start = time.perf_counter()
        done = subprocess.run(["make", "test"], cwd=folder, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
    state = "passato" if done.returncode == 0 else f"FALLITO (codice {done.returncode})"
    print(f"\nmake test su un clone pulito: {elapsed:.0f} s ({elapsed / 60:.1f} min), {state}.")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capitoli", nargs="*", help="notebook da misurare (predefinito: tutti quelli di chapters/)")
    parser.add_argument("--senza-browser", action="store_true", help="salta le misure nel browser")
    parser.add_argument("--clone", action="store_true", help="misura anche make test su un clone pulito")
    parser.add_argument("--notebook", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.notebook:
        print(json.dumps(bench_notebook(Path(args.notebook).resolve())))
        return
    paths = [Path(p).resolve() for p in args.capitoli] or sorted((ROOT / "chapters").glob("*.ipynb"))
    results = {p.stem: run_chapter(p) for p in paths}
    ok = report_kernel(results)
    report_site(results)
    if args.senza_browser or not (ROOT / "_build" / "html").is_dir():
        print("\nBrowser: non misurato (serve il sito costruito: make book).")
    else:
        ok &= report_browser(*bench_browser([f"chapters/{p.stem}" for p in paths]))
    if args.clone:
        time_make_test()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
