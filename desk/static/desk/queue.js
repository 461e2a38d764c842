// Order desk queue: "n" opens the next order; j/k move between orders, Enter opens.
(function () {
  "use strict";
  function typing(event) {
    var t = event.target;
    return t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA" || t.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "n") {
      var start = document.getElementById("start-review");
      if (start) { event.preventDefault(); start.click(); }
    } else if (event.key === "j" || event.key === "k") {
      var links = Array.prototype.slice.call(document.querySelectorAll("#queue a.open"));
      if (!links.length) return;
      var i = links.indexOf(document.activeElement);
      i = event.key === "j" ? Math.min(links.length - 1, i + 1) : Math.max(0, i - 1);
      links[i].focus();
      event.preventDefault();
    }
  });
  // Filters apply as soon as they change.
  var form = document.getElementById("queue-filters");
  if (form) form.addEventListener("change", function () { form.requestSubmit(); });
})();
