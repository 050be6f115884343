// Typed text is never lost: a counter beside every text field with a limit (the server refuses
// text over it and keeps it in the field, so the browser must not cut it), and a question before
// leaving a page whose text has not been saved.
(function () {
  "use strict";

  document.querySelectorAll("[data-limit-for]").forEach(function (note) {
    var field = document.getElementById(note.dataset.limitFor);
    if (!field) {
      return;
    }
    var limit = Number(note.dataset.limit);
    field.removeAttribute("maxlength");
    var update = function () {
      var count = field.value.length;
      note.textContent = note.dataset.counter
        .replace("{count}", count.toLocaleString("sv-SE"))
        .replace("{limit}", limit.toLocaleString("sv-SE"));
      note.classList.toggle("limit--over", count > limit);
      if (count > limit) {
        note.textContent += " " + note.dataset.over;
      }
    };
    field.addEventListener("input", update);
    update();
  });

  var unsaved = false;
  document.querySelectorAll("form").forEach(function (form) {
    if (!form.querySelector("textarea")) {
      return;
    }
    form.addEventListener("input", function () {
      unsaved = true;
    });
    form.addEventListener("submit", function () {
      unsaved = false;
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
