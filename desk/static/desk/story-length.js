// The story's length as the journalist writes: words and reading time under the body,
// counted from the editor's text on each change (the saved count comes with the page).
"use strict";
(function () {
  function countWords(text) {
    const words = text.trim().split(/\s+/u).filter(Boolean);
    return words.length;
  }

  // Numbers in the desk's own digits (Eastern Arabic-Indic in Dari and Pashto).
  function localDigits(counter, number) {
    const digits = counter.dataset.digits || "0123456789";
    return String(number).replace(/[0-9]/g, (digit) => digits[Number(digit)]);
  }

  function describe(counter, words) {
    const perMinute = Number(counter.dataset.wordsPerMinute) || 230;
    const minutes = Math.max(1, Math.ceil(words / perMinute));
    const count = words === 1
      ? counter.dataset.word
      : counter.dataset.words.replace("%(count)s", localDigits(counter, words));
    const reading = counter.dataset.minutes.replace("%(minutes)s", localDigits(counter, minutes));
    return count + " · " + reading;
  }

  document.addEventListener("DOMContentLoaded", () => {
    const counter = document.getElementById("story-length");
    const body = document.querySelector(".field-body");
    if (!counter || !body) return;
    let queued = false;
    const update = () => {
      queued = false;
      const area = body.querySelector("[contenteditable]");
      if (area) counter.textContent = describe(counter, countWords(area.innerText));
    };
    new MutationObserver(() => {
      if (!queued) {
        queued = true;
        window.requestAnimationFrame(update);
      }
    }).observe(body, { childList: true, subtree: true, characterData: true });
  });
})();
