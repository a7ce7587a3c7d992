"""The website in a real browser: Debian's headless chromium, driven over the DevTools protocol.

The site is built with `mkdocs build --strict`, served on a local port, and visited the way a
reader would: from the home page through the navigation to a table page, a code-list page and
a rule page, then the search box is used to find "Mobilitet", and the code the result shows is
compared with KL's code system. Every page must show both versions, and no request may leave
the local server (the site must work offline). Screenshots of each step are kept in
test-artefacts/site/ (ignored by git).
"""

from __future__ import annotations

import base64
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

websocket = pytest.importorskip("websocket", reason="websocket-client is not installed")

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "test-artefacts" / "site"
# The text of a heading without the permalink sign mkdocs adds to it.
HEADING = ("(h => [...h.childNodes].filter(n => !(n.classList && n.classList.contains('headerlink')))"
           ".map(n => n.textContent).join('').trim())")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")


class Browser:
    """A headless chromium with one tab, spoken to over the DevTools protocol."""

    def __init__(self, profile: Path, width: int = 1280, height: int = 900) -> None:
        self.process = subprocess.Popen(
            [
                CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", f"--user-data-dir={profile}", "--remote-debugging-port=0",
                f"--window-size={width},{height}", "about:blank",
            ],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 60
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.close()
                raise RuntimeError("chromium did not start its DevTools endpoint")
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list") as answer:
            tabs = [t for t in json.load(answer) if t["type"] == "page"]
        self.socket = websocket.create_connection(tabs[0]["webSocketDebuggerUrl"], timeout=90)
        self.next_id = 0
        self.events: list[dict] = []
        self.requests: list[str] = []
        self.send("Page.enable")
        self.send("Network.enable")
        self.send("Runtime.enable")
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height,
                  deviceScaleFactor=1, mobile=False)

    def close(self) -> None:
        if getattr(self, "socket", None):
            self.socket.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def _receive(self) -> dict:
        message = json.loads(self.socket.recv())
        if message.get("method") == "Network.requestWillBeSent":
            self.requests.append(message["params"]["request"]["url"])
        if "method" in message:
            self.events.append(message)
        return message

    def send(self, method: str, **params) -> dict:
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = self._receive()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression: str):
        for attempt in range(50):
            try:
                result = self.send("Runtime.evaluate", expression=expression, returnByValue=True,
                                   awaitPromise=True)
                break
            except RuntimeError as error:
                # The page was replaced while the expression ran (a link was followed): ask the
                # new page.
                if "navigated" not in str(error) and "context" not in str(error).lower() or attempt == 49:
                    raise
                time.sleep(0.1)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60):
        """Poll a JavaScript expression until it is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.1)

    def goto(self, url: str) -> None:
        self.send("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete' && location.href !== 'about:blank'")

    def wait_for_page(self, path_end: str) -> None:
        """Wait until the page whose path ends with `path_end` has loaded completely."""
        self.wait_for(f"location.pathname.endsWith({json.dumps(path_end)}) "
                      "&& document.readyState === 'complete'")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the first element matching `selector`."""
        box = self.wait_for(
            f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
            if (!e) return null; e.scrollIntoView({{block: 'center'}});
            const r = e.getBoundingClientRect();
            return r.width && r.height ? [r.x + r.width / 2, r.y + r.height / 2] : null; }})()"""
        )
        x, y = box
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def click_link(self, text: str, within: tuple[str, ...] = (".md-sidebar--primary",)) -> None:
        """Click the visible link or navigation label in `within` whose text is exactly `text`."""
        selector = ", ".join(f"{c} a, {c} label" for c in within)
        marker = self.wait_for(
            f"""(() => {{ const items = [...document.querySelectorAll({json.dumps(selector)})];
            const hit = items.find(e => e.textContent.trim() === {json.dumps(text)}
                                        && e.getClientRects().length);
            if (!hit) return null; hit.setAttribute('data-test-target', '1');
            const here = location.href.split('#')[0];
            return hit.href && hit.href.split('#')[0] !== here ? hit.href.split('#')[0] : 'same page'; }})()"""
        )
        assert marker
        self.click("[data-test-target]")
        if marker == "same page":
            self.evaluate("document.querySelectorAll('[data-test-target]')"
                          ".forEach(e => e.removeAttribute('data-test-target'))")
        else:  # a link to another page: wait until that page has loaded
            self.wait_for(f"location.href.split('#')[0] === {json.dumps(marker)} "
                          "&& document.readyState === 'complete'")

    def open_section(self, text: str) -> None:
        """Unfold the navigation section titled `text` unless it is already open."""
        state = self.wait_for(
            f"""(() => {{ const label = [...document.querySelectorAll('.md-sidebar--primary label.md-nav__link')]
                .find(e => e.textContent.trim() === {json.dumps(text)} && e.getClientRects().length);
            if (!label) return null;
            const box = document.getElementById(label.htmlFor);
            return box && box.checked ? 'open' : 'closed'; }})()"""
        )
        if state == "closed":
            self.click_link(text)

    def type_text(self, text: str) -> None:
        for char in text:
            self.send("Input.dispatchKeyEvent", type="keyDown", text=char, key=char)
            self.send("Input.dispatchKeyEvent", type="keyUp", key=char)

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def served_site(built_site: Path):
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def browser():
    with tempfile.TemporaryDirectory(prefix="ffb-chromium-", ignore_cleanup_errors=True) as profile:
        chromium = Browser(Path(profile))
        try:
            yield chromium
        finally:
            chromium.close()


def _kl_code(reference: Path, display: str) -> str:
    """The code KL's FFB CodeSystem gives the concept displayed as `display`."""
    system = json.loads((reference / "CodeSystem-FFB.json").read_text(encoding="utf-8"))
    found = []

    def walk(concepts: list[dict]) -> None:
        for concept in concepts:
            if concept.get("display") == display:
                found.append(concept["code"])
            walk(concept.get("concept", []))

    walk(system.get("concept", []))
    assert len(found) == 1, f"KL's code system has {len(found)} concepts displayed {display!r}"
    return found[0]


def _versions_shown(browser: Browser) -> tuple[str, str]:
    text = browser.evaluate("document.querySelector('.ffb-versions')?.innerText || ''")
    found = re.search(r"Kontraktversion\s+(\S+)\s+·\s+FFB-kodesystem\s+(\S+)", text)
    assert found, f"no version bar on {browser.evaluate('location.href')}: {text!r}"
    return found.group(1), found.group(2)


def test_reader_walks_through_the_site_and_finds_mobilitet(
    served_site: str, browser: Browser, contract_now: dict, reference_dir: Path
):
    schema = contract_now["schema"]
    expected_versions = (schema["version"], schema["ffb_code_system_version"])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    browser.goto(served_site)
    assert browser.evaluate(f"{HEADING}(document.querySelector('article h1'))") == "FFB-datakontrakten"
    assert _versions_shown(browser) == expected_versions
    browser.screenshot(SCREENSHOTS / "1-home.png")

    # Through the navigation to a table page.
    browser.click_link("Skemareference", within=(".md-tabs",))
    browser.wait_for_page("/reference/")
    first = contract_now["tables"][1]
    browser.open_section("Tabeller")
    browser.click_link(f"{first['title']} ({first['name']})")
    browser.wait_for_page(f"/reference/tables/{first['name']}/")
    assert _versions_shown(browser) == expected_versions
    heading = browser.evaluate(f"{HEADING}(document.querySelector('article h1'))")
    assert first["name"] in heading and first["title"] in heading
    columns = browser.evaluate(
        "[...document.querySelectorAll('article table')[1].querySelectorAll('tbody tr td:first-child')]"
        ".map(td => td.textContent.trim())"
    )
    assert columns == [c["name"] for c in first["columns"]]
    browser.screenshot(SCREENSHOTS / "2-table.png")

    # A code-list page: the service list, with its hierarchy and legal bases.
    browser.open_section("Kodelister")
    browser.open_section("FFB-koder")
    services = contract_now["enums"]["ServiceEnum"]
    browser.click_link(services["title"])
    browser.wait_for_page("/reference/codes/ServiceEnum/")
    assert _versions_shown(browser) == expected_versions
    shown_codes = browser.evaluate(
        "[...document.querySelectorAll('article table')[1].querySelectorAll('tbody tr td:first-child')]"
        ".map(td => td.textContent.trim())"
    )
    assert shown_codes == list(services["values"])
    assert browser.evaluate("document.querySelectorAll('article ul ul li').length") > 0  # the tree
    browser.screenshot(SCREENSHOTS / "3-code-list.png")

    # A rule page, through the rule families.
    from ffb.validate.catalogue import GROUPS, RULES

    code, rule = next((c, r) for c, r in RULES.items() if c.startswith("FFB3"))
    browser.click_link("Valideringsregler", within=(".md-tabs",))
    browser.open_section(f"FFB3xx {GROUPS['3']}")
    browser.click_link(f"{code} {rule.title['da']}")
    browser.wait_for_page(f"/rules/{code}/")
    assert _versions_shown(browser) == expected_versions
    page = browser.evaluate("document.querySelector('article').innerText")
    assert rule.severity in page and code in page
    browser.screenshot(SCREENSHOTS / "4-rule.png")

    # The search box finds Mobilitet; the code it shows is KL's.
    browser.click("input.md-search__input")
    browser.type_text("Mobilitet")
    found = browser.wait_for(
        """(() => { for (const a of document.querySelectorAll('.md-search-result__link')) {
          const t = a.querySelector('h1, h2');
          if (t && t.textContent.trim() === 'Mobilitet') {
            a.setAttribute('data-hit', '1');
            const more = a.closest('details');
            return more && !more.open ? 'folded' : 'shown'; } }
        return null; })()""",
        timeout=90,
    )
    if found == "folded":  # among "n more results on this page": unfold them as a reader would
        browser.click(".md-search-result__more:has([data-hit]) > summary")
    hit = browser.wait_for("document.querySelector('[data-hit]').innerText")
    browser.screenshot(SCREENSHOTS / "5-search.png")
    codes = UUID.findall(hit)
    assert codes, f"the search result shows no code: {hit!r}"
    kl_code = _kl_code(reference_dir, "Mobilitet")
    assert codes[0] == kl_code, f"search shows {codes[0]}, KL's code system has {kl_code}"
    assert "FFB tilstand" in hit and "Aktivitet og deltagelse" in hit, hit

    # Following the result lands on the code in the code finder.
    browser.click("[data-hit]")
    browser.wait_for_page("/reference/code-finder/")
    target = browser.wait_for("decodeURIComponent(location.hash).slice(1)")
    assert target.endswith(kl_code)
    assert _versions_shown(browser) == expected_versions
    browser.screenshot(SCREENSHOTS / "6-code-finder.png")

    # A second search, for a word inside names: the service codes of socio-pedagogical support.
    browser.evaluate("document.querySelector('input.md-search__input').value = ''")
    browser.click("input.md-search__input")
    browser.type_text("socialpædagogisk")
    titles = browser.wait_for(
        """(() => { const t = [...document.querySelectorAll('.md-search-result__link h1, .md-search-result__link h2')]
          .map(h => h.textContent.trim()); return t.length > 1 ? t : null; })()""",
        timeout=90,
    )
    services = contract_now["enums"]["ServiceEnum"]["values"]
    expected = {v["title"] for v in services.values() if "socialpædagogisk" in v["title"].lower()}
    assert expected and expected & set(titles), f"no service found for socialpædagogisk: {titles}"
    browser.screenshot(SCREENSHOTS / "7-search-socialpaedagogisk.png")

    # Nothing was fetched from anywhere but the local server.
    outside = [u for u in browser.requests
               if not u.startswith((served_site, "data:", "blob:", "about:"))]
    assert not outside, f"the site fetched from the network: {outside}"
