// Country suggestions for the directory search box, as the visitor types.
// Progressive enhancement: the form works without this file. The suggestions fill the
// input's <datalist>, so browsers offer them with their own keyboard-accessible list.
(function () {
  "use strict";

  function enhance(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.dataset.countrySuggestions;
    if (!list || !url || !window.fetch) {
      return;
    }
    var timer = null;
    var lastQuery = "";

    function fill(suggestions) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      suggestions.forEach(function (suggestion) {
        var option = document.createElement("option");
        option.value = suggestion.name;
        list.appendChild(option);
      });
    }

    function load() {
      var query = input.value.trim();
      if (query.length < 2 || query === lastQuery) {
        return;
      }
      lastQuery = query;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (data.query === input.value.trim()) {
            fill(data.suggestions || []);
          }
        })
        .catch(function () {
          // Suggestions are a convenience; the search itself still works.
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 150);
    });
  }

  var inputs = document.querySelectorAll("input[data-country-suggestions]");
  for (var index = 0; index < inputs.length; index += 1) {
    if (!inputs[index].dataset.suggestionsReady) {
      inputs[index].dataset.suggestionsReady = "true";
      enhance(inputs[index]);
    }
  }
})();
