/*
 * Accessible names for the story form's controls that have no <label> of their own, so a
 * screen reader says what each one is for (WCAG 4.1.2):
 * - controls built by scripts: the rich text editor's editing area and the author
 *   autocomplete (select2) take the name of the field they stand for;
 * - inputs in a table of inline rows take their column's heading (a row's delete box, with
 *   what the row holds);
 * - the picture's file input takes its fieldset's legend.
 * Rows added later ("Add another byline") are named as they appear.
 */
(function () {
  "use strict";

  function clean(text) {
    return text.replace(/\s+/g, " ").replace(/:\s*$/, "").trim();
  }

  function fieldName(control) {
    if (control.id) {
      var label = document.querySelector('label[for="' + control.id + '"]');
      if (label) return clean(label.textContent);
    }
    var cell = control.closest("td[class^='field-'], td[class*=' field-']");
    if (cell) {
      var field = Array.prototype.find.call(cell.classList, function (name) {
        return name.indexOf("field-") === 0;
      });
      var table = cell.closest("table");
      var heading = table && table.querySelector("th.column-" + field.slice(6));
      if (heading) return clean(heading.textContent);
    }
    // A row's "Delete?" box: the column's heading and what the row holds.
    var deleteCell = control.closest("td.delete");
    if (deleteCell) {
      var row = deleteCell.closest("tr");
      var head = row.closest("table").querySelector("thead th:last-child");
      var chosen = row.querySelector("select option:checked, input[type=text]");
      var what = chosen ? clean(chosen.textContent || chosen.value) : "";
      return clean((head ? head.textContent : "") + " " + what);
    }
    var fieldset = control.closest("fieldset");
    var legend = fieldset && fieldset.querySelector("legend");
    return legend ? clean(legend.textContent) : "";
  }

  function name(element, text) {
    if (text && !element.hasAttribute("aria-label")) element.setAttribute("aria-label", text);
  }

  function nameAll() {
    document.querySelectorAll(".prose-editor").forEach(function (editor) {
      var source = editor.querySelector("textarea");
      var area = editor.querySelector("[contenteditable]");
      if (source && area) name(area, fieldName(source));
    });
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var widget = select.nextElementSibling;
      if (!widget || !widget.classList.contains("select2")) return;
      var text = fieldName(select);
      widget.querySelectorAll("[role=combobox], [role=textbox]").forEach(function (part) {
        name(part, text);
      });
    });
    document
      .querySelectorAll("#article_form input:not([type=hidden]):not([aria-label])")
      .forEach(function (input) {
        if (!input.labels || input.labels.length === 0) name(input, fieldName(input));
      });
  }

  var queued = false;
  function nameAllSoon() {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () {
      queued = false;
      nameAll();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    // The editor and select2 build their markup after this script runs, and new inline
    // rows appear on demand: name whatever the page gains, once per frame at most.
    new MutationObserver(nameAllSoon).observe(document.body, { childList: true, subtree: true });
  });
})();
