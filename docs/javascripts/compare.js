/* Any-two-roles picker on /compare/.
   The page lists every role (linked to its page and ladder), which is what readers without JavaScript see.
   This script fills the two selects from that list, hides it and shows only the chosen pair, in the same
   table markup as the comparison pages, from the two roles' files (each list item's data-hb-file: its
   items on every shared dimension and its levels by rung), so the page does not carry every role × every
   dimension. Every value is text and is set with textContent, so role data can never become markup. A
   third select sets the same rung of both roles' career ladders side by side.
   The choice lives in the address (?first=<id>&second=<id>&level=<rung>), so a pair can be shared, survives a
   reload and the back button steps through earlier choices. The keys are the selects' names: a field
   added to the form later joins the address without a change to the code that keeps it. */
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

  /* One role per item of the list of roles: id, name, page URL and the file with its data. */
  function readRoles(list) {
    return Array.prototype.map.call(list.querySelectorAll("li[data-hb-role]"), function (item) {
      var link = item.querySelector("a");
      return {
        id: item.getAttribute("data-hb-role"),
        name: link.textContent,
        url: link.getAttribute("href"),
        file: item.getAttribute("data-hb-file")
      };
    });
  }

  /* A role's items on one dimension, shown as the role pages show them: a list, paragraphs or "None recorded". */
  function cell(items, isList) {
    if (!items.length) { return [element("span", { "class": "hb-note" }, ["None recorded"])]; }
    if (isList) { return [element("ul", {}, items.map(function (item) { return element("li", {}, [item]); }))]; }
    return items.map(function (item) { return element("p", {}, [item]); });
  }

  function pairTable(dimensions, first, second) {
    var heading = element("tr", {}, [element("th", { scope: "col" }, ["Dimension"])].concat(
      [first, second].map(function (role) {
        return element("th", { scope: "col" }, [element("a", { href: role.url }, [role.name])]);
      })));
    var rows = dimensions.map(function (dimension, index) {
      return element("tr", {}, [element("th", { scope: "row" }, [dimension.label])].concat(
        [first, second].map(function (role) {
          return element("td", { "data-label": role.name }, cell(role.data.dimensions[index], dimension.list));
        })));
    });
    var table = element("table", { "class": "hb-table hb-table--stack" }, [
      element("caption", {}, ["Shared dimensions of " + first.name + " and " + second.name]),
      element("thead", {}, [heading]),
      element("tbody", {}, rows),
    ]);
    return element("div", { "class": "md-typeset__scrollwrap" }, [element("div", { "class": "md-typeset__table" }, [table])]);
  }

  function curatedLink(curated, first, second) {
    var url = curated[first.id + " " + second.id] || curated[second.id + " " + first.id];
    if (!url) { return null; }
    return element("p", {}, ["There is also a written comparison of these two roles: ",
      element("a", { href: url }, [first.name + " and " + second.name]), "."]);
  }

  /* The chosen rung of both roles side by side: level names, then scope and each pillar's proficiency. */
  function levelTable(labels, rungLabel, first, second, a, b) {
    var heading = element("tr", {}, [element("th", { scope: "col" }, ["Level"])].concat(
      [[first, a], [second, b]].map(function (pair) {
        return element("th", { scope: "col" }, [pair[0].name + ": ", element("a", { href: pair[1].url }, [pair[1].title])]);
      })));
    var rows = labels.map(function (label, index) {
      return element("tr", {}, [element("th", { scope: "row" }, [label])].concat(
        [[first, a], [second, b]].map(function (pair) {
          return element("td", { "data-label": pair[0].name }, [pair[1].cells[index]]);
        })));
    });
    var table = element("table", { "class": "hb-table hb-table--stack hb-picker__level-pair" }, [
      element("caption", {}, [rungLabel + " of " + first.name + " and " + second.name + ": scope and proficiency"]),
      element("thead", {}, [heading]),
      element("tbody", {}, rows),
    ]);
    return element("div", { "class": "md-typeset__scrollwrap" }, [element("div", { "class": "md-typeset__table" }, [table])]);
  }

  function levelPair(labels, rungSelect, first, second) {
    if (!rungSelect || !rungSelect.value) { return null; }
    var rungLabel = rungSelect.options[rungSelect.selectedIndex].textContent;
    var a = first.data.levels[rungSelect.value];
    var b = second.data.levels[rungSelect.value];
    var missing = [[first, a], [second, b]].filter(function (pair) { return !pair[1]; }).map(function (pair) {
      return pair[0].name;
    });
    if (missing.length) {
      return element("p", {}, [missing.join(" and ") + " has no level on " + rungLabel + " in the handbook."]);
    }
    return levelTable(labels, rungLabel, first, second, a, b);
  }

  /* A role's file, fetched once per page and kept on the role; the page's own link stays the fallback. */
  function load(role) {
    if (!role.loading) {
      role.loading = fetch(role.file).then(function (response) {
        if (!response.ok) { throw new Error(role.file + ": " + response.status); }
        return response.json();
      }).then(function (data) { role.data = data; return role; });
    }
    return role.loading;
  }

  /* The form's selects by name, and the address kept in step with them. */
  function selectsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) { return field.tagName === "SELECT"; });
  }

  function offers(select, value) {
    return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
  }

  /* Sets each select from the address, or from its default where the address names nothing it offers. */
  function readAddress(form) {
    var params = new URLSearchParams(window.location.search);
    selectsOf(form).forEach(function (select) {
      var wanted = params.get(select.name);
      select.value = wanted !== null && offers(select, wanted) ? wanted : select.getAttribute("data-hb-default-value");
    });
  }

  function writeAddress(form) {
    var address = new URL(window.location.href);
    selectsOf(form).forEach(function (select) { address.searchParams.set(select.name, select.value); });
    if (address.href !== window.location.href) { window.history.pushState(null, "", address.href); }
  }

  function mount(picker) {
    var source = picker.querySelector(".hb-picker__data");
    // The print page keeps the list of roles but drops scripts and their data.
    if (picker.getAttribute("data-hb-ready") || !source) { return; }
    picker.setAttribute("data-hb-ready", "true");
    var setup = JSON.parse(source.textContent);
    var all = picker.querySelector(".hb-picker__all");
    var roles = readRoles(all);
    var byId = {};
    roles.forEach(function (role) { byId[role.id] = role; });
    var form = picker.querySelector(".hb-picker__form");
    var result = picker.querySelector(".hb-picker__result");
    var selects = [form.elements.first, form.elements.second];
    selects.forEach(function (select) {
      var chosen = roles[Number(select.getAttribute("data-hb-default"))] || roles[0];
      select.setAttribute("data-hb-default-value", chosen.id);
      roles.forEach(function (role) { select.appendChild(element("option", { value: role.id }, [role.name])); });
    });
    if (form.elements.level) { form.elements.level.setAttribute("data-hb-default-value", form.elements.level.value); }
    var shown = 0;

    /* Shows the pair the selects name once both files are in; a later choice wins over an earlier one
       still loading. */
    function show() {
      var a = byId[selects[0].value];
      var b = byId[selects[1].value];
      var request = ++shown;
      if (a === b) {
        result.replaceChildren(element("p", {}, ["Choose two different roles to see them side by side."]));
        return;
      }
      result.setAttribute("aria-busy", "true");
      Promise.all([load(a), load(b)]).then(function () {
        if (request !== shown) { return; }
        result.replaceChildren.apply(result, [curatedLink(setup.curated, a, b),
          levelPair(setup.levelRows, form.elements.level, a, b), pairTable(setup.dimensions, a, b)].filter(Boolean));
      }, function () {
        if (request !== shown) { return; }
        result.replaceChildren(element("p", {}, ["The two roles could not be loaded. Their pages: ",
          element("a", { href: a.url }, [a.name]), ", ", element("a", { href: b.url }, [b.name]), "."]));
      }).then(function () { if (request === shown) { result.removeAttribute("aria-busy"); } });
    }

    form.addEventListener("change", function () { writeAddress(form); show(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { readAddress(form); show(); });
    form.hidden = false;
    result.hidden = false;
    all.hidden = true;
    readAddress(form);
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
