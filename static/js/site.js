// The public site's only script. It is a file, not inline markup, because the Content Security
// Policy runs no inline script; everything works without it except the print button.
document.addEventListener("click", (event) => {
  if (event.target.closest(".print-button")) {
    window.print();
  }
});
