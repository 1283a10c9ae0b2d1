/*
 * Tag suggestions for comma-separated tag fields (articles/widgets.py).
 *
 * While a journalist types, the last comma-separated tag is sent to the suggestions
 * endpoint and the field's <datalist> is filled with the whole field value completed by each
 * matching tag, so picking a suggestion replaces only the tag being typed.
 */
(function () {
  "use strict";

  var DELAY_MS = 150;

  // Tags are separated by commas, Latin or Arabic (as Dari and Pashto keyboards type them).
  function splitTags(value) {
    var cut = Math.max(value.lastIndexOf(","), value.lastIndexOf("\u060c"));
    return {
      head: cut === -1 ? "" : value.slice(0, cut + 1),
      last: value.slice(cut + 1).trim(),
    };
  }

  function chosenTags(head) {
    return head
      .split(/[,\u060c]/)
      .map(function (tag) { return tag.trim().toLowerCase(); })
      .filter(Boolean);
  }

  function fillSuggestions(list, head, names) {
    var chosen = chosenTags(head);
    var prefix = head ? head.replace(/\s*$/, " ") : "";
    list.replaceChildren();
    names.forEach(function (name) {
      if (chosen.indexOf(name.toLowerCase()) !== -1) return;
      var option = document.createElement("option");
      option.value = prefix + (name.indexOf(",") === -1 ? name : '"' + name + '"');
      list.appendChild(option);
    });
  }

  function attach(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.dataset.tagSuggestions;
    var timer = null;
    var pending = null;
    if (!list || !url) return;

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var parts = splitTags(input.value);
      if (!parts.last) {
        list.replaceChildren();
        return;
      }
      timer = window.setTimeout(function () {
        if (pending) pending.abort();
        pending = new AbortController();
        fetch(url + "?q=" + encodeURIComponent(parts.last), {
          credentials: "same-origin",
          headers: { Accept: "application/json" },
          signal: pending.signal,
        })
          .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
          .then(function (data) { fillSuggestions(list, parts.head, data.tags || []); })
          .catch(function () { /* aborted by a newer keystroke, or offline: no suggestions */ });
      }, DELAY_MS);
    });
  }

  function attachAll() {
    document.querySelectorAll("input[data-tag-suggestions]").forEach(attach);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
