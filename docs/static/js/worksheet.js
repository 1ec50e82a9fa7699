// The decision worksheet on "Treatment options compared" (treatment/options-compared.md).
// Browser only: it makes no network requests, sets no cookies, writes nothing to storage and never changes the
// address. It never scores or suggests an option. It stops the form from being sent, copies each note into a block
// that prints in full (a text box on paper shows only the lines that fit in it), and shows a button that prints the
// worksheet on its own.
(function () {
  "use strict";

  function init() {
    var form = document.getElementById("kap-worksheet");
    if (!form) {
      return;
    }
    form.classList.add("js");

    // There is nowhere to send the worksheet: stop any submission.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    // The printed copy of each note: shown only by the print styles, hidden from screen readers.
    var notes = [];
    Array.prototype.forEach.call(form.querySelectorAll("textarea"), function (box) {
      var copy = document.createElement("div");
      copy.className = "kap-ws-copy";
      copy.setAttribute("aria-hidden", "true");
      box.parentNode.insertBefore(copy, box.nextSibling);
      notes.push({box: box, copy: copy});
    });
    function copyNotes() {
      notes.forEach(function (note) {
        note.copy.textContent = note.box.value;
      });
    }
    form.addEventListener("input", copyNotes);
    window.addEventListener("beforeprint", copyNotes);
    window.addEventListener("pageshow", copyNotes);  // the Back button may bring earlier notes back
    copyNotes();

    // The button prints the worksheet alone; the browser's own Print menu still prints the whole page.
    var root = document.documentElement;
    window.addEventListener("afterprint", function () {
      root.classList.remove("kap-print-worksheet");
    });
    var button = document.getElementById("kap-ws-print");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        copyNotes();
        root.classList.add("kap-print-worksheet");
        window.print();
      });
    }
  }

  init(); // static/js/after-paint.js runs this file once the page is parsed and painted
})();
