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
