// Small fixes of ours on every page (no data leaves the page; nothing is stored).
(function () {
  "use strict";

  // "Due for review": show the notice when the visitor's today is past a clinical page's next review date, even if
  // the static page was built before that date. Dates are ISO (YYYY-MM-DD), so strings compare in date order.
  function showDueNotices() {
    var today = new Date().toISOString().slice(0, 10);
    var notices = document.querySelectorAll("[data-next-review]");
    for (var i = 0; i < notices.length; i++) {
      if (notices[i].getAttribute("data-next-review") < today) {
        notices[i].hidden = false;
      }
    }
  }

  // Material opens its search dialog when the search box gets focus. On a phone, when a keyboard user tabs out of
  // it, the page behind was scroll-locked, so the newly focused element can be left off-screen. Close the dialog if
  // it is still open, then bring that element into view once Material has restored the scroll position.
  function keepFocusVisibleAfterSearch() {
    var toggle = document.getElementById("__search");
    var dialog = document.querySelector(".md-search");
    if (!toggle || !dialog) {
      return;
    }
    document.addEventListener("focusin", function (event) {
      var from = event.relatedTarget;
      if (!from || !dialog.contains(from) || dialog.contains(event.target)) {
        return;
      }
      if (toggle.checked) {
        toggle.checked = false;
        toggle.dispatchEvent(new Event("change"));
      }
      window.setTimeout(function () {
        if (document.activeElement === event.target) {
          event.target.scrollIntoView({ block: "nearest" });
        }
      }, 100);
    });
  }

  // Material's icons are switched on now ("Icons after the first paint" in site.css): after-paint.js runs this
  // file, once the page is parsed, only after the first paint is on screen.
  function showIcons() {
    document.documentElement.classList.add("kap-icons");
  }

  showIcons();
  showDueNotices();
  keepFocusVisibleAfterSearch();
})();
