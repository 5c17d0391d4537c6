// Glossary terms in health pages: a small definition popover. Without JavaScript each term is a
// plain link to its entry in the glossary, which works just as well.
(function () {
  "use strict";
  var links = document.querySelectorAll("a.glossary-term[data-glossary-definition]");
  var open = null;

  function close(returnFocus) {
    if (!open) { return; }
    open.popover.hidden = true;
    open.link.setAttribute("aria-expanded", "false");
    if (returnFocus) { open.link.focus(); }
    open = null;
  }

  function show(entry) {
    close(false);
    entry.popover.hidden = false;
    entry.link.setAttribute("aria-expanded", "true");
    open = entry;
  }

  Array.prototype.forEach.call(links, function (link, index) {
    var popover = document.createElement("span");
    var definition = document.createElement("span");
    var more = document.createElement("a");
    var entry = { link: link, popover: popover };
    popover.id = "glossary-popover-" + (index + 1);
    popover.className = "glossary-popover";
    popover.hidden = true;
    definition.className = "glossary-popover__definition";
    definition.textContent = link.getAttribute("data-glossary-definition");
    more.href = link.href;
    more.className = "glossary-popover__more";
    more.textContent = link.getAttribute("data-glossary-more");
    popover.appendChild(definition);
    popover.appendChild(document.createTextNode(" "));
    popover.appendChild(more);
    link.insertAdjacentElement("afterend", popover);
    link.setAttribute("aria-expanded", "false");
    link.setAttribute("aria-controls", popover.id);

    // A click, or Enter on the focused link, opens or closes the definition instead of leaving the page.
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (open === entry) { close(false); } else { show(entry); }
    });
    popover.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(true); }
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && open === entry) { event.preventDefault(); close(true); }
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && open) { close(true); }
  });
  document.addEventListener("click", function (event) {
    if (open && !open.popover.contains(event.target) && !open.link.contains(event.target)) { close(false); }
  });
})();
