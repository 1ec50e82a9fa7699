// PHQ-9 self-check on the "Is this right for me?" page.
// Private by design: it only reads the radio buttons on this page and writes text into the page.
// It makes no network requests, sets no cookies, writes nothing to storage and never changes the address.
(function () {
  "use strict";

  var QUESTIONS = 9;

  // PHQ-9 severity bands (Kroenke, Spitzer and Williams 2001).
  var BANDS = [
    {
      min: 0, max: 4, name: "minimal",
      means: "Your answers show few or no signs of depression right now.",
      next: "If you still feel low or unwell, or things change, talk to your doctor."
    },
    {
      min: 5, max: 9, name: "mild",
      means: "Your answers suggest mild symptoms of depression.",
      next: "Talk to your doctor about how you feel. They may ask you to do this check again in a few weeks."
    },
    {
      min: 10, max: 14, name: "moderate",
      means: "Your answers suggest moderate symptoms of depression.",
      next: "Make an appointment with your doctor or a mental health professional to talk about treatment."
    },
    {
      min: 15, max: 19, name: "moderately severe",
      means: "Your answers suggest moderately severe symptoms of depression.",
      next: "Please see your doctor or a mental health professional soon to talk about treatment."
    },
    {
      min: 20, max: 27, name: "severe",
      means: "Your answers suggest severe symptoms of depression.",
      next: "Please see your doctor or a mental health professional as soon as you can, in the next few days."
    }
  ];

  var DOES_NOT_MEAN = "This is a screen, not a diagnosis. Only a doctor or mental health professional can " +
    "tell you if you have depression. Your score also does not tell you if ketamine is right for you.";
  var BRING = "Print or save your answers and take them to your doctor or to your first appointment.";
  var CRISIS_REMINDER = "You said you have had thoughts of being better off dead or of hurting yourself. " +
    "Please read the box above and get help now, whatever your score.";

  function bandFor(score) {
    for (var i = 0; i < BANDS.length; i++) {
      if (score >= BANDS[i].min && score <= BANDS[i].max) {
        return BANDS[i];
      }
    }
    return null;
  }

  // The answer (0-3) to question n, or null when it is not answered.
  function answer(form, n) {
    var checked = form.querySelector("input[name=\"q" + n + "\"]:checked");
    if (!checked) {
      return null;
    }
    var value = parseInt(checked.value, 10);
    return value >= 0 && value <= 3 ? value : null;
  }

  function paragraph(label, text, className) {
    var p = document.createElement("p");
    if (className) {
      p.className = className;
    }
    if (label) {
      var strong = document.createElement("strong");
      strong.textContent = label + " ";
      p.appendChild(strong);
    }
    p.appendChild(document.createTextNode(text));
    return p;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function update(form, result, crisis) {
    var answered = 0;
    var score = 0;
    for (var n = 1; n <= QUESTIONS; n++) {
      var value = answer(form, n);
      if (value !== null) {
        answered += 1;
        score += value;
      }
    }
    var q9 = answer(form, QUESTIONS);
    var danger = q9 !== null && q9 > 0;

    // Safety first: the crisis box shows as soon as question 9 is above 0, before any score.
    if (crisis) {
      crisis.hidden = !danger;
    }

    clear(result);
    if (answered < QUESTIONS) {
      result.appendChild(paragraph("", "Answer all 9 questions to see your score (" + answered + " of 9 answered).",
        "phq9-progress"));
      return;
    }

    var band = bandFor(score);
    result.appendChild(paragraph("Your score:", score + " out of 27. This is in the " + band.name +
      " range (" + band.min + " to " + band.max + ").", "phq9-score"));
    if (danger) {
      result.appendChild(paragraph("Question 9:", CRISIS_REMINDER, "phq9-q9"));
    }
    result.appendChild(paragraph("What it may mean:", band.means));
    result.appendChild(paragraph("What it does not mean:", DOES_NOT_MEAN));
    var next = paragraph("What to do next:", band.next + " " + BRING + " ");
    var link = document.createElement("a");
    link.href = "#what-to-do-next";
    link.textContent = "How to reach us and what to do next";
    next.appendChild(link);
    next.appendChild(document.createTextNode("."));
    result.appendChild(next);
  }

  function init() {
    var form = document.getElementById("phq9");
    var result = document.getElementById("phq9-result");
    if (!form || !result) {
      return;
    }
    var crisis = document.getElementById("phq9-crisis");
    var printButton = document.getElementById("phq9-print");

    form.classList.add("js");

    // There is nowhere to send the answers: stop any submission (for example Enter in a field).
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });

    function refresh() {
      update(form, result, crisis);
    }
    form.addEventListener("change", refresh);
    // A browser may bring back earlier answers when you return to the page with the Back button.
    window.addEventListener("pageshow", refresh);

    if (printButton) {
      printButton.hidden = false;
      printButton.addEventListener("click", function () {
        window.print();
      });
    }
    result.hidden = false;
    refresh();
  }

  init(); // static/js/after-paint.js runs this file once the page is parsed and painted
})();
