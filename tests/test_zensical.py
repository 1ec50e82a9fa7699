"""Ready for Zensical (Material's successor, which renders our templates with MiniJinja): it builds the site, and the
key contents of every page match the MkDocs build (kapsite/zensical_check.py)."""
import re
import shutil
import subprocess
import sys

from conftest import BUILD_ENV_DROP, ROOT, build_env
from kapsite import zensical_check

# Python methods that MiniJinja does not have, called on a value inside {{ }} or {% %}.
METHOD_CALL = re.compile(r"\.(split|rsplit|strip|lstrip|rstrip|lower|upper|title|capitalize|startswith|endswith|"
                         r"strftime|isoformat|update|append|extend|insert|pop|get|replace|join|format|find|index|"
                         r"count|items|keys|values)\(")
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def test_zensical_builds_the_site_with_the_same_key_contents(site_dir):
    result = subprocess.run([sys.executable, "-m", "kapsite.zensical_check", "--mkdocs-site", str(site_dir)],
                            cwd=ROOT, env=build_env(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_reviewed_pages_print_the_same_dates_and_reviewer_in_both_engines(tmp_path, monkeypatch):
    """Every real page is still pending review, so a copy of the site with two reviewed pages (one past its review
    date) checks the dates, the review notice and the review claims in the JSON-LD."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text().replace("  - kapsite\n", ""))  # watch:
    shutil.copy(ROOT / "references.yml", root)
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder)
    for page, review in (("conditions/ptsd.md", "last_reviewed: 2026-01-10\nnext_review: 2027-01-10"),
                         ("treatment/safety.md", "last_reviewed: 2024-03-05\nnext_review: 2026-03-05")):
        file = root / "docs" / page
        text = re.sub(r"^(last_reviewed|next_review):.*\n", "", file.read_text(), flags=re.M)
        file.write_text(text.replace("\n---\n", f"\n{review}\n---\n", 1))
    for name in BUILD_ENV_DROP:  # as for the site the other tests build
        monkeypatch.delenv(name, raising=False)
    env = zensical_check.build_env(root)
    zensical = zensical_check.build_zensical(root, tmp_path / "zensical", env)
    mkdocs = zensical_check.build_mkdocs(root, tmp_path / "mkdocs", env)
    assert zensical_check.compare(mkdocs, zensical) == []
    ptsd = (zensical / "conditions" / "ptsd" / "index.html").read_text()
    assert '<time datetime="2026-01-10">10 January 2026</time>' in ptsd
    assert '<time datetime="2027-01-10">10 January 2027</time>' in ptsd
    facts = zensical_check.key_contents(ptsd, "conditions/ptsd/index.html")
    assert '"lastReviewed": "2026-01-10"' in facts["JSON-LD"] and facts["review-due date"] == "2027-01-10"
    safety = (zensical / "treatment" / "safety" / "index.html").read_text()
    assert "5 March 2024" in safety and "5 March 2026" in safety


def test_templates_call_no_python_methods():
    """MiniJinja stops on a Python method (`.split(...)`, `.strftime(...)`...): use filters both engines have."""
    found = []
    for file in sorted((ROOT / "overrides").rglob("*")):
        if file.is_file():
            for tag in TAG.finditer(file.read_text()):
                if METHOD_CALL.search(tag.group(0)):
                    found.append(f"{file.relative_to(ROOT)}: {' '.join(tag.group(0).split())}")
    assert found == []


def test_the_method_check_catches_what_it_looks_for():
    assert METHOD_CALL.search('{{ page.content.split("<h2") }}') and METHOD_CALL.search("{% set _ = g.append(x) %}")
    assert not METHOD_CALL.search("{{ lang.t('search') }}") and not METHOD_CALL.search("{{ item.render(nav) }}")
