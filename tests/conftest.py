"""Shared fixtures: build the site once per session, serve it on loopback, start one Chromium."""
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BUILD_ENV_DROP = ("CONTEXT", "SITE_URL", "DEPLOY_PRIME_URL", "DEPLOY_URL", "SOURCE_DATE_EPOCH")


def build_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in BUILD_ENV_DROP}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT), **extra)
    return env


def run_build(site_dir, cwd=ROOT, **env):
    """The real build (source checks, mkdocs build --strict, HTML checks) as Netlify runs it."""
    return subprocess.run([sys.executable, "-m", "kapsite.build", str(site_dir)], cwd=cwd, env=build_env(**env),
                          capture_output=True, text=True)


@pytest.fixture(scope="session")
def build_result(tmp_path_factory):
    site = tmp_path_factory.mktemp("build") / "site"
    result = run_build(site)
    assert result.returncode == 0, f"the site did not build:\n{result.stdout}\n{result.stderr}"
    return site, result


@pytest.fixture(scope="session")
def site_dir(build_result):
    return build_result[0]


@pytest.fixture(scope="session")
def html_pages(site_dir):
    """Every built page (path relative to the site), the 404 page included."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


@pytest.fixture(scope="session")
def content_pages(html_pages):
    return [p for p in html_pages if p != "404.html"]


def page_url(relative: str) -> str:
    """URL path of a built file: 'conditions/ptsd/index.html' -> 'conditions/ptsd/'."""
    return relative.removesuffix("index.html")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site_dir):
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests (make test installs it)")
        pytest.skip("Chromium not found (install Debian's chromium; CI fails instead of skipping)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def scripts_ran(page) -> None:
    """Waits until static/js/after-paint.js has run the page's scripts (after the first paint, so after `load`)."""
    page.wait_for_function("window.kapScriptsRan === true")


def open_tool(browser, url: str, form_id: str, init_script: str = "", **context_options):
    """A new context and page at a browser-only tool (self-check, worksheet), its script started when enabled;
    init_script runs first in the page (for example, a stand-in for window.print)."""
    context = browser.new_context(**context_options)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(url)
    if context_options.get("java_script_enabled", True):
        page.wait_for_selector(f"#{form_id}.js")  # the script has started
    return context, page


def focus_before_form(form_id: str) -> str:
    """JavaScript that focuses the last focusable element before the form, so the next Tab enters it from the top."""
    return """() => {
  const form = document.getElementById('%s');
  const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]')]
    .filter(el => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0)
    .filter(el => form.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  const last = focusable[focusable.length - 1];
  last.focus();
  return document.activeElement === last;
}""" % form_id


_READABILITY, _PACKETS = [], []


@pytest.fixture(scope="session")
def readability_report():
    return _READABILITY


@pytest.fixture(scope="session")
def packet_report():
    return _PACKETS


def pytest_terminal_summary(terminalreporter):
    if _READABILITY:
        terminalreporter.section("Flesch-Kincaid grade of each patient page (target: 8 or below)")
        for page, grade in sorted(_READABILITY, key=lambda r: -r[1]):
            terminalreporter.write_line(f"{grade:5.1f}  {page}")
    if _PACKETS:
        terminalreporter.section("Printed pages of each review packet (US Letter)")
        for name, pages in _PACKETS:
            terminalreporter.write_line(f"{pages:3d}  {name}")
