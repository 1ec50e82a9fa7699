"""The bibliography (references.yml): loading and formatting one reference."""
from html import escape
from pathlib import Path

import yaml

REQUIRED = ["key", "authors", "year", "title", "journal", "species"]


def load(path="references.yml") -> dict:
    entries = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or []
    refs = {}
    for number, entry in enumerate(entries, 1):
        missing = [f for f in REQUIRED if not entry.get(f)]
        if missing:
            raise ValueError(f"{path}: entry #{number} ({entry.get('key', 'no key')}) lacks {', '.join(missing)}")
        if entry["key"] in refs:
            raise ValueError(f"{path}: the key '{entry['key']}' is defined twice; each key must be unique")
        refs[entry["key"]] = entry
    return refs


def to_html(entry: dict) -> str:
    """One reference in a plain Vancouver-like style, with DOI and PubMed links where confirmed."""
    where = escape(str(entry["year"]))
    if entry.get("volume"):
        where += ";" + escape(str(entry["volume"]))
    if entry.get("pages"):
        where += ":" + escape(str(entry["pages"]))
    parts = [f"{escape(entry['authors'])} {escape(entry['title']).rstrip('.')}. "
             f"<cite>{escape(entry['journal'])}</cite>. {where}."]
    if entry.get("doi"):
        doi = escape(str(entry["doi"]))
        parts.append(f'<a href="https://doi.org/{doi}">doi:{doi}</a>')
    if entry.get("pmid"):
        pmid = escape(str(entry["pmid"]))
        parts.append(f'<a href="https://pubmed.ncbi.nlm.nih.gov/{pmid}/">PubMed {pmid}</a>')
    if entry.get("url") and not entry.get("doi"):
        parts.append(f'<a href="{escape(entry["url"])}">{escape(entry["url"])}</a>')
    return " ".join(parts)
