"""A page built before its review date shows the "due for review" notice once the visitor's today passes it."""
import datetime as dt

import pytest

from conftest import scripts_ran
from test_checks import CLINICAL, build, project, write  # noqa: F401 (fixture)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("today, shown", [("2026-12-01", False), ("2027-01-10", False), ("2027-01-11", True)])
def test_notice_follows_the_visitors_date(browser, project, today, shown):
    write(project, "clinical.md", CLINICAL.format(review="last_reviewed: 2026-01-10\nnext_review: 2027-01-10"))
    built_on = str(int(dt.datetime(2026, 6, 1, tzinfo=dt.timezone.utc).timestamp()))
    code, output = build(project, SOURCE_DATE_EPOCH=built_on)
    assert code == 0, output
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(dt.datetime.fromisoformat(today + "T12:00:00+00:00"))
    page.goto((project / "site" / "clinical" / "index.html").as_uri())
    scripts_ran(page)
    assert page.locator(".kap-review-due").is_visible() is shown
    context.close()
