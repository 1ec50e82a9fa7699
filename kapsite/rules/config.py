"""Rules on the files staff edit besides pages: mkdocs.yml (the clinic's details, the help lines) and references.yml."""
import re

from kapsite import clinic as clinic_mod, phone as phone_mod
from kapsite.rules import rule

REFERENCE_FIELDS = ("key", "authors", "year", "title", "journal", "species")
SPECIES = ("human", "animal", "none")
DOI = re.compile(r"10\.\d{4,9}/\S+")


def config_line(project, *path):
    return project.config_lines.line(*path, default=1) if project.config_lines else 1


@rule("yaml-file", "project", "correct the line the message names")
def yaml_file(project):
    """mkdocs.yml and references.yml can be read: valid YAML, UTF-8, no key given twice, real dates."""
    for name, error in project.errors.items():
        yield name, error.line, error.message, error.fix


@rule("clinic-detail", "project", "correct the value in mkdocs.yml, extra > clinic")
def clinic_detail(project):
    """Every clinic detail the site needs is there and well formed: phone numbers, email, https addresses, state,
    ZIP, and each clinician and reviewer with their licence."""
    if project.config_lines is None:
        return
    clinic = project.clinic
    for key, (kind, required, what) in clinic_mod.FIELDS.items():
        if key not in clinic:
            yield "mkdocs.yml", config_line(project, "extra", "clinic"), f"extra > clinic > {key} is missing", \
                f"add '{key}: \"...\"' under clinic: ({what})"
        elif kind == "people" and not isinstance(clinic[key], list):
            yield "mkdocs.yml", config_line(project, "extra", "clinic", key), f"extra > clinic > {key} is not a list", \
                "write each person as a '- name: ...' entry with role, licence_type, licence_number, licence_lookup"
        elif kind in ("reviewers", "authors") and not isinstance(clinic[key], dict):
            yield "mkdocs.yml", config_line(project, "extra", "clinic", key), f"extra > clinic > {key} is not a " \
                "list of keys", f"write each person under a key, e.g. '{key[:-1]}-1:' then their lines"
    for path, kind, required, what in clinic_mod.entries(clinic):
        value = clinic_mod.value_at(clinic, path)
        line = config_line(project, "extra", "clinic", *path)
        if value is None and len(path) == 3:
            yield "mkdocs.yml", line, f"extra > clinic > {clinic_mod.dotted(path)} is missing", f"add it: {what}"
            continue
        problem = clinic_mod.kind_problem(kind, value)
        if problem:
            yield "mkdocs.yml", line, f"extra > clinic > {clinic_mod.dotted(path)}: {problem}", f"write {what}"


@rule("placeholder", "project", "fill in the real value, then build again (make go-live-check lists everything left)",
      production_only=True, needs=('config',))
def placeholder(project):
    """Production publishes no placeholder: no placeholder clinic detail or address, no page marked as a placeholder,
    no [Placeholder: ...] box in a page or a template."""
    yield from placeholders(project)


def placeholders(project):
    """Every placeholder in the project, as (file, line, what, fix); the preview notice and go-live-check use it too."""
    clinic = project.clinic
    for path, kind, required, what in clinic_mod.entries(clinic):
        value = clinic_mod.value_at(clinic, path)
        empty_optional = not required and (value is None or str(value).strip() == "")
        if not empty_optional and clinic_mod.is_placeholder(value) and kind not in ("people", "reviewers", "authors"):
            yield "mkdocs.yml", config_line(project, "extra", "clinic", *path), \
                f"extra > clinic > {clinic_mod.dotted(path)} is a placeholder ({value!r})", f"write {what}"
    for key in ("clinicians", "reviewers", "authors"):
        if not clinic.get(key):
            yield "mkdocs.yml", config_line(project, "extra", "clinic", key), f"extra > clinic > {key} is empty", \
                f"add {clinic_mod.FIELDS[key][2]}"
    site_url = str(project.config.get("site_url") or "")
    if clinic_mod.is_placeholder(site_url) or not site_url.startswith("https://"):
        yield "mkdocs.yml", config_line(project, "site_url"), f"site_url is a placeholder ({site_url!r})", \
            "set the SITE_URL variable in Netlify (Site configuration > Environment variables) to the live https:// " \
            "address"
    for page in project.pages:
        if page.ok and page.meta.get("placeholder"):
            yield page.rel, page.meta_line("placeholder"), "the page is marked as a placeholder", \
                "replace its placeholder text with the clinic's own, then delete the line 'placeholder: true'"
        for number, line in page.body() if page.ok else []:
            for match in clinic_mod.PLACEHOLDER_BOX.finditer(line):
                yield page.rel, number, f"a placeholder box: {match.group(0)[:80]!r}", \
                    "replace the box (and its 'To be supplied by the clinic' heading) with the clinic's own text"
            for match in clinic_mod.DRAFT_WORDS.finditer(clinic_mod.PLACEHOLDER_BOX.sub("", line)):
                yield page.rel, number, f"draft text: {match.group(0)!r}", "replace it with the finished text"
    for template in sorted((project.root / "overrides").rglob("*.html")):
        rel = template.relative_to(project.root).as_posix()
        for number, line in enumerate(project.file_lines(rel), 1):
            if clinic_mod.PLACEHOLDER_BOX.search(line):
                yield rel, number, "a placeholder in a template", "replace it with the clinic's own text"


@rule("help-line", "project", "write the number in digits as the service publishes it, e.g. '988' or '1-888-724-7240'")
def help_line(project):
    """Each help line in mkdocs.yml (extra > help) has numbers that can be dialled and an https chat address."""
    for name, line in project.help.items():
        if not isinstance(line, dict):
            yield "mkdocs.yml", config_line(project, "extra", "help", name), f"extra > help > {name} is not a list " \
                "of 'call:', 'text:', 'chat:' and 'names:'", "follow the shape of the other help lines"
            continue
        for way in ("call", "text"):
            if line.get(way) is not None:
                try:
                    phone_mod.parse(line[way], short_ok=True)
                except phone_mod.PhoneError as error:
                    yield "mkdocs.yml", config_line(project, "extra", "help", name, way), \
                        f"extra > help > {name} > {way}: {error}"
        if line.get("chat") is not None and not re.fullmatch(r"https://\S+", str(line["chat"])):
            yield "mkdocs.yml", config_line(project, "extra", "help", name, "chat"), \
                f"extra > help > {name} > chat is not an https address", "write the chat page's https:// address"


# The published numbers of the lines the site names, each checked at its source (references.yml: lifeline2022,
# crisistextline, sandiego2022; SAMHSA: facts/verified-facts.md). A change here is a developer's, after checking.
PUBLISHED = {"emergency": {"call": "911"}, "lifeline": {"call": "988", "text": "988"},
             "veterans": {"call": "988", "text": "838255"}, "crisis_text_line": {"text": "741741"},
             "county": {"call": "8887247240"}, "samhsa": {"call": "8006624357"}}


@rule("help-line-number-changed", "project", "put back the service's published number; if the service really changed "
                                             "it, a developer checks the new number at its source and updates "
                                             "kapsite/rules/config.py", needs=('config',))
def help_line_number_changed(project):
    """The crisis and support lines keep their published numbers (a wrong digit would send a person in crisis to
    a stranger), and none of them is removed."""
    for name, ways in PUBLISHED.items():
        line = project.help.get(name)
        if not isinstance(line, dict):
            yield "mkdocs.yml", config_line(project, "extra", "help"), f"the help line {name!r} is missing"
            continue
        for way, number in ways.items():
            try:
                given = phone_mod.parse(line.get(way), short_ok=True).number
            except phone_mod.PhoneError:
                given = str(line.get(way))
            if given != number:
                yield "mkdocs.yml", config_line(project, "extra", "help", name, way), \
                    f"extra > help > {name} > {way} is {line.get(way)!r}, not the published number"


@rule("reference-entry", "project", "correct the entry in references.yml (copy the shape of a working one)")
def reference_entry(project):
    """Every references.yml entry has a unique key, authors, year, title, journal and species, and well-formed
    DOI, PubMed id and web address."""
    data = project.refs_lines.data if project.refs_lines else []
    if project.refs_lines and not isinstance(data, list):
        yield project.references_file, 1, "references.yml is not a list of entries", "start each entry with '- key:'"
        return
    seen = {}
    for index, entry in enumerate(data or []):
        line = project.refs_lines.line(index, default=1)

        def at(field):
            return project.refs_lines.line(index, field, default=line)
        if not isinstance(entry, dict):
            yield project.references_file, line, "this entry is not a set of 'name: value' lines", \
                "write it like the others: '- key: ...' then authors:, year:, title:, journal:, species:"
            continue
        missing = [f for f in REFERENCE_FIELDS if entry.get(f) in (None, "")]
        if missing:
            yield project.references_file, line, f"the entry {entry.get('key', '(no key)')!r} has no " \
                + ", ".join(missing), "add the missing lines"
        key = entry.get("key")
        if isinstance(key, str):
            if not re.fullmatch(r"[\w-]+", key):
                yield project.references_file, at("key"), f"the key {key!r} has spaces or punctuation", \
                    "use letters, digits and hyphens only: the first author's surname and the year, e.g. feder2021"
            if key in seen:
                yield project.references_file, at("key"), f"the key {key!r} is already used on line {seen[key]}", \
                    "give this source its own key (add a letter: feder2021b) or delete the duplicate entry"
            seen.setdefault(key, at("key"))
        for field in ("authors", "title", "journal"):
            if re.search(r"[<>]|\{\{|\{%", str(entry.get(field) or "")):
                yield project.references_file, at(field), f"the {field} of {entry.get('key')!r} contains markup", \
                    "write it as plain words, as the source prints it"
        if entry.get("species") not in (None, "") and entry.get("species") not in SPECIES:
            yield project.references_file, at("species"), f"species is {entry.get('species')!r}", \
                "write 'human' (studies in people), 'animal' (rats, mice...) or 'none' (guidelines, agency pages)"
        doi = entry.get("doi")
        if doi not in (None, ""):
            doi = str(doi)
            if re.match(r"(https?://|doi:|www\.)", doi, re.I):
                bare = re.sub(r"^(https?://(dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
                yield project.references_file, at("doi"), f"the DOI is written as a link ({doi!r})", \
                    f'write only the DOI itself: doi: "{bare}"'
            elif not DOI.fullmatch(doi):
                yield project.references_file, at("doi"), f"{doi!r} is not a DOI", \
                    "a DOI starts with 10. and a slash follows the number, e.g. 10.1176/appi.ajp.2020.20050596"
        pmid = entry.get("pmid")
        if pmid not in (None, "") and not re.fullmatch(r"\d{1,9}", str(pmid)):
            yield project.references_file, at("pmid"), f"{pmid!r} is not a PubMed id", "write the number only"
        url = entry.get("url")
        if url not in (None, "") and not re.fullmatch(r"https://[^\s<>\"']+", str(url)):
            yield project.references_file, at("url"), f"the address {url!r} does not start with https://", \
                "use the source's https:// address"
