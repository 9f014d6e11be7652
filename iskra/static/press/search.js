// The static export's search page: Pagefind's UI over the index written by `iskra export_site`
// (in parts, merged here).
// The export can live at a domain's root, under a sub-path or on disk: the site's root is found
// from this script's own address (ROOT/static/press/search.js). Opened from disk (file://),
// browsers do not let Pagefind read its index, so the page searches ROOT/search-<language>.js
// instead (titles, summaries and the first words of each article), loaded by a script tag.
(() => {
  const script = document.currentScript;

  const fold = (text) =>
    text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

  const label = (element, input) => {
    // Pagefind's input has only a placeholder: give it a label (axe: label-title-only).
    const text = element.dataset.label;
    if (!input || !text) {
      return;
    }
    input.id = input.id || "search-input";
    input.setAttribute("aria-label", text);
    const tag = document.createElement("label");
    tag.htmlFor = input.id;
    tag.className = "search-label";
    tag.textContent = text;
    element.prepend(tag);
  };

  const searchFromDisk = (element, root) => {
    const input = document.createElement("input");
    input.type = "search";
    input.id = "search-input";
    input.autocomplete = "off";
    const count = document.createElement("p");
    count.className = "search-count";
    count.setAttribute("aria-live", "polite");
    const list = document.createElement("ol");
    list.className = "search-results";
    element.append(input, count, list);
    label(element, input);
    let records = [];
    const show = () => {
      const words = fold(input.value).split(/\s+/).filter(Boolean);
      list.replaceChildren();
      if (!words.length) {
        count.textContent = "";
        return;
      }
      const found = records.filter((record) => words.every((word) => record.folded.includes(word)));
      count.textContent = `${found.length} · ${input.value}`;
      for (const record of found.slice(0, 50)) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = new URL(record.u, root).href;
        link.textContent = record.t;
        item.append(link);
        if (record.s) {
          const summary = document.createElement("p");
          summary.textContent = record.s;
          item.append(summary);
        }
        list.append(item);
      }
    };
    const data = document.createElement("script");
    data.src = new URL(`search-${element.dataset.language}.js`, root).href;
    data.addEventListener("load", () => {
      records = (window.iskraSearch || []).map((record) => ({
        ...record,
        folded: fold(`${record.t} ${record.s} ${record.b}`),
      }));
      show();
    });
    document.head.append(data);
    input.addEventListener("input", show);
  };

  document.addEventListener("DOMContentLoaded", () => {
    const element = document.getElementById("search");
    if (!element) {
      return;
    }
    const root = new URL("../../", script ? script.src : window.location.href);
    if (root.protocol === "file:") {
      searchFromDisk(element, root);
      return;
    }
    if (!window.PagefindUI) {
      return;
    }
    // The index is in parts of a thousand articles (pagefind/<part>/, listed in
    // pagefind/parts.json): the first is the main bundle, the others are merged into it.
    fetch(new URL("pagefind/parts.json", root))
      .then((response) => response.json())
      .then((parts) => {
        const bundles = parts.map((part) => new URL(`pagefind/${part}/`, root).pathname);
        new window.PagefindUI({
          element: "#search",
          showImages: false,
          resetStyles: false,
          baseUrl: root.pathname,
          bundlePath: bundles[0],
          mergeIndex: bundles.slice(1).map((bundlePath) => ({ bundlePath, baseUrl: root.pathname })),
        });
        label(element, element.querySelector("input"));
      });
  });
})();
