/*
 * Cookie consent in the browser (docs/consent.md).
 *
 * The server sends every reader the same hidden banner; this script shows it only when the
 * consent cookie holds no valid choice, loads the scripts of the categories the reader
 * allowed, and keeps Google Consent Mode in step. No inline code, so it runs under a
 * Content-Security-Policy of script-src 'self'.
 */
(function () {
  "use strict";

  // Consent Mode v2 defaults, before any tag can run: everything denied until a choice.
  window.dataLayer = window.dataLayer || [];
  window.gtag = window.gtag || function () {
    window.dataLayer.push(arguments);
  };
  window.gtag("consent", "default", {
    ad_storage: "denied",
    analytics_storage: "denied",
    ad_user_data: "denied",
    ad_personalization: "denied",
    wait_for_update: 500
  });

  var CONSENT_MODE_SIGNALS = {
    analytics: ["analytics_storage"],
    advertising: ["ad_storage", "ad_user_data", "ad_personalization"]
  };

  var banner = document.getElementById("consent-banner");
  if (!banner) {
    return;
  }
  var dialog = document.getElementById("consent-dialog");
  var status = document.getElementById("consent-status");
  var chooseButton = banner.querySelector('[data-consent-action="choose"]');
  var config = {
    cookieName: banner.dataset.cookieName,
    revision: banner.dataset.revision,
    categories: banner.dataset.categories.trim().split(/\s+/),
    acceptMaxAge: Number(banner.dataset.acceptMaxAge),
    refuseMaxAge: Number(banner.dataset.refuseMaxAge),
    endpoint: banner.dataset.endpoint
  };
  var applied = [];

  function readCookie(name) {
    var pairs = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < pairs.length; i++) {
      var separator = pairs[i].indexOf("=");
      if (pairs[i].slice(0, separator) === name) {
        return pairs[i].slice(separator + 1).replace(/^"|"$/g, "");
      }
    }
    return null;
  }

  // The cookie is signed on the server; here we only need its content. A forged value
  // could at most fool this page, never the server, which checks the signature.
  function storedChoice() {
    var value = readCookie(config.cookieName);
    if (!value) {
      return null;
    }
    try {
      var encoded = value.split(":")[0].replace(/-/g, "+").replace(/_/g, "/");
      var payload = JSON.parse(atob(encoded + "===".slice((encoded.length + 3) % 4)));
      var ageSeconds = Date.now() / 1000 - payload.t;
      var granted = Array.isArray(payload.g) ? payload.g : null;
      if (payload.r !== config.revision || !granted || typeof payload.t !== "number") {
        return null;
      }
      if (ageSeconds > (granted.length ? config.acceptMaxAge : config.refuseMaxAge)) {
        return null;
      }
      return granted.filter(function (key) {
        return config.categories.indexOf(key) !== -1;
      });
    } catch (error) {
      return null;
    }
  }

  function updateConsentMode(granted) {
    var update = {};
    Object.keys(CONSENT_MODE_SIGNALS).forEach(function (category) {
      CONSENT_MODE_SIGNALS[category].forEach(function (signal) {
        update[signal] = granted.indexOf(category) !== -1 ? "granted" : "denied";
      });
    });
    window.gtag("consent", "update", update);
  }

  function activateAllowed(granted) {
    var gated = document.querySelectorAll("[data-category][data-src]");
    Array.prototype.forEach.call(gated, function (element) {
      if (granted.indexOf(element.dataset.category) === -1 || element.dataset.activated) {
        return;
      }
      element.dataset.activated = "true";
      if (element.tagName === "SCRIPT") {
        var script = document.createElement("script");
        script.src = element.dataset.src;
        script.async = true;
        element.after(script);
      } else {
        element.src = element.dataset.src;
      }
    });
  }

  function apply(granted) {
    applied = granted;
    updateConsentMode(granted);
    activateAllowed(granted);
    document.dispatchEvent(new CustomEvent("consent:change", {detail: {granted: granted}}));
  }

  function categoryName(key) {
    var input = dialog.querySelector('input[value="' + key + '"]');
    return input ? input.closest("fieldset").querySelector("legend").textContent : key;
  }

  function announce(granted) {
    var message;
    // The words come with the banner, in the page's language.
    if (granted.length === config.categories.length) {
      message = banner.dataset.savedAll;
    } else if (granted.length === 0) {
      message = banner.dataset.savedNone;
    } else {
      message = banner.dataset.savedSome.replace(
        "%(categories)s",
        granted.map(categoryName).join(banner.dataset.listSeparator).toLowerCase()
      );
    }
    status.textContent = message;
    status.classList.add("consent-status-shown");
    window.setTimeout(function () {
      status.classList.remove("consent-status-shown");
      status.textContent = "";
    }, 8000);
  }

  function send(fields) {
    var body = new URLSearchParams(fields);
    return fetch(config.endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: {"Accept": "application/json"},
      body: body
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("The choice was not saved (" + response.status + ").");
      }
      return response.json();
    });
  }

  function decide(fields) {
    var focusWasInside = banner.contains(document.activeElement) ||
      dialog.contains(document.activeElement);
    send(fields).then(function (answer) {
      var withdrawn = applied.some(function (key) {
        return answer.granted.indexOf(key) === -1;
      });
      if (dialog.open) {
        dialog.close();
      }
      banner.hidden = true;
      announce(answer.granted);
      if (focusWasInside) {
        status.focus();
      }
      if (withdrawn) {
        // Scripts already running cannot be unloaded; a fresh page starts without them.
        window.location.reload();
        return;
      }
      apply(answer.granted);
    }).catch(function () {
      status.textContent = banner.dataset.notSaved;
      status.classList.add("consent-status-shown");
    });
  }

  banner.addEventListener("click", function (event) {
    var action = event.target.closest("[data-consent-action]");
    if (!action) {
      return;
    }
    var name = action.dataset.consentAction;
    if (name === "accept" || name === "reject") {
      decide([["decision", name], ["method", "banner"]]);
    } else if (name === "choose") {
      dialog.showModal();
    }
  });

  dialog.addEventListener("click", function (event) {
    if (event.target.closest('[data-consent-action="close"]')) {
      dialog.close();
    }
  });

  // Esc and the close button both end here: focus goes back to the button that opened it.
  // The browser usually has put it there already, and this event comes a moment later, when
  // a quick keyboard reader may have moved on: only a focus that was lost is taken back.
  dialog.addEventListener("close", function () {
    var focused = document.activeElement;
    var focusLost = !focused || focused === document.body || dialog.contains(focused);
    if (!banner.hidden && focusLost) {
      chooseButton.focus();
    }
  });

  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var fields = Array.from(new FormData(event.target).entries());
    if (event.submitter && event.submitter.name) {
      fields.push([event.submitter.name, event.submitter.value]);
    }
    decide(fields);
  });

  var granted = storedChoice();
  if (granted !== null) {
    apply(granted);
  } else if (navigator.globalPrivacyControl) {
    // The browser already refused for the reader: honour it, remember it, and say so.
    apply([]);
    banner.querySelector(".consent-gpc-note").hidden = false;
    banner.hidden = false;
    send([["decision", "reject"], ["method", "gpc"]]).catch(function () {});
  } else {
    apply([]);
    banner.hidden = false;
  }
})();
