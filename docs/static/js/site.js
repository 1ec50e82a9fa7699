// Shows the "due for review" notice when the visitor's today is past a clinical page's next review date,
// even if the static page was built before that date. Dates are ISO (YYYY-MM-DD), so strings compare in order.
(function () {
  "use strict";
  function today() {
    var now = new Date();
    return now.toISOString().slice(0, 10);
  }
  function showDueNotices() {
    var notices = document.querySelectorAll("[data-next-review]");
    for (var i = 0; i < notices.length; i++) {
      if (notices[i].getAttribute("data-next-review") < today()) {
        notices[i].hidden = false;
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showDueNotices);
  } else {
    showDueNotices();
  }
})();
