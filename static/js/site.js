/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  /* Phones: fold the main menu behind a disclosure button. The stylesheet
     hides the folded menu only when scripting is on, so without script the
     menu stays visible. */
  function enhanceMenu(nav) {
    nav.id = nav.id || "site-nav";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "site-nav__toggle";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", nav.id);
    button.innerHTML =
      '<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 20 20">' +
      '<path d="M2 4h16M2 10h16M2 16h16" stroke="currentColor" stroke-width="2"/></svg>Menu';
    nav.parentNode.insertBefore(button, nav);

    function setOpen(open) {
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    }
    button.addEventListener("click", function () {
      setOpen(button.getAttribute("aria-expanded") !== "true");
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && nav.classList.contains("is-open")) {
        setOpen(false);
        button.focus();
      }
    });
  }

  var nav = document.querySelector(".site-header .site-nav");
  if (nav) {
    enhanceMenu(nav);
  }
})();
