"""Chromium senza finestra, pilotato con il Chrome DevTools Protocol (CDP).

Un solo processo Chromium per sessione di test; ogni visita apre una scheda,
carica la pagina, aspetta MathJax e i widget, raccoglie gli errori (eccezioni
JavaScript, ``console.error``, risorse non caricate), misura la pagina con
``REPORT_JS`` e salva uno screenshot dell'intera pagina.

Il client WebSocket è ``websocket-client``, che l'ambiente ha già perché lo
richiede jupyter_server (JupyterLab è in requirements.txt).
"""

from __future__ import annotations

import base64
import json
import math
import os
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websocket

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
)
# Debian: chromium; Ubuntu (anche le macchine di GitHub Actions): chrome preinstallato.
EXECUTABLES = ("chromium", "google-chrome", "google-chrome-stable", "chromium-browser")
TIMEOUT = 30.0  # secondi per ogni attesa

# Aspetta che MathJax abbia composto le formule e che ogni widget sia disegnato
# (con la sua immagine) o che scadano 15 secondi.
READY_JS = """
(async () => {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const deadline = Date.now() + 15000;
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const views = document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]').length;
  const drawn = () => [...document.querySelectorAll(".widget-subarea")]
    .filter((area) => area.querySelector("img")).length;
  while (drawn() < views && Date.now() < deadline) await sleep(100);
  await Promise.all([...document.images].map((img) => img.complete ? null
    : new Promise((done) => { img.onload = img.onerror = done; })));
  await document.fonts.ready;
  return true;
})()
"""

# Che cosa vede il lettore: immagini, widget, formule, larghezza, DOM finale.
REPORT_JS = """
(() => {
  const article = document.querySelector("article.bd-article") || document.body;
  const loaded = (img) => img.complete && img.naturalWidth > 0;
  const widgets = [...document.querySelectorAll(".widget-subarea")];
  return {
    broken_images: [...document.images].filter((img) => !loaded(img)).map((img) => img.src),
    article_images: [...article.querySelectorAll("img")].filter(loaded).length,
    widget_views: document.querySelectorAll(
      'script[type="application/vnd.jupyter.widget-view+json"]').length,
    widgets_with_image: widgets.filter((w) => [...w.querySelectorAll("img")].some(loaded)).length,
    raw_math: [...document.querySelectorAll("span.math, div.math")]
      .filter((m) => !m.querySelector("mjx-container")).map((m) => m.textContent.slice(0, 60)),
    page_width: document.documentElement.scrollWidth,
    viewport_width: window.innerWidth,
    html: document.documentElement.outerHTML,
  };
})()
"""


def find_chromium() -> str | None:
    """Percorso dell'eseguibile di Chromium, se installato."""
    for name in EXECUTABLES:
        path = shutil.which(name)
        if path:
            return path
    return None


def install_chromium() -> str:
    """Installa il pacchetto Debian ``chromium`` se manca; restituisce un motivo se non si può.

    Stringa vuota: Chromium è (ora) disponibile.
    """
    if find_chromium():
        return ""
    if shutil.which("apt-get") is None:
        return "manca apt-get: installare Chromium a mano (pacchetto Debian `chromium`)"
    if os.geteuid() != 0:
        return "serve l'utente root per `apt-get install chromium`: installarlo a mano"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update"],
                    ["apt-get", "install", "-y", "--no-install-recommends", "chromium"]):
        if subprocess.run(command, env=env, capture_output=True).returncode != 0:
            return f"`{' '.join(command)}` non è riuscito"
    return "" if find_chromium() else "Chromium non trovato dopo l'installazione"


@dataclass
class Visit:
    """Il risultato di una visita: errori, misure della pagina, screenshot."""

    url: str
    errors: list[str] = field(default_factory=list)
    report: dict = field(default_factory=dict)
    screenshot: bytes = b""


def describe_event(event: dict, requests: dict[str, str]) -> str | None:
    """Messaggio d'errore per un evento CDP, o None se l'evento non è un errore.

    ``requests`` associa gli identificativi delle richieste di rete ai loro
    indirizzi (da ``Network.requestWillBeSent``).
    """
    method, params = event.get("method"), event.get("params", {})
    if method == "Runtime.exceptionThrown":
        details = params["exceptionDetails"]
        text = details.get("exception", {}).get("description") or details.get("text", "")
        return f"eccezione JavaScript: {text.splitlines()[0] if text else '?'}"
    if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
        text = " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"])
        return f"console.{params['type']}: {text}"
    if method == "Log.entryAdded" and params["entry"].get("level") == "error":
        entry = params["entry"]
        return f"console ({entry.get('source')}): {entry.get('text')} {entry.get('url', '')}".strip()
    if method == "Network.loadingFailed" and not params.get("canceled"):
        url = requests.get(params["requestId"], "?")
        return f"risorsa non caricata: {url} ({params.get('errorText')})"
    return None


class Tab:
    """Una scheda di Chromium con la sua connessione CDP."""

    def __init__(self, ws_url: str):
        self.ws = websocket.create_connection(ws_url, timeout=TIMEOUT, suppress_origin=True)
        self.events: list[dict] = []
        self.last_id = 0

    def call(self, method: str, **params) -> dict:
        """Invia un comando e ne restituisce il risultato (gli eventi intanto si accumulano)."""
        self.last_id += 1
        self.ws.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method: str) -> None:
        """Aspetta un evento (per esempio il caricamento della pagina)."""
        deadline = time.monotonic() + TIMEOUT
        while not any(e.get("method") == method for e in self.events):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{method} non arrivato entro {TIMEOUT} s")
            self.events.append(json.loads(self.ws.recv()))

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True,
                           returnByValue=True, timeout=TIMEOUT * 1000)
        if "exceptionDetails" in result:
            raise RuntimeError(f"valutazione fallita: {result['exceptionDetails']}")
        return result["result"].get("value")

    def close(self) -> None:
        self.ws.close()


class Chromium:
    """Un processo Chromium senza finestra (gestore di contesto)."""

    def __init__(self, executable: str, profile: Path):
        self.executable, self.profile = executable, profile
        self.process: subprocess.Popen | None = None
        self.port = 0

    def __enter__(self) -> "Chromium":
        self.process = subprocess.Popen(
            [self.executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.__exit__()
                raise RuntimeError("Chromium non si è avviato")
            time.sleep(0.05)
        self.port = int(port_file.read_text().split()[0])
        return self

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _http(self, path: str, method: str = "GET") -> bytes:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", method=method)
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read()

    @staticmethod
    def _full_page_screenshot(tab: Tab, width: int) -> bytes:
        """Screenshot dell'intera pagina, con la finestra alta quanto la pagina.

        (``captureBeyondViewport`` sposterebbe la barra laterale fissa del tema.)
        """
        height = math.ceil(tab.call("Page.getLayoutMetrics")["cssContentSize"]["height"])
        tab.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                 deviceScaleFactor=1, mobile=width < 600)
        tab.evaluate("new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
        return base64.b64decode(tab.call("Page.captureScreenshot", format="png")["data"])

    def visit(self, url: str, width: int, height: int = 900) -> Visit:
        """Carica ``url`` larga ``width`` pixel; errori, misure e screenshot a pagina intera."""
        target = json.loads(self._http("/json/new?about:blank", method="PUT"))
        tab = Tab(target["webSocketDebuggerUrl"])
        try:
            for domain in ("Runtime", "Log", "Network", "Page"):
                tab.call(f"{domain}.enable")
            tab.call("Emulation.setDeviceMetricsOverride", width=width, height=height,
                     deviceScaleFactor=1, mobile=width < 600)
            tab.call("Page.navigate", url=url)
            tab.wait_for("Page.loadEventFired")
            tab.evaluate(READY_JS)
            visit = Visit(url=url, report=tab.evaluate(REPORT_JS))
            visit.screenshot = self._full_page_screenshot(tab, width)
            requests = {e["params"]["requestId"]: e["params"]["request"]["url"]
                        for e in tab.events if e.get("method") == "Network.requestWillBeSent"}
            visit.errors = [m for e in tab.events if (m := describe_event(e, requests))]
            return visit
        finally:
            tab.close()
            self._http(f"/json/close/{target['id']}")
