// The story's text fields follow its language: choosing Pashto or Dari turns the headline,
// the standfirst, the body editor and the picture's texts right to left at once, before a
// letter is typed. The server renders them the same way for the saved language.
"use strict";
(function () {
  const FIELDS = ["headline", "standfirst", "dateline", "body", "image_alt", "image_caption", "image_credit"];

  function follow(select) {
    const directions = JSON.parse(select.dataset.directions || "{}");
    const language = select.value;
    const direction = directions[language] || "ltr";
    const tag = language.replace(/-(\w+)$/, (_, region) => "-" + region.toUpperCase());
    for (const name of FIELDS) {
      // The row holds the field and, for the body, the editor drawn beside its textarea.
      for (const element of document.querySelectorAll(`.field-${name}, #id_${name}`)) {
        element.setAttribute("dir", direction);
        element.setAttribute("lang", tag);
      }
    }
  }

  document.addEventListener("DOMContentLoaded", () => {
    const select = document.getElementById("id_language");
    if (!select) return;
    follow(select);
    select.addEventListener("change", () => follow(select));
  });
})();
