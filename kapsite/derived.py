"""Values the templates need but cannot work out themselves (Jinja and Zensical's MiniJinja share no string
methods), computed once by the build from mkdocs.yml and Netlify's variables, and handed to the templates as
environment variables that mkdocs.yml reads with !ENV (extra > preview, extra > phone, extra > edit_base)."""
import os
import re
from urllib.parse import quote

from kapsite import phone as phone_mod
from kapsite.rules.config import placeholders

# Netlify's REPOSITORY_URL may carry an access token (https://x-access-token:...@github.com/owner/repo): only the
# host and owner/repo are kept.
REPOSITORY = re.compile(r"^(?:https://(?:[^@/\s]+@)?|git@)(github\.com|gitlab\.com)[/:]([\w.-]+/[\w.-]+?)(?:\.git)?/?$")
EDIT_PATH = {"github.com": "/edit/", "gitlab.com": "/-/edit/"}


def edit_base(env) -> str:
    """On deploy previews only: the address of the repository's web editor for docs/ on the preview's branch."""
    found = REPOSITORY.match(env.get("REPOSITORY_URL", ""))
    branch = env.get("HEAD", "")
    if env.get("CONTEXT") not in ("deploy-preview", "branch-deploy") or not found or not branch:
        return ""
    host, path = found.groups()
    return f"https://{host}/{path}{EDIT_PATH[host]}{quote(branch, safe='/')}/docs/"


def environment(project, env=None) -> dict:
    env = os.environ if env is None else env
    try:
        number = phone_mod.parse(project.clinic.get("phone"))
        display, tel = number.display, number.tel
    except phone_mod.PhoneError:
        display, tel = str(project.clinic.get("phone") or ""), ""
    preview = next(placeholders(project), None) is not None
    return {"KAP_PREVIEW": "true" if preview else "false", "KAP_PHONE_DISPLAY": display, "KAP_PHONE_TEL": tel,
            "KAP_EDIT_BASE": edit_base(env), "KAPSITE_BUILD": "1"}
