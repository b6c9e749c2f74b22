// newsledger web: the article reader's layer switches. No article text is ever written as HTML here:
// the server renders and escapes it; this file only toggles classes.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var reader = document.getElementById("reader");
  if (!reader) {
    return;
  }
  var boxes = document.querySelectorAll("#layers input[data-layer]");
  boxes.forEach(function (box) {
    box.addEventListener("change", function () {
      reader.classList.toggle("hide-" + box.dataset.layer, !box.checked);
    });
  });
  var focus = document.getElementById("focus");
  if (focus) {
    focus.scrollIntoView({ block: "center" });
  }
});

// The review panel's keyboard shortcuts (c confirm, x reject, e edit a field, n next unreviewed event):
// they only click the page's own buttons and links.
document.addEventListener("DOMContentLoaded", function () {
  var panel = document.getElementById("review");
  if (!panel) {
    return;
  }
  var keys = { c: "review-confirm", x: "review-reject", n: "review-skip" };
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (target && (target.tagName === "INPUT" || target.tagName === "SELECT" || target.tagName === "TEXTAREA")) {
      return;
    }
    if (event.key === "e") {
      var value = document.getElementById("review-value");
      if (value) {
        event.preventDefault();
        value.focus();
      }
      return;
    }
    var id = keys[event.key];
    var element = id && document.getElementById(id);
    if (element) {
      event.preventDefault();
      element.click();
    }
  });
});
