"""Benchmark dei cursori: quanto tarda la figura quando si muove un cursore.

Non è un test (sta in ``tools/``, che pytest non raccoglie): si lancia con ``make bench``,
oppure ``python tools/bench_sliders.py [--senza-ingenuo] [--clone] [capitoli…]``.

Per ogni notebook di ``chapters/``, in un processo a parte:

1. lo esegue cella per cella in un vero kernel IPython (il kernel *in-process*
   di ipykernel, backend ``inline``) e misura il tempo di «Run all»;
2. trova tutti i cursori creati dal notebook e porta ciascuno al minimo, a
   un quarto, a metà, a tre quarti e al massimo del suo intervallo, poi di
   nuovo al valore iniziale (i valori uguali a quello attuale si saltano);
3. per ogni movimento misura il tempo di ``cursore.value = v`` (vedi
   :data:`MEASURED`) e conta avvisi, traceback e movimenti senza figura;
4. accanto, lo stesso movimento «alla maniera ingenua» (vedi :data:`NAIVE`).

Con ``--clone`` misura anche ``make test`` su un clone pulito del repository.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
#: obiettivi: mediana e 95° percentile di un movimento (ms), «Run all» di un capitolo e make test (s)
TARGET_MEDIAN, TARGET_P95, RUN_ALL_LIMIT, MAKE_TEST_LIMIT = 40, 100, 15, 600
#: dove va ogni cursore, in frazioni del suo intervallo (poi torna al valore iniziale)
POSITIONS = (0.0, 0.25, 0.5, 0.75, 1.0)

MEASURED = (
    "Tempo misurato per movimento: da `cursore.value = v` al ritorno, nel kernel in-process. Comprende "
    "l'osservatore del pannello, il calcolo (run), l'aggiornamento degli artisti, il PNG e i messaggi "
    "clear_output/display_data dell'Output (serializzati dal kernel). Escluso: il viaggio fino al browser e "
    "il disegno dell'immagine in JupyterLab."
)
NAIVE = (
    "Ingenuo: un `ipywidgets.interactive` con cursori identici e una funzione che a ogni movimento "
    "ricostruisce da capo la stessa figura (la stessa funzione di lib che il capitolo usa, p.es. "
    "trajectory_figure, o ArenaView per l'arena), la aggiorna ai valori dei cursori e la restituisce; "
    "interactive la mostra col backend inline (PNG della figura intera, bbox_inches='tight')."
)


# ---------------------------------------------------------------------------
# Dentro il processo di un capitolo
# ---------------------------------------------------------------------------


def _sliders():
    """I cursori vivi nel kernel, nell'ordine di creazione."""
    import ipywidgets
    from ipywidgets.widgets.widget import _instances

    kinds = (ipywidgets.FloatSlider, ipywidgets.IntSlider, ipywidgets.FloatLogSlider)
    return [w for w in list(_instances.values()) if isinstance(w, kinds)]


def _targets(s):
    """I valori da visitare col cursore ``s``: le :data:`POSITIONS` del suo intervallo, poi il valore iniziale."""
    import ipywidgets

    values = [s.min + f * (s.max - s.min) for f in POSITIONS]
    if isinstance(s, ipywidgets.FloatLogSlider):
        values = [s.base**v for v in values]
    elif isinstance(s, ipywidgets.IntSlider):
        values = [round(v) for v in values]
    return values + [s.value]


class Builders:
    """Ricorda come ricostruire da capo le figure dei pannelli, per la versione ingenua.

    Avvolge le funzioni di ``lib.plots`` e ``lib.figures.*``: quando una
    restituisce ``(figura, update)``, annota la chiamata. Avvolge anche
    ``lib.widgets.slider_panel``, per sapere quale figura e quali cursori
    formano ogni pannello.
    """

    def __init__(self):
        import functools
        import importlib
        import inspect
        import pkgutil

        import lib.figures
        import lib.plots
        import lib.widgets
        from matplotlib.figure import Figure

        self.recipes, self.panels = {}, []
        modules = [lib.plots, lib.widgets] + [importlib.import_module(m.name)
                                              for m in pkgutil.iter_modules(lib.figures.__path__, "lib.figures.")]

        def wrap(function):
            @functools.wraps(function)
            def recorded(*args, **kwargs):
                result = function(*args, **kwargs)
                if isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], Figure):
                    self.recipes[id(result[0])] = functools.partial(function, *args, **kwargs)
                return result
            return recorded

        def panel(fig, update, sliders):
            self.panels.append((fig, dict(sliders)))
            return original_panel(fig, update, sliders)

        original_panel = lib.widgets.slider_panel
        wrapped = {}
        for module in modules:
            for name, obj in list(vars(module).items()):
                if obj is original_panel:
                    setattr(module, name, panel)
                elif inspect.isfunction(obj) and obj.__module__.startswith("lib."):
                    setattr(module, name, wrapped.setdefault(obj, wrap(obj)))

    def naive(self, sliders):
        """``(funzione, nomi)`` della versione ingenua del pannello che contiene ``sliders``, o ``None``."""
        for fig, named in self.panels:
            if set(named.values()) == set(sliders) and id(fig) in self.recipes:
                recipe = self.recipes[id(fig)]

                def rebuild(**values):
                    fresh, update = recipe()
                    update(**values)
                    return fresh

                return rebuild, {s: name for name, s in named.items()}
        return _naive_arena(sliders)


def _naive_arena(sliders):
    """La versione ingenua dell'arena: una ``ArenaView`` nuova a ogni movimento (se i cursori sono i suoi)."""
    from lib import arena

    keys = [(name, p) for name, (_, specs) in arena.OPTIMIZERS.items() for p in specs]
    labels = [specs[p][0] for name, (_, specs) in arena.OPTIMIZERS.items() for p in specs]
    if [s.description for s in sliders] != labels:
        return None
    setting = next(iter(arena.SETTINGS.values()))

    def rebuild(**values):
        view = arena.ArenaView(setting)
        params = {name: {} for name in arena.OPTIMIZERS}
        for name, p in keys:
            params[name][p] = values[f"{name}_{p}"]
        view.show(params)
        return view.fig

    return rebuild, {s: f"{name}_{p}" for s, (name, p) in zip(sliders, keys)}


def _clone(s):
    """Un cursore nuovo, identico a ``s`` (tipo, intervallo, passo, valore)."""
    import ipywidgets

    extra = {"base": s.base} if isinstance(s, ipywidgets.FloatLogSlider) else {}
    return type(s)(min=s.min, max=s.max, step=s.step, value=s.value, **extra)


class Recorder:
    """Muove i cursori e annota tempi, avvisi, traceback e figure mostrate."""

    def __init__(self, kernel, client):
        self.kernel, self.client, self.warnings, self.tracebacks, self.blank = kernel, client, [], [], []
        self.messages()

    def messages(self):
        """I messaggi arrivati al frontend finora: si aspetta che il thread di IOPub li abbia consegnati tutti."""
        import threading

        sys.stdout.flush()
        sys.stderr.flush()
        for _ in range(2):  # il primo giro può accodare altri invii (l'output di print)
            delivered = threading.Event()
            self.kernel.iopub_thread.schedule(delivered.set)
            delivered.wait(10)
        return self.client.iopub_channel.get_msgs()

    def move(self, s, value):
        """Porta ``s`` a ``value``; restituisce i millisecondi trascorsi."""
        import warnings

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            start = time.perf_counter()
            try:
                s.value = value
            except Exception as error:  # noqa: BLE001 — un benchmark conta gli errori, non si ferma
                self.tracebacks.append(f"{s.description} = {value}: {error!r}")
            elapsed = time.perf_counter() - start
        self.warnings += [f"{s.description} = {value}: {w.category.__name__}: {w.message}" for w in caught]
        self._read_messages(f"{s.description} = {value}")
        return 1000 * elapsed

    def move_naive(self, twin, value):
        """Porta il cursore ingenuo ``twin`` a ``value``; restituisce i millisecondi (i suoi messaggi non contano)."""
        start = time.perf_counter()
        twin.value = value
        elapsed = time.perf_counter() - start
        self.messages()
        return 1000 * elapsed

    def _read_messages(self, where):
        images = 0
        for msg in self.messages():
            kind, content = msg["msg_type"], msg["content"]
            if kind == "error":
                self.tracebacks.append(f"{where}: {content['ename']}: {content['evalue']}")
            elif kind == "stream" and content["name"] == "stderr":
                self.warnings.append(f"{where}: stderr: {content['text'].strip()[:200]}")
            elif kind == "display_data" and "image/png" in content["data"]:
                images += 1
            elif kind == "stream" and content["text"].startswith("Valori non ammessi"):
                images += 1  # il messaggio in italiano al posto della figura: una risposta
        if images != 1:
            self.blank.append(f"{where}: {images} figure")


def bench_notebook(path, naive=True):
    """Esegue il notebook ``path`` e ne muove i cursori; restituisce un dizionario di risultati."""
    import nbformat
    from ipykernel.inprocess.manager import InProcessKernelManager

    manager = InProcessKernelManager()
    manager.start_kernel()
    client = manager.client()
    client.start_channels()
    os.chdir(path.parent)
    manager.kernel.shell.run_cell("%matplotlib inline", silent=True)
    builders = Builders()
    cells = [c.source for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]

    groups, errors, run_all = [], [], 0.0
    for source in cells:
        before = set(map(id, _sliders()))
        start = time.perf_counter()
        client.execute(source)
        run_all += time.perf_counter() - start
        errors += [m["content"]["ename"] for m in client.iopub_channel.get_msgs() if m["msg_type"] == "error"]
        created = [s for s in _sliders() if id(s) not in before]
        if created:
            groups.append(created)

    recorder, results = Recorder(manager.kernel, client), []
    with manager.kernel._redirected_io():  # come in un kernel vero: print e avvisi vanno al frontend
        for group in groups:
            results += _bench_group(group, recorder, builders.naive(group) if naive else None)
    return {"run_all": run_all, "errors": errors, "sliders": results, "warnings": recorder.warnings,
            "tracebacks": recorder.tracebacks, "blank": recorder.blank}


def _bench_group(group, recorder, naive):
    """Muove ogni cursore di un pannello (e, se c'è, il suo gemello ingenuo)."""
    import ipywidgets

    if naive is not None:
        rebuild, names = naive
        twins = {s: _clone(s) for s in group}
        # come interact(…): il risultato (la figura) si mostra a ogni movimento
        ipywidgets.interactive(rebuild, {"auto_display": True}, **{names[s]: twin for s, twin in twins.items()})
        recorder.messages()
    results = []
    for s in group:
        live, slow = [], []
        for value in _targets(s):
            if value == s.value:
                continue
            live.append(recorder.move(s, value))
            if naive is not None:
                slow.append(recorder.move_naive(twins[s], value))
        results.append({"name": s.description, "live": live, "naive": slow})
    return results


# ---------------------------------------------------------------------------
# Il processo principale: un capitolo alla volta, poi la tabella
# ---------------------------------------------------------------------------


def run_chapter(path, naive):
    """Il benchmark di un capitolo, in un processo Python nuovo (niente cache condivise fra capitoli)."""
    command = [sys.executable, __file__, "--notebook", str(path)] + ([] if naive else ["--senza-ingenuo"])
    # PYTHONPATH: si misura il pacchetto lib di questo repository, qualunque cosa dica l'installazione modificabile
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    if done.returncode != 0:
        raise SystemExit(f"{path.name}: il benchmark si è fermato\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _stats(values):
    """Mediana e 95° percentile, in ms, oppure trattini se non ci sono valori."""
    if not values:
        return "     -      -"
    return f"{np.median(values):6.1f} {np.percentile(values, 95):6.1f}"


def report(results):
    """Stampa la tabella per capitolo e complessiva; restituisce ``True`` se nessun avviso, traceback o errore."""
    print(MEASURED, NAIVE, "", sep="\n")
    head = f"{'capitolo':<28} {'cursori':>7} {'mosse':>5}   libro: med    p95   ingenuo: med  p95  Run all (s)"
    print(head, "-" * len(head), sep="\n")
    every_live, every_naive, clean = [], [], True
    for name, r in results.items():
        live = [t for s in r["sliders"] for t in s["live"]]
        slow = [t for s in r["sliders"] for t in s["naive"]]
        every_live += live
        every_naive += slow
        flag = "" if r["run_all"] <= RUN_ALL_LIMIT else f"  > {RUN_ALL_LIMIT} s!"
        print(f"{name:<28} {len(r['sliders']):>7} {len(live):>5}   {_stats(live)}        {_stats(slow)}"
              f"  {r['run_all']:10.1f}{flag}")
    print("-" * len(head))
    print(f"{'tutti i capitoli':<28} {sum(len(r['sliders']) for r in results.values()):>7} {len(every_live):>5}"
          f"   {_stats(every_live)}        {_stats(every_naive)}")
    if every_live:
        median, p95 = np.median(every_live), np.percentile(every_live, 95)
        verdict = "raggiunto" if median <= TARGET_MEDIAN and p95 <= TARGET_P95 else "NON raggiunto"
        print(f"\nObiettivo mediana ≤ {TARGET_MEDIAN} ms e 95° percentile ≤ {TARGET_P95} ms: {verdict}.")
    for name, r in results.items():
        problems = ([f"errore in Run all: {e}" for e in r["errors"]] + [f"traceback: {t}" for t in r["tracebacks"]]
                    + [f"avviso: {w}" for w in r["warnings"]]
                    + [f"non una figura sola: {b}" for b in r["blank"]])
        clean &= not problems
        for line in problems[:10]:
            print(f"{name}: {line}")
    warnings = sum(len(r["warnings"]) for r in results.values())
    tracebacks = sum(len(r["tracebacks"]) + len(r["errors"]) for r in results.values())
    print(f"Avvisi: {warnings}, traceback: {tracebacks} (obiettivo: zero).")
    return clean


def reference_ms(repeats=10):
    """Il riferimento della macchina: una piccola figura (una curva) costruita da capo e resa in PNG come fa inline."""
    import matplotlib

    matplotlib.use("Agg")
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


def time_make_test():
    """Clona il repository (solo i file committati) in una cartella nuova e misura ``make test``."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["git", "clone", "--quiet", str(ROOT), folder], check=True)
        start = time.perf_counter()
        done = subprocess.run(["make", "test"], cwd=folder, capture_output=True, text=True)
        elapsed = time.perf_counter() - start
    state = "passato" if done.returncode == 0 else f"FALLITO (codice {done.returncode})"
    flag = "" if elapsed <= MAKE_TEST_LIMIT else f", oltre i {MAKE_TEST_LIMIT // 60} minuti"
    print(f"\nmake test su un clone pulito: {elapsed:.0f} s ({elapsed / 60:.1f} min), {state}{flag}.")
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-2000:], sep="\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("capitoli", nargs="*", help="notebook da misurare (predefinito: tutti quelli di chapters/)")
    parser.add_argument("--senza-ingenuo", action="store_true", help="salta il confronto con la versione ingenua")
    parser.add_argument("--clone", action="store_true", help="misura anche make test su un clone pulito")
    parser.add_argument("--notebook", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.notebook:
        print(json.dumps(bench_notebook(Path(args.notebook).resolve(), naive=not args.senza_ingenuo)))
        return
    paths = [Path(p).resolve() for p in args.capitoli] or sorted((ROOT / "chapters").glob("*.ipynb"))
    clean = report({p.stem: run_chapter(p, not args.senza_ingenuo) for p in paths})
    print(f"Riferimento della macchina: una piccola figura da capo + PNG inline, {reference_ms():.0f} ms "
          "(l'obiettivo pensa a una macchina a 2 core dove un interact ingenuo così costa 60–70 ms).")
    if args.clone:
        time_make_test()
    else:
        print("\nmake test su un clone pulito: non misurato qui (make bench BENCH_OPTS=--clone).")
    sys.exit(0 if clean else 1)


if __name__ == "__main__":
    main()
