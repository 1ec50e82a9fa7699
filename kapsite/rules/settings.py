"""Rules on mkdocs.yml's build settings and on the built site's folder: nothing added there can run code at build
time, fetch from the network, or give Netlify instructions that bypass netlify.toml."""
from kapsite.rules import rule
from kapsite.rules.config import config_line

# What the site is built with. Adding to these lists is a developer's change, reviewed with the rules.
PLUGINS = {"search"}
EXTENSIONS = {"abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc", "kapsite.md_clinic",
              "kapsite.md_citations", "kapsite.md_tables", "kapsite.md_faq", "kapsite.md_icon_array"}
FIXED = {"docs_dir": "docs", "theme.custom_dir": "overrides", "theme.name": "material"}


def names(items):
    for item in items or []:
        yield next(iter(item)) if isinstance(item, dict) else str(item)


@rule("build-settings", "project", "undo the change in mkdocs.yml; a developer reviews new plugins, extensions and "
                                   "hooks with the publish rules")
def build_settings(project):
    """mkdocs.yml names only the reviewed plugins and Markdown extensions, no hooks, and keeps the docs folder and
    theme folder (a hook or plugin runs code during the build; some fetch files from other sites)."""
    config = project.config
    if project.config_lines is None:
        return
    if config.get("hooks"):
        yield "mkdocs.yml", config_line(project, "hooks"), "mkdocs.yml names hooks (Python code run by the build)"
    for name in names(config.get("plugins")):
        if name not in PLUGINS:
            yield "mkdocs.yml", config_line(project, "plugins"), f"the plugin {name!r} is not one the site is built with"
    for name in names(config.get("markdown_extensions")):
        if name not in EXTENSIONS:
            yield "mkdocs.yml", config_line(project, "markdown_extensions"), \
                f"the Markdown extension {name!r} is not one the site is built with"
    for key in ("repo_url", "edit_uri", "remote_url"):
        if config.get(key):
            yield "mkdocs.yml", config_line(project, key), f"{key} is set: the theme's repository widget asks the Git " \
                "host's API from each visitor's browser", "delete it (deploy previews have their own edit link)"
    for key, expected in FIXED.items():
        value = config
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None and value != expected:
            yield "mkdocs.yml", config_line(project, *key.split(".")), f"{key} is {value!r}, not {expected!r}"


@rule("netlify-file-in-site", "site", "remove whatever wrote it: headers and redirects live in netlify.toml")
def netlify_file_in_site(project):
    """The built site holds no _headers or _redirects file (Netlify would obey it over netlify.toml)."""
    for name in ("_headers", "_redirects"):
        for path in project.site.rglob(name):
            yield f"{project.site.name}/{path.relative_to(project.site).as_posix()}", None, \
                f"the built site contains a {name} file"
