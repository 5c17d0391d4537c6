// Progressive enhancement shared by every page. The site works fully without it.
(function () {
  "use strict";
  // Move focus to the main region after using the skip link, for browsers that do not.
  var skip = document.querySelector(".skip-link");
  var main = document.getElementById("main");
  if (skip && main) {
    skip.addEventListener("click", function () { main.focus(); });
  }
})();
