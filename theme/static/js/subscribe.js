// The subscribe page: a button beside each feed address copies it. Without this script
// each address is a plain link, which works the same in a feed reader.
const status = document.querySelector(".subscribe__copied");
if (status && navigator.clipboard) {
  for (const link of document.querySelectorAll("a[data-copy]")) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = status.dataset.copyLabel;
    button.setAttribute("aria-describedby", link.getAttribute("aria-describedby"));
    button.addEventListener("click", async () => {
      await navigator.clipboard.writeText(link.href);
      status.textContent = `${status.dataset.copied}: ${link.href}`;
    });
    link.after(" ", button);
  }
}
