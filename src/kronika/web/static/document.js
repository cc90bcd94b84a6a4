// Document view: clicking a highlighted fact shows its record and exact source span.
// Everything from the article is inserted with textContent, never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("facts").textContent);
  var panel = document.getElementById("panel");
  var text = document.getElementById("text");
  var selected = [];

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function safeHref(href) {
    return typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/" ? href : null;
  }

  function show(keys) {
    panel.replaceChildren();
    keys.forEach(function (key) {
      var fact = data.facts[key];
      if (!fact) return;
      panel.appendChild(el("h3", null, fact.kind + " " + key.split(":").slice(1).join(":")));
      panel.appendChild(el("p", "meta", "characters " + fact.start + "–" + fact.end + " of the text as received"));
      panel.appendChild(el("div", "span", fact.span + (fact.cut ? " …" : "")));
      fact.links.forEach(function (link) {
        var href = safeHref(link.href);
        if (!href) return;
        var a = el("a", "fact-link", link.label + " →");
        a.href = href;
        var p = el("p");
        p.appendChild(a);
        panel.appendChild(p);
      });
      if (window.kronikaReview) window.kronikaReview.panel(panel, key, fact, data); // review.js
      panel.appendChild(el("pre", null, JSON.stringify(data.records[fact.ref], null, 2)));
    });
  }

  function select(node) {
    selected.forEach(function (n) { n.classList.remove("selected"); });
    selected = [node];
    node.classList.add("selected");
    show((node.getAttribute("data-facts") || "").split(" ").filter(Boolean));
  }

  text.addEventListener("click", function (event) {
    var node = event.target.closest("[data-facts]");
    if (!node) return;
    if (event.target.closest("a")) return; // place links go to the map
    select(node);
  });
  text.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    var node = event.target.closest("[data-facts]");
    if (node) select(node);
  });
  if (location.hash) {
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.hasAttribute("data-facts")) select(target);
  }
})();
