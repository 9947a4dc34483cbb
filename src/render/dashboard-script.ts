/**
 * The dashboard's one script, inlined and allowed by its hash: the board's filters (owner,
 * label, goal, text) and opening the number tables for print. The page is complete without it;
 * it reads only the page's own data attributes and never builds HTML from them.
 */
export const DASHBOARD_JS = `(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  var owner = document.getElementById("f-owner");
  var label = document.getElementById("f-label");
  var goal = document.getElementById("f-goal");
  var text = document.getElementById("f-text");
  var status = document.getElementById("f-status");
  var cards = Array.prototype.slice.call(document.querySelectorAll(".card[data-id]"));
  function labelsOf(card) {
    try { var list = JSON.parse(card.getAttribute("data-labels") || "[]"); return Array.isArray(list) ? list : []; } catch (e) { return []; }
  }
  function apply() {
    var o = owner.value, l = label.value, g = goal.value, q = text.value.trim().toLowerCase();
    var shown = 0;
    cards.forEach(function (card) {
      var ok = (o === "" || card.getAttribute("data-owner") === o) &&
        (l === "" || labelsOf(card).indexOf(l) !== -1) &&
        (g === "" || card.getAttribute("data-goal") === g) &&
        (q === "" || (card.textContent || "").toLowerCase().indexOf(q) !== -1);
      card.hidden = !ok;
      if (ok) shown++;
    });
    Array.prototype.forEach.call(document.querySelectorAll(".column"), function (column) {
      var visible = column.querySelectorAll(".card[data-id]:not([hidden])").length;
      var total = column.querySelectorAll(".card[data-id]").length;
      var out = column.querySelector(".shown");
      if (out) out.textContent = visible === total ? "" : visible + " of " + total + " shown";
    });
    status.textContent = shown === cards.length ? "" : shown + " of " + cards.length + " cards match";
  }
  [owner, label, goal].forEach(function (el) { el.addEventListener("change", apply); });
  text.addEventListener("input", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
})();`;
