/*
 * Keeps a copy of unsaved work on the story form in this browser (localStorage), so that a
 * closed tab, an expired login or a failed network never costs a journalist their text.
 * The copy is offered back when the form is opened again, and dropped once a save succeeds.
 */
(function () {
  "use strict";

  var PREFIX = "newsroom:story-form:";
  var SKIPPED = ["csrfmiddlewaretoken", "loaded_version", "_transition", "lifetime"];
  var richEditors = {};

  // The body's rich text editor announces itself; keep it to put restored text back into it.
  document.addEventListener("prose-editor:ready", function (event) {
    richEditors[event.detail.textarea.name] = event.detail.editor;
  });

  function storageKey() {
    return PREFIX + window.location.pathname;
  }

  function readEntry(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  }

  function writeEntry(key, entry) {
    try {
      window.localStorage.setItem(key, JSON.stringify(entry));
    } catch (error) {
      // Storage full or disabled: the form still works, only the safety copy is missing.
    }
  }

  function keptFields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return (
        field.name &&
        SKIPPED.indexOf(field.name) === -1 &&
        ["hidden", "file", "submit", "button", "password"].indexOf(field.type) === -1 &&
        field.name.indexOf("__prefix__") === -1
      );
    });
  }

  function readValues(form) {
    var values = {};
    keptFields(form).forEach(function (field) {
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) values[field.name] = field.value;
      } else if (field.multiple) {
        values[field.name] = Array.prototype.map.call(field.selectedOptions, function (option) {
          return option.value;
        });
      } else {
        values[field.name] = field.value;
      }
    });
    return values;
  }

  function sameValues(first, second) {
    return JSON.stringify(first) === JSON.stringify(second);
  }

  function applyValues(form, values) {
    keptFields(form).forEach(function (field) {
      if (!(field.name in values)) return;
      var value = values[field.name];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = field.value === value;
      } else if (field.multiple) {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = value.indexOf(option.value) !== -1;
        });
      } else {
        field.value = value;
      }
      if (richEditors[field.name]) richEditors[field.name].commands.setContent(value);
      field.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function offerRestore(form, key, entry) {
    var offer = document.createElement("div");
    offer.className = "autosave-offer";
    offer.setAttribute("role", "status");
    // The words come with the page, in the desk's language (change_form.html).
    var words = document.getElementById("autosave-words").dataset;
    var when = new Date(entry.savedAt).toLocaleString(document.documentElement.lang || undefined);
    offer.appendChild(document.createTextNode(words.kept.replace("%(when)s", when)));
    var restore = document.createElement("button");
    restore.type = "button";
    restore.textContent = words.restore;
    var discard = document.createElement("button");
    discard.type = "button";
    discard.textContent = words.discard;
    offer.appendChild(restore);
    offer.appendChild(discard);
    restore.addEventListener("click", function () {
      applyValues(form, entry.values);
      offer.remove();
    });
    discard.addEventListener("click", function () {
      window.localStorage.removeItem(key);
      offer.remove();
    });
    form.parentNode.insertBefore(offer, form);
  }

  function forgetSubmittedWork() {
    // A success message follows every successful save: the copies sent with it are safe now.
    Object.keys(window.localStorage)
      .filter(function (key) {
        return key.indexOf(PREFIX) === 0;
      })
      .forEach(function (key) {
        var entry = readEntry(key);
        if (entry && entry.submitted) window.localStorage.removeItem(key);
      });
  }

  function watch(form) {
    var key = storageKey();
    var loaded = readValues(form);
    var stored = readEntry(key);
    if (stored && stored.values && !sameValues(stored.values, loaded)) {
      offerRestore(form, key, stored);
    }

    var pending = null;
    var submitting = false;
    function keep(submitted) {
      if (submitting) return;
      submitting = submitted;
      var values = readValues(form);
      if (!submitted && sameValues(values, loaded)) return;
      writeEntry(key, { savedAt: Date.now(), values: values, submitted: submitted });
    }
    function keepSoon() {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () {
        keep(false);
      }, 800);
    }
    form.addEventListener("input", keepSoon);
    form.addEventListener("change", keepSoon);
    form.addEventListener("submit", function () {
      window.clearTimeout(pending);
      keep(true);
    });
    window.addEventListener("pagehide", function () {
      keep(false);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector(".messagelist .success")) forgetSubmittedWork();
    var form = document.getElementById("article_form");
    if (form) watch(form);
  });
})();
