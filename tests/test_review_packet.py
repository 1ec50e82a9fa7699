"""The review packet: flagged and changed sentences first, every citation with its reference, a sign-off block."""
import re
import subprocess
import sys

import pytest

from conftest import ROOT, build_env
from fixture_project import CLINICAL, commit, edit, make, write
from kapsite.dates import body_version

def run_packet(project, out):
    result = subprocess.run([sys.executable, "-m", "kapsite.review_packet", str(out)], cwd=project, env=build_env(),
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_packet_puts_flags_and_changes_first_then_every_citation(tmp_path):
    project = make(tmp_path / "repo", clinic="real")
    page = CLINICAL.format(review="last_reviewed: 2026-06-20\nnext_review: 2028-06-20\nreview_notes:\n"
                                  "  - \"Please confirm the wording on blood pressure.\"")
    write(project, "clinical.md", page + "\nA second study was small [@rats2010] in rats.\n\nA review found it helped "
          "people. <!-- kap-allow evidence: the review gives no number -->\n")
    path = project / "docs" / "clinical.md"
    edit(project, "docs/clinical.md", 'reviewed_version: "0a0a0a0a0a0a"', f'reviewed_version: "{body_version(path.read_text())}"')
    commit(project, "Reviewed version")
    edit(project, "docs/clinical.md", "for a short time", "for an hour or two")
    run_packet(project, tmp_path / "out")
    html = (tmp_path / "out" / "page-clinical.html").read_text()
    order = [html.index(h) for h in ("Numbers without a source", "Statements about research", "Rules set aside",
                                     "Notes from the writers", "Changed since the last recorded review",
                                     "Every cited sentence", "Sign-off")]
    assert order == sorted(order), "flagged and changed sentences come first"
    assert re.search(r"<del>[^<]*short time[^<]*</del>", html) and re.search(r"<ins>[^<]*hour or two[^<]*</ins>", html), \
        "the words changed since the review"
    assert "Please confirm the wording on blood pressure." in html
    assert "rule <code>evidence</code> set aside because: the review gives no number" in html
    assert "A review found it helped people." in html, "a statement about research without a source is flagged"
    cited = html.split("Every cited sentence")[1].split("Links to other")[0]
    for key_title in ("A trial in people: one thing compared with another", "A study in rats"):
        assert key_title in cited, key_title
    assert "https://doi.org/10.1000/fixture.2020" in cited
    assert "I have read the whole page" in html and body_version(path.read_text()) in html


def test_every_page_that_needs_review_gets_a_packet(tmp_path):
    output = run_packet(ROOT, tmp_path / "out")
    from kapsite.project import Project
    needing = [p for p in Project(ROOT).pages if p.ok and p.needs_review]
    files = sorted(p.name for p in (tmp_path / "out").glob("page-*.html"))
    assert len(files) == len(needing) and f"{len(needing)} review packet(s)" in output


@pytest.mark.browser
def test_packets_print_and_their_length_is_recorded(browser, tmp_path, packet_report):
    out = tmp_path / "out"
    run_packet(ROOT, out)
    context = browser.new_context()
    page = context.new_page()
    counts = []
    for packet in sorted(out.glob("page-*.html")):
        page.goto(packet.as_uri())
        pdf = page.pdf(format="Letter")
        counts.append((packet.name, len(re.findall(rb"/Type\s*/Page\b", pdf))))
    context.close()
    assert counts and all(n >= 1 for _, n in counts)
    packet_report.extend(counts)
