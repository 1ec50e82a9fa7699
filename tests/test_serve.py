"""`make serve` as staff use it: it picks up a change to mkdocs.yml, and shows a mistake on the page."""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from conftest import ROOT, build_env
from fixture_project import PAGE, edit, make, write


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url, needle, seconds=40):
    last = ""
    for _ in range(seconds * 2):
        try:
            last = urllib.request.urlopen(url, timeout=2).read().decode()
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{needle!r} never appeared at {url}; last page:\n{last[-2000:]}")


@pytest.fixture
def preview(tmp_path):
    project = make(tmp_path)
    serve_config = (ROOT / "mkdocs.serve.yml").read_text()  # the real one; our Python stays where it is
    (project / "mkdocs.serve.yml").write_text(serve_config.replace("kapsite/serve_hook.py", "serve_hook.py")
                                              .replace("  - kapsite\n", ""))
    (project / "serve_hook.py").write_text("from kapsite.serve_hook import *  # noqa: F401,F403\n")
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kapsite.serve", "--port", str(port)], cwd=project,
                               env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    yield project, f"http://127.0.0.1:{port}/"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=20)


def test_serve_rebuilds_on_mkdocs_yml_and_shows_mistakes_on_the_page(preview):
    project, url = preview
    wait_for(url, "(760) 555-0100")
    edit(project, "mkdocs.yml", 'phone: "(760) 555-0100"', 'phone: "760-555-0142"')
    wait_for(url, "(760) 555-0142")
    write(project, "bad.md", PAGE.format(title="Bad page") + "\nCited [@nosuchkey2020]. Call {{ clinic.fax }}.\n")
    page = wait_for(url + "bad/", "problem(s) to fix before this can be published")
    assert "unknown citation key" in page and "[unknown citation nosuchkey2020]" in page
    assert "unknown clinic detail" in page
    write(project, "bad.md", PAGE.format(title="Bad page") + "\nFixed.\n")
    wait_for(url + "bad/", "Fixed.")
    assert "problem(s) to fix" not in urllib.request.urlopen(url + "bad/").read().decode()
