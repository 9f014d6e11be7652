// The static export's search page: Pagefind's UI over the index written by `iskra export_site`.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.getElementById("search");
  if (element && window.PagefindUI) {
    new window.PagefindUI({ element: "#search", showImages: false, resetStyles: false });
  }
});
