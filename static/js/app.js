/* Talent Policy Atlas: the little behaviour that HTML and HTMX do not give for free.
 * - "copy link" copies the current address (which HTMX keeps equal to the view's state);
 * - "copy citation" copies a citation text;
 * - the language/script switches keep whatever filters the address holds now, because HTMX may have
 *   changed the address since the page (and the switch links) were rendered.
 * Everything works without this file except copying; no inline script is needed anywhere (CSP). */
(function () {
  "use strict";

  function flash(button) {
    var done = button.getAttribute("data-done");
    if (!done) { return; }
    var original = button.textContent;
    button.textContent = done;
    button.setAttribute("aria-live", "polite");
    window.setTimeout(function () { button.textContent = original; }, 1500);
  }

  function copyText(text, button) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { flash(button); }, function () { fallbackCopy(text, button); });
    } else {
      fallbackCopy(text, button);
    }
  }

  function fallbackCopy(text, button) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "offscreen";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); flash(button); } finally { document.body.removeChild(area); }
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var copyUrl = target.closest("[data-copy-url]");
    if (copyUrl) {
      copyText(window.location.href, copyUrl);
      return;
    }
    var copyTarget = target.closest("[data-copy-target]");
    if (copyTarget) {
      var source = document.getElementById(copyTarget.getAttribute("data-copy-target"));
      if (source) { copyText(source.value || source.textContent, copyTarget); }
      return;
    }
    var pref = target.closest("a[data-pref]");
    if (pref) {
      var url = new URL(window.location.href);
      url.searchParams.set(pref.getAttribute("data-pref"), pref.getAttribute("data-value"));
      pref.setAttribute("href", url.pathname + url.search + url.hash);
    }
  });

  // The text query searches as the reader types (the form's "input changed delay" trigger) and on
  // Enter. Its "change" event, fired when the field loses focus, would search again: clicking a
  // filter chip right after typing then raced a stale search that could push the old URL back.
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "f-q") { event.stopPropagation(); }
  }, true);
})();

/* The map: the place and figure of the symbol under the pointer or keyboard focus, in a caption
 * under the map (each symbol's <title> is the text; without this file the browser's own tooltip
 * shows it on hover). */
(function () {
  "use strict";

  function show(event) {
    var target = event.target;
    if (!(target instanceof Element)) { return; }
    var symbol = target.closest("a.sym");
    var tip = document.getElementById("map-tip");
    if (!symbol || !tip) { return; }
    var title = symbol.querySelector("title");
    tip.textContent = title ? title.textContent : "";
    tip.hidden = false;
  }

  document.addEventListener("mouseover", show);
  document.addEventListener("focusin", show);
})();
