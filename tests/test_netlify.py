"""netlify.toml, checked with Netlify's own tools: @netlify/config, @netlify/headers-parser and `netlify dev`."""
import json
import os
import re
import signal
import socket
import subprocess
import time
import tomllib
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, page_url
from kapsite.allowlist import INLINE_SCRIPTS
from kapsite.csp import policy
from kapsite.project import Project
from kapsite.rules.active import inline_scripts

NETLIFY = ROOT / "node_modules" / ".bin" / "netlify"
CONFIG = tomllib.loads((ROOT / "netlify.toml").read_text())
HEADERS = next(h["values"] for h in CONFIG["headers"] if h["for"] == "/*")
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(css|js)(\.map)?$")


def node(script):
    result = subprocess.run(["node", "--input-type=module", "-e", script], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result


def test_netlify_config_is_valid_without_warnings():
    result = subprocess.run(["node", "node_modules/@netlify/config/bin.js", "--offline"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr.lower(), result.stderr
    config = json.loads(result.stdout)["config"]
    assert config["build"]["publish"].endswith("site")
    assert "kapsite.build" in config["build"]["command"], "Netlify must run the publish checks"
    assert config["build"]["environment"]["NO_MKDOCS_2_WARNING"] == "1"


def test_csp_hashes_match_the_inline_scripts_of_the_built_site(site_dir):
    found = {digest for built in Project(ROOT, site=site_dir).built_pages() for _, digest in inline_scripts(built)}
    assert found <= set(INLINE_SCRIPTS), "every inline script is one of the theme's known scripts"
    expected = policy(found)
    assert HEADERS["Content-Security-Policy"] == expected, (
        "Material's inline scripts changed: run `make csp` and paste the value into netlify.toml")
    csp = HEADERS["Content-Security-Policy"]
    for directive in ("frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "default-src 'self'"):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp


def test_immutable_caching_only_on_fingerprinted_files(site_dir):
    parsed = node("""
        import { parseAllHeaders } from '@netlify/headers-parser';
        const r = await parseAllHeaders({ headersFiles: [], netlifyConfigPath: 'netlify.toml', configHeaders: [],
                                          minimal: false });
        if (r.errors.length) { console.error(JSON.stringify(r.errors)); process.exit(1); }
        console.log(JSON.stringify(r.headers));""")
    rules = [(re.compile(r["for"].replace(".", r"\.").replace("*", ".*") + "$"), r["values"].get("Cache-Control", ""))
             for r in json.loads(parsed.stdout)]
    files = ["/" + p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*") if p.is_file()]
    immutable = {f for f in files if any(rx.match(f) and "immutable" in cc for rx, cc in rules)}
    assert immutable, "no file is cached long"
    assert all(HASHED.search(f) for f in immutable), sorted(f for f in immutable if not HASHED.search(f))
    assert {f for f in files if HASHED.search(f) and "/assets/" in f} == immutable
    assert not any(f.startswith("/static/") for f in immutable)


@pytest.fixture(scope="session")
def netlify_url(site_dir):
    """`netlify dev` serving the built site, applying netlify.toml's headers, redirects and 404."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, NETLIFY_TELEMETRY_DISABLED="1", BROWSER="none")
    process = subprocess.Popen([str(NETLIFY), "dev", "--offline", "--internal-disable-edge-functions", "--dir",
                                str(site_dir), "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    else:
        os.killpg(process.pid, signal.SIGTERM)
        pytest.fail("netlify dev did not start: " + process.stdout.read().decode(errors="replace")[-2000:])
    yield url
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def fetch(url):
    opener = urllib.request.build_opener(NoRedirect)
    try:
        response = opener.open(url, timeout=10)
    except urllib.error.HTTPError as error:
        response = error
    return response.status, response.headers, response.read().decode("utf-8", errors="replace")


def test_every_page_is_served_with_the_security_headers(netlify_url, content_pages):
    for path in content_pages:
        status, headers, _ = fetch(netlify_url + page_url(path))
        assert status == 200, path
        assert headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"], path
        max_age = int(re.search(r"max-age=(\d+)", headers["Strict-Transport-Security"]).group(1))
        assert max_age >= 31536000 and "includeSubDomains" in headers["Strict-Transport-Security"], path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["Referrer-Policy"] in ("no-referrer", "strict-origin-when-cross-origin", "same-origin",
                                              "strict-origin"), path
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in headers["Permissions-Policy"], (path, feature)


def test_a_missing_page_gets_status_404_and_our_page(netlify_url):
    status, headers, body = fetch(netlify_url + "no/such/page/")
    assert status == 404
    assert "Page not found" in body and "Get help now" in body
    assert headers["Content-Security-Policy"] == HEADERS["Content-Security-Policy"]


def test_old_blog_addresses_redirect_permanently_to_pages_that_exist(netlify_url):
    redirects = [r for r in CONFIG["redirects"] if r["status"] == 301]
    slugs = {r["from"].rstrip("/") for r in redirects}
    assert len(slugs) >= 2 and all(r["from"].startswith("/blog/") for r in redirects)
    for slug in slugs:  # each old address is listed with and without its trailing slash
        assert {slug, slug + "/"} <= {r["from"] for r in redirects}, slug
    for rule in redirects:
        status, headers, _ = fetch(netlify_url + rule["from"].lstrip("/"))
        assert status == 301 and headers["Location"].endswith(rule["to"]), rule
        assert fetch(netlify_url + rule["to"].lstrip("/"))[0] == 200, rule["to"]


@pytest.mark.browser
def test_no_csp_violations_in_the_browser(browser, netlify_url, html_pages):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    violations, errors = [], []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(f"{page.url}: {m.text}"))
    page.on("console", lambda m: m.type in ("error", "warning") and errors.append(f"{page.url}: {m.text}"))
    for path in html_pages:
        page.goto(netlify_url + page_url(path), wait_until="networkidle")
    # The interactive parts too: the colour-scheme toggle, search and the self-check.
    page.goto(netlify_url + "self-check/")
    page.locator("label[for^='__palette_']:visible").first.click()
    page.keyboard.press("/")
    page.keyboard.type("ketamine")
    page.locator(".md-search-result__item").first.wait_for()
    page.keyboard.press("Escape")
    page.locator("#q1-2").check()
    page.wait_for_timeout(200)
    context.close()
    assert not violations, "\n".join(violations)
    assert not errors, "the console stays clean (e.g. no unrecognised Permissions-Policy feature): " + "\n".join(errors)


def netlify_build(tmp_path, context, edit=None):
    """Netlify's own build (`netlify build --offline`) on a copy of the project: the command in netlify.toml runs."""
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "bench",
                                                              "__pycache__", ".pytest_cache", ".netlify"))
    (copy / "node_modules").symlink_to(ROOT / "node_modules")
    if edit:
        path = copy / edit[0]
        path.write_text(path.read_text().replace(edit[1], edit[2]))
    env = {k: v for k, v in os.environ.items() if k not in ("CONTEXT", "SITE_URL", "KAPSITE_BUILD")}
    env.update(NETLIFY_TELEMETRY_DISABLED="1", PATH=f"{ROOT / '.venv' / 'bin'}:{os.environ['PATH']}")
    result = subprocess.run([str(NETLIFY), "build", "--offline", "--context", context], cwd=copy, env=env,
                            capture_output=True, text=True, timeout=600)
    return result.returncode, result.stdout + result.stderr, copy


def test_netlifys_own_build_runs_our_checks_and_builds_a_preview(tmp_path):
    code, output, copy = netlify_build(tmp_path, "deploy-preview")
    assert code == 0, output[-3000:]
    assert "python -m kapsite.build site" in output
    assert (copy / "site" / "get-help-now" / "index.html").is_file()
    assert "Preview: placeholder clinic details" in (copy / "site" / "index.html").read_text()


def test_netlifys_own_production_build_refuses_placeholders(tmp_path):
    code, output, copy = netlify_build(tmp_path, "production")
    assert code != 0
    assert "mkdocs.yml:" in output and "[placeholder]" in output and "[review-pending]" in output
    assert not (copy / "site").exists()


def test_netlifys_build_with_the_command_swapped_for_plain_mkdocs_fails(tmp_path):
    code, output, copy = netlify_build(tmp_path, "deploy-preview",
                                       ("netlify.toml", "python -m kapsite.build site", "python -m mkdocs build -d site"))
    assert code != 0, output[-3000:]
    assert "this site is built with `python -m kapsite.build site`" in output
