// kursk: small helpers for the filter panel; the pages work without them.
(function () {
  "use strict";
  // a search box above a long list of claimants or sources narrows it as you type
  document.addEventListener("input", function (e) {
    var box = e.target;
    if (!box.matches || !box.matches("input.picker-find")) return;
    e.stopPropagation(); // not a filter change: no request
    var list = document.getElementById(box.getAttribute("data-picker"));
    if (!list) return;
    var words = box.value.trim().toLowerCase();
    for (var i = 0; i < list.options.length; i++) {
      var o = list.options[i];
      o.hidden = words !== "" && !o.selected && o.text.toLowerCase().indexOf(words) < 0;
    }
  }, true);
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("input.picker-find")) e.stopPropagation();
  }, true);
})();
