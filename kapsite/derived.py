"""Values the templates need but cannot work out themselves (Jinja and Zensical's MiniJinja share no string
methods), computed once by the build from mkdocs.yml and handed to the templates as environment variables that
mkdocs.yml reads with !ENV (extra > preview, extra > phone)."""
from kapsite import phone as phone_mod
from kapsite.rules.config import placeholders


def environment(project) -> dict:
    try:
        number = phone_mod.parse(project.clinic.get("phone"))
        display, tel = number.display, number.tel
    except phone_mod.PhoneError:
        display, tel = str(project.clinic.get("phone") or ""), ""
    preview = next(placeholders(project), None) is not None
    return {"KAP_PREVIEW": "true" if preview else "false", "KAP_PHONE_DISPLAY": display, "KAP_PHONE_TEL": tel,
            "KAPSITE_BUILD": "1"}
