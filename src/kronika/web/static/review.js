// Corrections in the document view's panel: who reviewed a fact, and (for a signed-in
// reviewer) the forms that correct it. Forms are plain POSTs with the CSRF token; all
// text from the record goes in with textContent, never as HTML.
(function () {
  "use strict";

  function el(tag, cls, content) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function hidden(form, name, value) {
    var input = el("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    form.appendChild(input);
  }

  function field(label, input) {
    var wrap = el("label", null, label + " ");
    wrap.appendChild(input);
    return wrap;
  }

  function textInput(name, placeholder, max) {
    var input = el("input");
    input.name = name;
    input.placeholder = placeholder || "";
    input.maxLength = max || 200;
    return input;
  }

  function targetOf(key, data) {
    if (data.targets && data.targets[key]) return data.targets[key];
    var parts = key.split(":");
    return parts[0] + "/" + parts[1];
  }

  function form(review, target, action, fact, label, fields) {
    var f = el("form", "correct correct-" + action);
    f.method = "post";
    f.action = "/documents/" + encodeURIComponent(review.doc) + "/corrections";
    hidden(f, "csrf_token", review.csrf);
    hidden(f, "target", target);
    hidden(f, "action", action);
    if (fact.kind !== "entity" && target.indexOf("rejected/") !== 0) {
      hidden(f, "start", String(fact.start)); // the server refuses a stale page (409)
      hidden(f, "end", String(fact.end));
    }
    (fields || []).forEach(function (node) { f.appendChild(node); });
    f.appendChild(field("note", textInput("note", "why (optional)", 2000)));
    var button = el("button", null, label);
    button.type = "submit";
    f.appendChild(button);
    return f;
  }

  function mark(record) {
    var r = record && record.reviewed;
    if (!r) return null;
    var p = el("p", "reviewed-mark");
    p.appendChild(el("span", "pen", "✎ " + r.action + " by "));
    p.appendChild(el("b", "who", r.by));
    p.appendChild(el("span", null, " at "));
    p.appendChild(el("time", null, r.at));
    if (r.note) p.appendChild(el("span", "note", " — " + r.note));
    if (r.machine) p.appendChild(el("span", "machine", " (machine: " + JSON.stringify(r.machine) + ")"));
    return p;
  }

  function speakerFields(review) {
    var select = el("select");
    select.name = "value";
    select.appendChild(el("option", null, "— pick one of the document's people —")).value = "";
    review.people.forEach(function (p) {
      var option = el("option", null, p.name + " (" + p.type + ")");
      option.value = p.name;
      select.appendChild(option);
    });
    return [field("speaker", select), field("or a name", textInput("name", "type a name"))];
  }

  function candidateFields(review, target) {
    var select = el("select");
    select.name = "value";
    select.required = true;
    select.appendChild(el("option", null, "loading the gazetteer's candidates…")).value = "";
    var index = target.split("/")[1];
    fetch("/api/documents/" + encodeURIComponent(review.doc) + "/places/" + index + "/candidates")
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (body) {
        select.replaceChildren();
        select.appendChild(el("option", null, body.items.length ? "— pick a place —" : "no other candidates")).value = "";
        body.items.forEach(function (c) {
          var where = [c.country, c.admin1].filter(Boolean).join(", ");
          var km = c.km === null || c.km === undefined ? "" : " · " + c.km + " km away";
          var option = el("option", null, c.name + " — " + where + " · " + c.feature + km + (c.chosen ? " (current)" : ""));
          option.value = String(c.geonameid);
          select.appendChild(option);
        });
      });
    return [field("place", select)];
  }

  function actions(review, key, fact, record, data) {
    var target = targetOf(key, data);
    var out = [];
    if (target.indexOf("rejected/") === 0) {
      out.push(form(review, target, "restore", fact, "restore"));
      return out;
    }
    if (fact.kind === "quote") out.push(form(review, target, "speaker", fact, "change speaker", speakerFields(review)));
    if (fact.kind === "place") {
      out.push(form(review, target, "candidate", fact, "choose this place", candidateFields(review, target)));
      out.push(form(review, target, "coordinates", fact, "set coordinates", [field("lat,lon", textInput("value", "48.5, 37.9", 60))]));
    }
    if (fact.kind === "time") out.push(form(review, target, "value", fact, "set value", [field("TIMEX3", textInput("value", record.value || "2024-11-20", 64))]));
    if (fact.kind === "claim") {
      out.push(form(review, target, "claimant", fact, "set claimant", speakerFields(review)));
      out.push(form(review, target, "quantity", fact, "set quantity", [field("quantity", textInput("value", "40 or 40-50", 100))]));
    }
    if (fact.kind !== "repair") out.push(form(review, target, "reject", fact, "reject"));
    return out;
  }

  window.kronikaReview = {
    panel: function (panel, key, fact, data) {
      var review = data.review || {};
      var record = data.records[fact.ref];
      var seen = mark(record);
      if (seen) panel.appendChild(seen);
      if (!review.enabled || fact.kind === "repair") return;
      if (!review.reviewer) {
        var a = el("a", "sign-in", "sign in to correct this fact");
        a.href = review.login;
        panel.appendChild(a);
        return;
      }
      if (!review.can_write) return;
      var box = el("div", "review-actions");
      actions(review, key, fact, record, data).forEach(function (f) { box.appendChild(f); });
      panel.appendChild(box);
    },
  };
})();
