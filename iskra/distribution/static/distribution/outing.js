// Plus and minus buttons beside number fields: <button data-step="1" data-for="id_x">.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-step]").forEach((button) => {
    button.addEventListener("click", () => {
      const input = document.getElementById(button.dataset.for);
      if (!input) return;
      const value = (parseInt(input.value, 10) || 0) + parseInt(button.dataset.step, 10);
      input.value = Math.max(0, value);
      input.dispatchEvent(new Event("change"));
    });
  });
});
