// Plus and minus buttons beside number fields: <button data-step="1" data-for="id_x">.
// "Add another" buttons: <button data-add-row="met"> clones <template id="met-template">
// into [data-rows="met"], numbering it after the formset's TOTAL_FORMS (no page reload).
document.addEventListener("DOMContentLoaded", () => {
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-step]");
    if (!button) return;
    const input = document.getElementById(button.dataset.for);
    if (!input) return;
    const value = (parseInt(input.value, 10) || 0) + parseInt(button.dataset.step, 10);
    input.value = Math.max(0, value);
    input.dispatchEvent(new Event("change"));
  });
  document.querySelectorAll("button[data-add-row]").forEach((button) => {
    button.addEventListener("click", () => {
      const prefix = button.dataset.addRow;
      const total = document.getElementById(`id_${prefix}-TOTAL_FORMS`);
      const template = document.getElementById(`${prefix}-template`);
      const rows = document.querySelector(`[data-rows="${prefix}"]`);
      if (!total || !template || !rows) return;
      const index = parseInt(total.value, 10) || 0;
      const html = template.innerHTML.replace(/__prefix__/g, String(index));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const first = rows.lastElementChild && rows.lastElementChild.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  });
});
