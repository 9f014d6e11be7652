// The static export's search page: Pagefind's UI over the index written by `iskra export_site`.
// The export can live at a domain's root, under a sub-path or on disk: the site's root is found
// from this script's own address (ROOT/static/press/search.js).
(() => {
  const script = document.currentScript;
  document.addEventListener("DOMContentLoaded", () => {
    const element = document.getElementById("search");
    if (!element || !window.PagefindUI) {
      return;
    }
    const root = new URL("../../", script ? script.src : window.location.href);
    const fromDisk = root.protocol === "file:";
    new window.PagefindUI({
      element: "#search",
      showImages: false,
      resetStyles: false,
      baseUrl: root.pathname,
      processResult: (result) => {
        if (fromDisk && result.url.endsWith("/")) {
          result.url += "index.html";
        }
        return result;
      },
    });
    // Pagefind's input has only a placeholder: give it a label (axe: label-title-only).
    const input = element.querySelector("input");
    const label = element.dataset.label;
    if (input && label) {
      input.id = input.id || "search-input";
      input.setAttribute("aria-label", label);
      const tag = document.createElement("label");
      tag.htmlFor = input.id;
      tag.className = "search-label";
      tag.textContent = label;
      element.prepend(tag);
    }
  });
})();
