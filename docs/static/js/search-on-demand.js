// Load search only when a visitor opens it.
// Material 9.8.2 starts its search worker and downloads search/search_index.json while every page is still
// painting; most visitors never search, and those two requests delay the page on a slow phone. This script runs
// before Material's bundle and holds both back until the search toggle (#__search) is first switched on, which
// Material does for a click or tap on search, its keyboard shortcuts, focus in the header's search box and a ?q=
// link. Material already waits like this itself for pages opened from disk. Requests Material makes for other
// files, and other workers, pass through untouched; if Material changes these names the hold simply never applies.
(function () {
  "use strict";
  var toggle = document.getElementById("__search");
  if (!toggle || !window.Worker || !window.XMLHttpRequest) return;

  var held = [];
  var opened = false;
  function whenOpened(run) {
    if (opened) run();
    else held.push(run);
  }
  toggle.addEventListener("change", function release() {
    if (!toggle.checked) return;
    toggle.removeEventListener("change", release);
    opened = true;
    held.splice(0).forEach(function (run) { run(); });
  });

  var INDEX = /\/search\/search_index\.json(?:$|\?)/;
  var WORKER = /(?:^|\/)assets\/javascripts\/workers\/search\.[0-9a-f]+\.min\.js$/;

  // The index request: opened as usual, sent once search is opened.
  var xhrOpen = XMLHttpRequest.prototype.open;
  var xhrSend = XMLHttpRequest.prototype.send;
  var searchRequests = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url) {
    if (INDEX.test(String(url))) searchRequests.add(this);
    return xhrOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!searchRequests.has(request)) return xhrSend.apply(request, args);
    whenOpened(function () { xhrSend.apply(request, args); });
  };

  // The search worker: a stand-in that keeps Material's listeners and messages until the real one starts.
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    if (!WORKER.test(String(url))) return new RealWorker(url, options);
    var worker = null;
    var calls = [];
    function pass(name) {
      return function () {
        if (worker) return worker[name].apply(worker, arguments);
        calls.push([name, arguments]);
      };
    }
    whenOpened(function () {
      worker = new RealWorker(url, options);
      calls.splice(0).forEach(function (call) { worker[call[0]].apply(worker, call[1]); });
    });
    return {
      addEventListener: pass("addEventListener"),
      removeEventListener: pass("removeEventListener"),
      postMessage: pass("postMessage"),
      terminate: pass("terminate")
    };
  };
  window.Worker.prototype = RealWorker.prototype;
})();
