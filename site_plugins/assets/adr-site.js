/* adr plugin: renders decision graphs with the Mermaid shipped beside this file (no CDN) and
   filters the decision log in the browser. Works with and without Material's instant loading. */
(function () {
  "use strict";
  var here = document.currentScript ? document.currentScript.src : "";
  var base = here.replace(/adr-site\.js(?:[?#].*)?$/, "");
  var loading = null;
  var counter = 0;

  function loadMermaid() {
    if (window.mermaid && typeof window.mermaid.render === "function") return Promise.resolve(window.mermaid);
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = base + "mermaid.min.js";
        script.onload = function () { resolve(window.mermaid); };
        script.onerror = function () { reject(new Error("could not load " + script.src)); };
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  var queue = Promise.resolve();

  function renderGraphs(root) {
    var blocks = Array.prototype.slice.call(root.querySelectorAll("pre.adr-mermaid"));
    if (!blocks.length) return;
    if (blocks.length > 3 && "IntersectionObserver" in window) {
      // many graphs (a large log): draw each one as it scrolls into view
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          queue = queue.then(function () { return draw([entry.target]); });
        });
      }, { rootMargin: "600px" });
      blocks.forEach(function (pre) { observer.observe(pre); });
      return;
    }
    queue = queue.then(function () { return draw(blocks); });
  }

  function draw(blocks) {
    return loadMermaid().then(function (mermaid) {
      var dark = document.body && document.body.getAttribute("data-md-color-scheme") === "slate";
      mermaid.initialize({
        startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default",
        maxTextSize: 10000000, maxEdges: 100000,
        flowchart: { useMaxWidth: false, htmlLabels: false, curve: "basis" }
      });
      return blocks.reduce(function (previous, pre) {
        return previous.then(function () {
          var id = "adr-graph-" + (++counter);
          return mermaid.render(id, pre.textContent).then(function (out) {
            var box = document.createElement("div");
            box.className = "adr-graph__svg";
            box.innerHTML = out.svg;
            if (out.bindFunctions) out.bindFunctions(box);
            pre.replaceWith(box);
          }).catch(function (error) {
            pre.classList.add("adr-mermaid--failed");
            if (window.console) console.warn("adr: graph not rendered", error);
          });
        });
      }, Promise.resolve());
    }).catch(function (error) {
      if (window.console) console.warn("adr:", error);
    });
  }

  function setupFilters(root) {
    var table = root.querySelector("table[data-adr-log]");
    var form = root.querySelector("form[data-adr-filters]");
    if (!table || !form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var shown = form.querySelector(".adr-shown");
    var empty = root.querySelector(".adr-empty");
    function field(key) { return form.querySelector('[data-adr-filter="' + key + '"]'); }
    function has(list, value) { return (list || "").indexOf("|" + value + "|") >= 0; }
    function apply() {
      var status = field("status").value, tag = field("tag").value, person = field("person").value;
      var risk = field("risk").checked, text = field("text").value.trim().toLowerCase();
      var count = 0;
      rows.forEach(function (row) {
        var ok = (!status || row.dataset.status === status) && (!tag || has(row.dataset.tags, tag)) &&
          (!person || has(row.dataset.people, person)) && (!risk || row.dataset.risk === "1") &&
          (!text || row.dataset.text.indexOf(text) >= 0);
        row.hidden = !ok;
        if (ok) count++;
      });
      shown.textContent = count === rows.length ? rows.length + " shown" : count + " of " + rows.length + " shown";
      if (empty) empty.hidden = count > 0;
      Array.prototype.forEach.call(root.querySelectorAll("[data-adr-status]"), function (button) {
        button.classList.toggle("adr-count--active", button.dataset.adrStatus === status);
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-adr-risk]"), function (button) {
        button.classList.toggle("adr-count--active", risk);
      });
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    Array.prototype.forEach.call(root.querySelectorAll("[data-adr-status]"), function (button) {
      button.addEventListener("click", function () {
        var select = field("status");
        select.value = select.value === button.dataset.adrStatus ? "" : button.dataset.adrStatus;
        apply();
      });
    });
    Array.prototype.forEach.call(root.querySelectorAll("[data-adr-risk]"), function (button) {
      button.addEventListener("click", function () { field("risk").checked = !field("risk").checked; apply(); });
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
      if (!th.dataset.adrSort) return;
      th.tabIndex = 0;
      var sort = function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) {
          var text = row.cells[column].textContent.trim();
          return th.dataset.adrSort === "number" ? (text === "" ? Infinity : parseFloat(text)) : text.toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = typeof x === "number" ? x - y : x.localeCompare(y);
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
    });
    var query = new URLSearchParams(window.location.search);
    ["status", "tag", "person", "text"].forEach(function (key) {
      if (query.get(key)) field(key).value = query.get(key);
    });
    if (query.get("risk")) field("risk").checked = true;
    form.classList.add("adr-filters--ready");
    apply();
  }

  function init() {
    setupFilters(document);
    renderGraphs(document);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
