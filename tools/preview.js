// The live preview's script, added to every previewed page (never to the published site):
// it reloads the page when a new build is there, and shows the build's problems.
const events = new EventSource("/__preview__/events");
let shown = null;

function panel() {
  let box = document.getElementById("preview-build");
  if (!box) {
    box = document.createElement("aside");
    box.id = "preview-build";
    box.setAttribute("role", "status");
    box.style.cssText =
      "position:fixed;inset:auto 0 0 0;z-index:1000;max-height:40vh;overflow:auto;" +
      "margin:0;padding:.75rem 1rem;font:14px/1.4 system-ui,sans-serif;" +
      "background:#fff8e1;color:#1a1a1a;border-top:3px solid #b26a00;";
    document.body.append(box);
  }
  return box;
}

function show(status) {
  const box = panel();
  box.replaceChildren();
  if (status.building) {
    box.textContent = "Building…";
    return;
  }
  if (!status.problems.length) {
    box.remove();
    return;
  }
  const title = document.createElement("strong");
  title.textContent = "The last build reported:";
  const list = document.createElement("ul");
  list.style.cssText = "margin:.25rem 0 0;padding-left:1.25rem";
  for (const problem of status.problems) {
    const item = document.createElement("li");
    item.textContent = problem;
    list.append(item);
  }
  if (status.more) {
    const item = document.createElement("li");
    item.textContent = `… and ${status.more} more in the terminal`;
    list.append(item);
  }
  box.append(title, list);
}

// Once the page is to be reloaded it listens no more: a build ending meanwhile neither
// reloads it a second time nor shows its panel on the page being left.
function reload() {
  events.close();
  location.reload();
}

events.addEventListener("building", (event) => show(JSON.parse(event.data)));
// A save's pages, written before the build that brings the rest of the site up to date.
events.addEventListener("pages", (event) => {
  const here = location.pathname.replace(/index\.html$/, "");
  if (JSON.parse(event.data).pages.some((url) => `/${url}` === here)) {
    reload();
  }
});
events.addEventListener("build", (event) => {
  const status = JSON.parse(event.data);
  if (shown !== null && status.id !== shown) {
    reload();
    return;
  }
  shown = status.id;
  show(status);
});
