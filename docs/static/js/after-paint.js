// Runs the page's scripts once its first paint is on screen, so a phone shows the page before any script runs.
// The template lists them as <link rel="preload" as="script">: the browser fetches them while it parses the page,
// and this file runs them afterwards, in document order. Material's bundle starts on DOMContentLoaded, which has
// passed by then, so the event is sent again once every script has run (our own scripts do not wait for it: they
// start as they run). Without JavaScript nothing here runs and the page works as plain HTML.
(function () {
  "use strict";
  var links = document.querySelectorAll('link[rel="preload"][as="script"]');
  var started = false;

  function runScripts() {
    if (started) return;
    started = true;
    var left = links.length;
    function done() {
      left -= 1;
      if (left === 0) {
        document.dispatchEvent(new Event("DOMContentLoaded"));
        window.kapScriptsRan = true; // tests wait for this before they use the page's scripts
      }
    }
    Array.prototype.forEach.call(links, function (link) {
      var script = document.createElement("script");
      script.src = link.href;
      script.async = false; // run in document order, as deferred scripts would
      script.onload = done;
      script.onerror = done;
      document.body.appendChild(script);
    });
  }

  // On a first visit (no colour scheme stored yet), the automatic scheme follows the system's only once Material's
  // bundle runs: choose it now, as Material's own palette script does for a stored one, so a visitor in dark mode
  // does not see the page light first.
  function followSystemScheme() {
    var auto = document.querySelector('input[name="__palette"][data-md-color-media="(prefers-color-scheme)"]');
    if (!auto || document.body.hasAttribute("data-md-color-media")) return;
    var media = window.matchMedia("(prefers-color-scheme: light)").matches ? "light" : "dark";
    var input = document.querySelector('input[name="__palette"][data-md-color-media="(prefers-color-scheme: ' +
                                       media + ')"]');
    if (!input) return;
    ["scheme", "primary", "accent"].forEach(function (key) {
      document.body.setAttribute("data-md-color-" + key, input.getAttribute("data-md-color-" + key));
    });
  }
  followSystemScheme();

  // The browser reports the first contentful paint once that frame is on screen (drawing a frame is not showing
  // it: under load the two can be tens of milliseconds apart). Where paint timing is missing, the second animation
  // frame starts after the first one was drawn.
  var paintTiming = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes &&
                    PerformanceObserver.supportedEntryTypes.indexOf("paint") >= 0;
  if (paintTiming) {
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        window.setTimeout(runScripts, 0);
      }
    }).observe({ type: "paint", buffered: true });
  } else {
    window.requestAnimationFrame(function () {
      window.requestAnimationFrame(function () {
        window.setTimeout(runScripts, 0);
      });
    });
  }
  // A tab opened in the background paints no frames until it is shown; its scripts run after a second anyway.
  window.setTimeout(runScripts, 1000);
})();
