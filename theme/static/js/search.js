// Searching the stories of the page's language with Pagefind, entirely in the browser.
// Interface strings come from the page (translated by the site's catalogues); results are
// built as DOM nodes, never as HTML strings, so nothing in an excerpt can become markup.

const container = document.getElementById("search-results");
const statusLine = document.getElementById("search-status");
const list = document.getElementById("search-list");
const input = document.getElementById("search-query");
const form = input.form;
const MAX_RESULTS = 20;

function say(template, values) {
  return template.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
}

function excerptNodes(excerpt) {
  // Pagefind marks the words found with <mark>; keep those, everything else is text.
  const parsed = new DOMParser().parseFromString(excerpt, "text/html");
  return Array.from(parsed.body.childNodes).map((node) => {
    if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent);
  });
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "search-result";
  const heading = document.createElement("h2");
  heading.className = "search-result__title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  item.append(heading);
  if (data.meta.date) {
    const date = document.createElement("p");
    date.className = "search-result__date";
    date.textContent = data.meta.date;
    item.append(date);
  }
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(data.excerpt));
  item.append(excerpt);
  return item;
}

let pagefind;

async function search(query) {
  list.replaceChildren();
  if (!query.trim()) {
    statusLine.textContent = "";
    return;
  }
  statusLine.textContent = container.dataset.searching;
  try {
    pagefind ??= await import(container.dataset.pagefind);
    const found = await pagefind.search(query);
    const shown = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    list.replaceChildren(...shown.map(resultItem));
    const template = found.results.length ? container.dataset.found : container.dataset.none;
    statusLine.textContent = say(template, { query, count: found.results.length });
  } catch (error) {
    statusLine.textContent = container.dataset.failed;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const query = input.value;
  const url = new URL(window.location.href);
  url.searchParams.set("q", query);
  window.history.replaceState(null, "", url);
  search(query);
});

const initial = new URLSearchParams(window.location.search).get("q") || "";
input.value = initial;
search(initial);
