// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("DOMContentLoaded", () => {
  // <button data-copy="#id"> copies the text of an element, e.g. an invitation link.
  document.querySelectorAll("[data-copy]").forEach((button) => {
    button.addEventListener("click", () => {
      const source = document.querySelector(button.dataset.copy);
      if (source && navigator.clipboard) {
        navigator.clipboard.writeText(source.value || source.textContent);
        button.dataset.copied = "yes";
      }
    });
  });
  // <form data-confirm="..."> asks before a destructive action.
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  // On a phone, tables become stacked rows: each cell is labelled by its column's heading.
  document.querySelectorAll("table").forEach((table) => {
    const headings = Array.from(table.querySelectorAll("thead th")).map((th) => th.textContent.trim());
    if (!headings.length) return;
    table.querySelectorAll("tbody tr").forEach((row) => {
      Array.from(row.children).forEach((cell, index) => {
        if (headings[index] && !cell.hasAttribute("colspan")) cell.dataset.label = headings[index];
      });
    });
  });
});
