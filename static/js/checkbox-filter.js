// Admin: a filter field above a long list of checkboxes (countries served, languages).
// Typing hides the options whose label does not contain the text (accents ignored); ticked
// options always stay visible. Without this script the list is shown whole.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }

  function setUp(box) {
    var filter = box.querySelector("[data-filter-input]");
    var summary = box.querySelector("[data-filter-summary]");
    if (!filter || box.dataset.filterReady) return;
    box.dataset.filterReady = "true";
    filter.closest("[hidden]").hidden = false;
    var options = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]")).map(function (input) {
      var label = input.closest("label") || input.parentElement;
      var row = input.closest("li") || input.closest("div");
      return { input: input, row: row, text: fold(label.textContent) };
    });

    function update() {
      var query = fold(filter.value);
      var shown = 0;
      var ticked = 0;
      options.forEach(function (option) {
        var visible = !query || option.input.checked || option.text.indexOf(query) !== -1;
        option.row.hidden = !visible;
        if (visible) shown += 1;
        if (option.input.checked) ticked += 1;
      });
      summary.textContent = ticked + " ticked, " + shown + " of " + options.length + " shown";
    }

    filter.addEventListener("input", update);
    filter.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // do not submit the whole form
    });
    box.addEventListener("change", update);
    update();
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-filtered-checkboxes]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
