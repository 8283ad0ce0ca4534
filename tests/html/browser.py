"""Il sito costruito in un browser vero: Chromium pilotato da Playwright.

Attrezzi comuni ai test del browser (``conftest.py``, ``test_browser.py``) e
alla misura della prima pittura (``tools/prima_pittura.py``):

- ``find_chromium``/``install_chromium``: il Chromium del sistema (Playwright
  non scarica browser: lo usa con ``executable_path``);
- ``LocalServer``: ``_build/html`` servito su 127.0.0.1, come da un sito vero
  (con ``file://`` il browser tratta pagine e risorse in modo diverso);
- ``open_page``: una scheda con le dimensioni di uno schermo, che blocca ogni
  richiesta fuori da 127.0.0.1 e annota errori JavaScript, errori nella
  console, richieste fallite o bloccate e risposte HTTP di errore;
- ``READY_JS``, ``REPORT_JS``: l'attesa di formule e cursori, e le misure di
  ciò che il lettore vede.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import shutil
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from debian_packages import install  # noqa: E402 (dopo il percorso di tools/)

# Debian: chromium; Ubuntu (anche le macchine di GitHub Actions): chrome preinstallato.
EXECUTABLES = ("chromium", "google-chrome", "google-chrome-stable", "chromium-browser")
LAUNCH_ARGS = ("--no-sandbox", "--disable-gpu", "--hide-scrollbars")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TIMEOUT_MS = 30_000

DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}

# Aspetta che MathJax abbia composto le formule e che ogni controllo dei cursori (passandoci davanti)
# visibile abbia mostrato il suo primo fotogramma, o che scadano 15 secondi; poi
# che ogni immagine sia caricata, anche quelle «lazy» lontane dalla finestra (come
# per un lettore che scorre tutta la pagina: lo screenshot è a pagina intera).
READY_JS = """
async () => {
  const sleep = (ms) => new Promise((done) => setTimeout(done, ms));
  const deadline = Date.now() + 15000;
  document.querySelectorAll('img[loading="lazy"]').forEach((img) => { img.loading = "eager"; });
  // i controlli dei cursori si preparano vicino alla finestra: si passa davanti a ciascuno
  const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  for (const root of document.querySelectorAll(".cursori-figura")) { root.scrollIntoView(); await frame(); }
  window.scrollTo(0, 0);
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const controls = () => [...document.querySelectorAll(".cursori-figura")].filter((f) => f.offsetParent);
  while (controls().some((f) => !f.dataset.mostrati) && Date.now() < deadline) await sleep(100);
  await Promise.all([...document.images].map((img) => img.complete ? null
    : new Promise((done) => { img.onload = img.onerror = done; })));
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return true;
}
"""

# Che cosa vede il lettore. Per ogni elemento che esce dal suo riquadro si
# cerca il primo antenato che taglia (overflow diverso da visible): se scorre
# (auto, scroll) il lettore può vedere il resto, altrimenti no.
REPORT_JS = """
() => {
  const article = document.querySelector("article.bd-article") || document.body;
  const loaded = (img) => img.complete && img.naturalWidth > 0;
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const clipper = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== "visible") return a;
    }
    return null;
  };
  const scrolls = (el) => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const excerpt = (text) => text.replace(/\\s+/g, " ").trim().slice(0, 70);
  // formule (MathJax) più larghe del riquadro che le contiene, senza poterle scorrere
  const clippedMath = [];
  for (const math of article.querySelectorAll("mjx-container")) {
    if (!shown(math)) continue;
    const box = math.getBoundingClientRect();
    const frame = clipper(math);
    const limit = frame ? frame.getBoundingClientRect() : { left: 0, right: innerWidth };
    if (box.right <= limit.right + 1 && box.left >= limit.left - 1) continue;
    if (frame && scrolls(frame) && frame.scrollWidth > frame.clientWidth) continue;
    const source = math.closest(".math") || math.parentElement;
    clippedMath.push({ text: excerpt(source.textContent), width: Math.round(box.width),
                       room: Math.round(limit.right - limit.left) });
  }
  // codice e stampe che scorrono di lato: la fine delle righe lunghe è nascosta
  const scrollingCode = [...article.querySelectorAll("pre")].filter(shown)
    .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
    .map((pre) => {
      const longest = pre.textContent.split("\\n").reduce((a, b) => (b.length > a.length ? b : a), "");
      return { where: pre.closest(".cell_output") ? "stampa" : "codice",
               line: excerpt(longest), width: pre.scrollWidth, room: pre.clientWidth };
    });
  // figure: dentro lo schermo, intere e abbastanza definite per lo schermo
  // (un'immagine di un controllo dei cursori è la tela intera della figura: il lettore
  // ne vede la striscia che la ritaglia, e la striscia è ciò che deve stare nello schermo)
  const figures = [...article.querySelectorAll("img")].filter(loaded).filter(shown).map((img) => {
    const unit = img.closest(".cursori-striscia") || img;
    const box = unit.getBoundingClientRect();
    const frame = clipper(unit);
    const limit = frame ? frame.getBoundingClientRect() : { left: 0, right: innerWidth };
    return { src: img.currentSrc || img.src, natural: img.naturalWidth,
             css: Math.round(img.getBoundingClientRect().width), width: Math.round(box.width),
             visible: Math.round(Math.min(box.right, limit.right, innerWidth)
                                 - Math.max(box.left, limit.left, 0)) };
  });
  const controls = [...document.querySelectorAll(".cursori-figura")].filter((f) => f.offsetParent);
  return {
    broken_images: [...document.images].filter((img) => !loaded(img)).map((img) => img.src),
    article_images: [...article.querySelectorAll("img")].filter(loaded).length,
    controls: controls.length,
    controls_drawn: controls.filter((f) => f.dataset.mostrati
      && [...f.querySelectorAll("img")].every(loaded)).length,
    raw_math: [...document.querySelectorAll("span.math, div.math")]
      .filter((m) => !m.querySelector("mjx-container")).map((m) => m.textContent.slice(0, 60)),
    clipped_math: clippedMath,
    scrolling_code: scrollingCode,
    figures: figures,
    device_pixel_ratio: window.devicePixelRatio,
    page_width: document.documentElement.scrollWidth,
    viewport_width: window.innerWidth,
    html: document.documentElement.outerHTML,
  };
}
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
    reason = install(["chromium"])
    if reason:
        return f"{reason} per `apt-get install chromium`: installare Chromium a mano (pacchetto Debian `chromium`)"
    return "" if find_chromium() else "Chromium non trovato dopo l'installazione"


def launch(playwright, executable: str):
    """Chromium senza finestra, quello del sistema (nessun browser scaricato)."""
    return playwright.chromium.launch(executable_path=executable, args=list(LAUNCH_ARGS))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve una cartella senza scrivere una riga per ogni richiesta."""

    def log_message(self, format, *args) -> None:  # noqa: A002 (nome della classe base)
        pass


class _GzipHandler(_QuietHandler):
    """Come un sito pubblicato (GitHub Pages): i file di testo compressi con gzip.

    Al browser che lo accetta, HTML, CSS, JavaScript, SVG e JSON arrivano
    compressi (``Content-Encoding: gzip``); le immagini e i font, già
    compressi, come sono.
    """

    COMPRESSIBLE = (".html", ".css", ".js", ".svg", ".json", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if (not path.is_file() or path.suffix not in self.COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    """Tace sulle connessioni chiuse dal browser a metà (una scheda chiusa mentre carica)."""

    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class LocalServer:
    """Una cartella servita su http://127.0.0.1:<porta libera>/ (gestore di contesto).

    ``compress``: file di testo compressi con gzip, come su GitHub Pages.
    """

    def __init__(self, folder: Path, compress: bool = False):
        handler = functools.partial(_GzipHandler if compress else _QuietHandler,
                                    directory=str(folder))
        self._server = _Server(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}/"

    def __enter__(self) -> "LocalServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def is_loopback(url: str) -> bool:
    """Indirizzo della macchina stessa (o non di rete: data:, blob:, about:)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "ws", "wss"):
        return True
    return parts.hostname in LOOPBACK


def open_page(browser, width: int, height: int, phone: bool = False):
    """Una scheda nuova in un contesto suo, con le dimensioni date; restituisce la pagina.

    ``phone``: schermo al tatto, 2 pixel per pixel CSS, finestra da telefono
    (``is_mobile``). Ogni richiesta fuori da 127.0.0.1 è bloccata: il sito deve
    funzionare offline. ``page.errors`` raccoglie, in italiano, ogni errore
    JavaScript o nella console, richiesta fallita o bloccata, risposta HTTP
    con codice ≥ 400. Chiudere con ``page.context.close()``.
    """
    context = browser.new_context(
        viewport={"width": width, "height": height},
        device_scale_factor=2 if phone else 1,
        is_mobile=phone,
        has_touch=phone,
        locale="it-IT",
    )
    context.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []

    def route(route) -> None:
        if is_loopback(route.request.url):
            route.continue_()
        else:
            errors.append(f"richiesta fuori dalla macchina bloccata: {route.request.url}")
            route.abort("blockedbyclient")

    context.route("**/*", route)
    page = context.new_page()
    page.errors = errors
    page.on("pageerror", lambda error: errors.append(
        f"eccezione JavaScript: {str(error).splitlines()[0] if str(error) else '?'}"))
    page.on("console", lambda message: errors.append(
        f"console.{message.type}: {message.text}") if message.type in ("error", "assert") else None)
    page.on("requestfailed", lambda request: errors.append(
        f"risorsa non caricata: {request.url} ({request.failure})")
        if is_loopback(request.url) else None)
    page.on("response", lambda response: errors.append(
        f"risposta HTTP {response.status}: {response.url}") if response.status >= 400 else None)
    return page


def load(page, url: str) -> dict:
    """Apre ``url``, aspetta formule e cursori; restituisce le misure di ``REPORT_JS``."""
    page.goto(url, wait_until="load")
    page.evaluate(READY_JS)
    return page.evaluate(REPORT_JS)


def full_page_screenshot(page, path: Path) -> None:
    """Screenshot dell'intera pagina, un pixel dell'immagine per pixel CSS."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True, scale="css", animations="disabled")
