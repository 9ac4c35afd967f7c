/* Any-two-roles picker on /compare/.
   The page carries a table of every role on the shared dimensions (built from the role files), which
   readers without JavaScript see. This script fills the two selects from the table's rows, hides the
   table and shows only the chosen pair, in the same table markup as the comparison pages, by copying
   the chosen rows' cells: each role's data is on the page once. Names are set with textContent and
   cells are copies of the page's own markup, so role data can never become new markup. A third select
   sets the same rung of both roles' career ladders side by side, from the levels table in the same way.
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

  /* One role per row of the all-roles table: id, name, page URL and its cell for each dimension. */
  function readRoles(table) {
    return Array.prototype.map.call(table.querySelectorAll("tbody tr[data-hb-role]"), function (row) {
      var link = row.querySelector("th a");
      return {
        id: row.getAttribute("data-hb-role"),
        name: link.textContent,
        url: link.getAttribute("href"),
        cells: Array.prototype.slice.call(row.querySelectorAll("td"))
      };
    });
  }

  function copyOf(cell) {
    return Array.prototype.map.call(cell.childNodes, function (node) { return node.cloneNode(true); });
  }

  function pairTable(labels, first, second) {
    var heading = element("tr", {}, [element("th", { scope: "col" }, ["Dimension"])].concat(
      [first, second].map(function (role) {
        return element("th", { scope: "col" }, [element("a", { href: role.url }, [role.name])]);
      })));
    var rows = labels.map(function (label, index) {
      return element("tr", {}, [element("th", { scope: "row" }, [label])].concat(
        [first, second].map(function (role) {
          return element("td", { "data-label": role.name }, copyOf(role.cells[index]));
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

  /* The levels table: one row per level, keyed "<role id> <rung>" (its link names the level), with its cells from Scope on. */
  function readLevels(table) {
    var levels = {};
    Array.prototype.forEach.call(table.querySelectorAll("tbody tr[data-hb-level]"), function (row) {
      levels[row.getAttribute("data-hb-level")] = {
        link: row.querySelector("th a"),
        cells: Array.prototype.slice.call(row.querySelectorAll("td"), 1)
      };
    });
    return levels;
  }

  /* The chosen rung of both roles side by side: level names, then scope and each pillar's proficiency. */
  function levelTable(labels, rungLabel, first, second, a, b) {
    var heading = element("tr", {}, [element("th", { scope: "col" }, ["Level"])].concat(
      [[first, a], [second, b]].map(function (pair) {
        return element("th", { scope: "col" }, [pair[0].name + ": ",
          element("a", { href: pair[1].link.getAttribute("href") }, [pair[1].link.textContent])]);
      })));
    var rows = labels.map(function (label, index) {
      return element("tr", {}, [element("th", { scope: "row" }, [label])].concat(
        [[first, a], [second, b]].map(function (pair) {
          return element("td", { "data-label": pair[0].name }, copyOf(pair[1].cells[index]));
        })));
    });
    var table = element("table", { "class": "hb-table hb-table--stack hb-picker__level-pair" }, [
      element("caption", {}, [rungLabel + " of " + first.name + " and " + second.name + ": scope and proficiency"]),
      element("thead", {}, [heading]),
      element("tbody", {}, rows),
    ]);
    return element("div", { "class": "md-typeset__scrollwrap" }, [element("div", { "class": "md-typeset__table" }, [table])]);
  }

  function levelPair(levels, labels, rungSelect, first, second) {
    if (!rungSelect || !rungSelect.value) { return null; }
    var rungLabel = rungSelect.options[rungSelect.selectedIndex].textContent;
    var a = levels[first.id + " " + rungSelect.value];
    var b = levels[second.id + " " + rungSelect.value];
    var missing = [[first, a], [second, b]].filter(function (pair) { return !pair[1]; }).map(function (pair) {
      return pair[0].name;
    });
    if (missing.length) {
      return element("p", {}, [missing.join(" and ") + " has no level on " + rungLabel + " in the handbook."]);
    }
    return levelTable(labels, rungLabel, first, second, a, b);
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
    // The print page keeps the all-roles table but drops scripts and their data.
    if (picker.getAttribute("data-hb-ready") || !source) { return; }
    picker.setAttribute("data-hb-ready", "true");
    var curated = JSON.parse(source.textContent).curated;
    var all = picker.querySelector(".hb-picker__all");
    var roles = readRoles(all);
    var labels = Array.prototype.slice.call(all.querySelectorAll("thead th"), 1).map(function (th) {
      return th.textContent;
    });
    var levelsTable = picker.querySelector(".hb-picker__levels");
    var levels = levelsTable ? readLevels(levelsTable) : {};
    var levelLabels = levelsTable ? Array.prototype.slice.call(levelsTable.querySelectorAll("thead th"), 2).map(
      function (th) { return th.textContent; }) : [];
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

    function show() {
      var a = byId[selects[0].value];
      var b = byId[selects[1].value];
      var content = a === b
        ? [element("p", {}, ["Choose two different roles to see them side by side."])]
        : [curatedLink(curated, a, b), levelPair(levels, levelLabels, form.elements.level, a, b),
          pairTable(labels, a, b)].filter(Boolean);
      result.replaceChildren.apply(result, content);
    }

    form.addEventListener("change", function () { writeAddress(form); show(); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    window.addEventListener("popstate", function () { readAddress(form); show(); });
    form.hidden = false;
    result.hidden = false;
    all.hidden = true;
    if (levelsTable) { levelsTable.hidden = true; }
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
