/* Any-two-roles picker on /compare/.
   The page carries every role's shared dimensions as JSON (built from the role files) and a full
   table of all roles for readers without JavaScript. This script reveals the two selects, hides
   the full table and shows only the chosen pair, using the same table markup as the comparison
   pages. All text is set with textContent, so role data can never become markup. */
(function () {
  "use strict";

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function items(values, isList) {
    if (!values.length) { return [element("span", { "class": "hb-note" }, ["None recorded"])]; }
    if (isList) {
      return [element("ul", {}, values.map(function (value) { return element("li", {}, [value]); }))];
    }
    return values.map(function (value) { return element("p", {}, [value]); });
  }

  function pairTable(data, first, second) {
    var heading = element("tr", {}, [element("th", { scope: "col" }, ["Dimension"])].concat(
      [first, second].map(function (role) {
        return element("th", { scope: "col" }, [element("a", { href: role.url }, [role.name])]);
      })));
    var rows = data.dimensions.map(function (dimension) {
      return element("tr", {}, [element("th", { scope: "row" }, [dimension.label])].concat(
        [first, second].map(function (role) {
          return element("td", { "data-label": role.name }, items(role.values[dimension.key], dimension.list));
        })));
    });
    var table = element("table", { "class": "hb-table hb-table--stack" }, [
      element("caption", {}, ["Shared dimensions of " + first.name + " and " + second.name]),
      element("thead", {}, [heading]),
      element("tbody", {}, rows),
    ]);
    return element("div", { "class": "md-typeset__scrollwrap" }, [element("div", { "class": "md-typeset__table" }, [table])]);
  }

  function curatedLink(data, first, second) {
    var url = data.curated[first.id + " " + second.id] || data.curated[second.id + " " + first.id];
    if (!url) { return null; }
    return element("p", {}, ["There is also a written comparison of these two roles: ",
      element("a", { href: url }, [first.name + " and " + second.name]), "."]);
  }

  function mount(picker) {
    var source = picker.querySelector(".hb-picker__data");
    // The print page keeps the all-roles table but drops scripts and their data.
    if (picker.getAttribute("data-hb-ready") || !source) { return; }
    picker.setAttribute("data-hb-ready", "true");
    var data = JSON.parse(source.textContent);
    var byId = {};
    data.roles.forEach(function (role) { byId[role.id] = role; });
    var form = picker.querySelector(".hb-picker__form");
    var result = picker.querySelector(".hb-picker__result");
    var first = form.elements.first;
    var second = form.elements.second;

    function show() {
      var a = byId[first.value];
      var b = byId[second.value];
      var content = a === b
        ? [element("p", {}, ["Choose two different roles to see them side by side."])]
        : [curatedLink(data, a, b), pairTable(data, a, b)].filter(Boolean);
      result.replaceChildren.apply(result, content);
    }

    form.addEventListener("change", show);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    result.hidden = false;
    picker.querySelector(".hb-picker__all").hidden = true;
    show();
  }

  function mountAll() {
    document.querySelectorAll("[data-hb-picker]").forEach(mount);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
