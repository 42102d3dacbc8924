// The browser editor's own code (Decap CMS, served by `invoke desk`, never published):
// the header format staff write by hand, the preview in the site's style, and the
// findings of `invoke check` for the story being written, before it is saved.

// Every header key (SPEC §2), where the form keeps its value, and how it is written.
// A new file's header follows this order, as `invoke new` writes it.
const KEYS = [
  ["Title", "title"],
  ["Date", "date", "date"],
  ["Modified", "modified", "date"],
  ["Category", "category"],
  ["Tags", "tags", "list"],
  ["Speakers", "speakers", "list"],
  ["Contacts", "contacts", "list"],
  ["Summary", "summary"],
  ["Location", "location"],
  ["Image", "photo.image", "file"],
  ["Image-Alt", "photo.alt"],
  ["Image-Caption", "photo.caption"],
  ["Image-Credit", "photo.credit"],
  ["Image-License", "photo.license"],
  ["Source", "source"],
  ["Update", "updates", "record"],
  ["Correction", "corrections", "record"],
  ["Status", "status"],
  ["Withdrawn", "withdrawn"],
  ["Type", "type"],
  ["Year", "year"],
  ["Pages", "pages"],
  ["Document", "document", "file"],
  ["Cover", "cover", "file"],
  ["Cover-Alt", "cover_alt"],
  ["Menu", "menu"],
  ["Slug", "slug"],
].map(([key, path, kind = "text"]) => ({ key, path: path.split("."), kind }));
const BY_KEY = new Map(KEYS.map((spec) => [spec.key.toLowerCase(), spec]));
// A file's language suffix (`.az.md`).
const LANGUAGE = /\.([a-z]{2,3}(-[A-Za-z]+)?)\.md$/;
// A date as the form keeps it: marked as already in the site's time (see desk_config.py).
const FORM_DATE = /^\d{4}-\d\d-\d\d \d\d:\d\d$/;
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9_-]*):[ \t]?(.*)$/;
// `Update:` and `Correction:`: the date, a dash with spaces around it, the sentence.
const RECORD = /^(.*?)\s+[—–-]\s+(.*)$/;

// A file as Pelican reads it: the header's lines (each with its key, value and exact
// text), the blank lines after it, and the body as written. Line endings and a byte-order
// mark are as the file has them (Pelican reads both); the lines themselves are without.
function parse(text) {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const lines = text.slice(bom.length).split(eol);
  const header = [];
  let at = 0;
  for (; at < lines.length; at++) {
    const line = lines[at];
    const found = HEADER_LINE.exec(line);
    if (found) {
      header.push({ key: found[1], value: found[2].trim(), raw: [line] });
    } else if (header.length && /^( {4}|\t)/.test(line)) {
      const last = header[header.length - 1];
      last.raw.push(line);
      last.value = `${last.value}\n${line.trim()}`;
    } else {
      break;
    }
  }
  const gapStart = at;
  while (at < lines.length - 1 && lines[at].trim() === "") at++;
  return { eol, bom, header, gap: lines.slice(gapStart, at), body: lines.slice(at).join("\n") };
}

function formDate(value) {
  return FORM_DATE.test(value) ? `${value}Z` : value;
}

function fileDate(value) {
  return String(value).replace(/Z$/, "");
}

function getIn(data, path) {
  return path.reduce((value, key) => (value == null ? undefined : value[key]), data);
}

function setIn(data, path, value) {
  let place = data;
  for (const key of path.slice(0, -1)) place = place[key] ??= {};
  place[path[path.length - 1]] = value;
}

function fromFile(text) {
  const parsed = parse(text);
  const data = { body: parsed.body.replace(/\n$/, ""), original: text };
  for (const { key, value } of parsed.header) {
    const spec = BY_KEY.get(key.toLowerCase());
    if (!spec || value === "") continue;
    if (spec.kind === "list") {
      setIn(data, spec.path, value.split(",").map((part) => part.trim()).filter(Boolean));
    } else if (spec.kind === "record") {
      const found = RECORD.exec(value);
      const entry = found ? { date: formDate(found[1].trim()), text: found[2].trim() }
        : { date: value, text: "" };
      setIn(data, spec.path, [...(getIn(data, spec.path) || []), entry]);
    } else if (spec.kind === "date") {
      setIn(data, spec.path, formDate(value));
    } else if (spec.kind === "file") {
      // The form names a file from the content folder's root ("/images/x.jpg"), as the
      // editor's media library does; the header, relative to it ("images/x.jpg").
      setIn(data, spec.path, /^[a-z]+:/i.test(value) ? value : `/${value.replace(/^\/+/, "")}`);
    } else {
      setIn(data, spec.path, value);
    }
  }
  return data;
}

// One header value: a line break would start another header line.
function oneLine(value) {
  return String(value ?? "").replace(/\s*[\r\n]+\s*/g, " ").trim();
}

// A field's value as header values: none when it is empty; a line per update.
function written(spec, value) {
  if (value == null || value === "") return [];
  if (spec.kind === "list") {
    const items = (Array.isArray(value) ? value : String(value).split(","))
      .map(oneLine)
      .filter(Boolean);
    return items.length ? [items.join(", ")] : [];
  }
  if (spec.kind === "record") {
    return (Array.isArray(value) ? value : [])
      .map((entry) => [oneLine(fileDate(entry?.date ?? "")), oneLine(entry?.text)])
      .filter(([date, text]) => date || text)
      .map(([date, text]) => (text ? `${date} — ${text}` : date));
  }
  let text = oneLine(value);
  if (spec.kind === "file") text = text.replace(/^\/+/, "");
  if (spec.kind === "date") text = fileDate(text);
  return text ? [text] : [];
}

function same(one, other) {
  return one.length === other.length && one.every((value, at) => value === other[at]);
}

// The file for a form: the header staff would write, and the text as written. A file
// opened from disk keeps every line whose value the form did not change, in its place;
// an update added comes after the story's last one.
function toFile(data) {
  // A language the story is not written in (only the fields every language shares are
  // there): an empty file, which the desk's file server does not write.
  if (!data.original && !oneLine(data.title) && !oneLine(data.body)) return "";
  const original = parse(data.original || "");
  const before = fromFile(data.original || "");
  const specOf = (entry) => (entry.value === "" ? null : BY_KEY.get(entry.key.toLowerCase()));
  const lines = [];
  const done = new Set();
  const met = new Map(); // how many lines of a repeatable key were met so far
  for (const entry of original.header) {
    const spec = specOf(entry);
    if (!spec) {
      lines.push(...entry.raw); // a key the form does not know, or left empty, stays
      continue;
    }
    const now = written(spec, getIn(data, spec.path));
    const was = written(spec, getIn(before, spec.path));
    if (spec.kind === "record") {
      const at = met.get(spec) ?? 0;
      met.set(spec, at + 1);
      const line = (value) => `${entry.key}: ${value}`;
      if (at < now.length) lines.push(...(now[at] === was[at] ? entry.raw : [line(now[at])]));
      if (at === was.length - 1) lines.push(...now.slice(at + 1).map(line));
    } else if (same(now, was)) {
      lines.push(...entry.raw);
    } else if (!done.has(spec)) {
      lines.push(...now.map((value) => `${entry.key}: ${value}`));
    }
    done.add(spec);
  }
  for (const spec of KEYS) {
    if (!done.has(spec)) {
      lines.push(...written(spec, getIn(data, spec.path)).map((value) => `${spec.key}: ${value}`));
    }
  }
  const body = data.body ?? "";
  const text = body === before.body ? original.body : `${body.replace(/\s+$/, "")}\n`;
  // A header the file did not have is set off from the text by a blank line.
  const gap = original.header.length || !lines.length ? original.gap : [""];
  const file = [...lines, ...gap, text].join("\n");
  return original.bom + (original.eol === "\n" ? file : file.replaceAll("\n", original.eol));
}

CMS.registerCustomFormat("pelican", "md", { fromFile, toFile });

// Alt text: a text field that must be written once its image (the field named by its
// `image` option, kept in the site's language's data) is chosen, in every language.
const StringControl = CMS.getWidget("string").control;
class AltTextControl extends StringControl {
  isValid = () => {
    const image = this.props.field.get("image").split(".");
    const entry = this.props.getEntry ? this.props.getEntry() : this.props.entry;
    if (!entry.getIn(["data", ...image]) || String(this.props.value || "").trim()) {
      return true;
    }
    const message = `${this.props.field.get("label")}: describe the image for readers who ` +
      "cannot see it";
    return { error: { type: "CUSTOM", message } };
  };
}
CMS.registerWidget("alt-text", AltTextControl, CMS.getWidget("string").preview, {
  properties: { image: { type: "string" } },
});

// The findings of `invoke check` for the story in the form, asked of the desk's server a
// moment after the writer stops typing.
async function findings(drafts) {
  const response = await fetch("/__desk__/check", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ drafts }),
  });
  if (!response.ok) throw new Error(await response.text());
  return (await response.json()).findings;
}

// A language's data as it will be saved: with the fields every language takes from the
// site's language (`i18n: "duplicate"` in the configuration).
function dataOf(entry, collection, locale, defaultLocale) {
  const own = locale === defaultLocale ? entry.get("data") : entry.getIn(["i18n", locale, "data"]);
  const data = own ? own.toJS() : {};
  const shared = entry.get("data") ? entry.get("data").toJS() : {};
  for (const field of collection.get("fields")) {
    const name = field.get("name");
    if (field.get("i18n") === "duplicate" && data[name] == null) data[name] = shared[name];
  }
  return data;
}

// Where a form's files are (or will be, once saved) inside the content folder. A new
// story is checked under a provisional name: its real one is made when it is saved.
function pathsOf(entry, collection, locales) {
  const saved = entry.get("path");
  const year = (entry.getIn(["data", "date"]) || "").slice(0, 4) || "new";
  const stem = saved
    ? saved.replace(LANGUAGE, "").replace(/\.md$/, "")
    : [collection.get("folder"), collection.get("path") ? year : null, "new"]
      .filter(Boolean).join("/");
  return Object.fromEntries(locales.map((locale) => [locale, `${stem}.${locale}.md`]));
}

// A finding's place as the writer sees it: the language's column and the header's line.
function where(finding) {
  const language = LANGUAGE.exec(finding.path || "");
  return [language ? language[1].toUpperCase() : "", finding.line ? `line ${finding.line}` : ""]
    .filter(Boolean).join(", ") || "this story";
}

const Checked = createClass({
  getInitialState() {
    return { state: "checking", findings: [], error: "" };
  },
  componentDidMount() {
    this.schedule();
  },
  componentDidUpdate() {
    this.schedule();
  },
  componentWillUnmount() {
    clearTimeout(this.timer);
  },
  // The files the form would write now, by where they are (or will be) in the content.
  drafts() {
    const { entry, collection } = this.props;
    const i18n = collection.get("i18n");
    const locales = i18n.get("locales").toJS();
    const defaultLocale = i18n.get("default_locale");
    const paths = pathsOf(entry, collection, locales);
    const drafts = {};
    for (const locale of locales) {
      const data = dataOf(entry, collection, locale, defaultLocale);
      if (data.title || data.body) drafts[paths[locale]] = toFile(data);
    }
    return drafts;
  },
  // Check again a moment after the form last changed (and only when it did).
  schedule() {
    const drafts = this.drafts();
    const asked = JSON.stringify(drafts);
    if (asked === this.asked) return;
    this.asked = asked;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(drafts, asked), 700);
  },
  async check(drafts, asked) {
    this.setState({ state: "checking" });
    try {
      const found = await findings(drafts);
      if (asked === this.asked) this.setState({ state: "done", findings: found, error: "" });
    } catch (error) {
      if (asked === this.asked) this.setState({ state: "failed", error: String(error) });
    }
  },
  render() {
    const { state, findings: found, error } = this.state;
    let inside;
    if (state === "checking") inside = h("p", {}, "Checking…");
    else if (state === "failed") inside = h("p", {}, `The check could not run: ${error}`);
    else if (!found.length) inside = h("p", {}, "No problems found.");
    else {
      inside = h("ul", {}, found.map((finding, at) =>
        h("li", { key: at },
          h("strong", {}, finding.level === "ERROR" ? "Error" : "Warning"),
          ` ${where(finding)}: ${finding.message}`)));
    }
    return h("aside", { className: "notice desk-findings", "aria-live": "polite",
      "data-state": state, "data-count": found.length }, h("h2", {}, "Check"), inside);
  },
});

// A story as its page shows it (theme/templates/article.html), in the site's stylesheets.
function StoryPreview(props) {
  const { entry, widgetFor, getAsset } = props;
  const data = entry.get("data");
  const photo = data.getIn(["photo", "image"]);
  const place = data.get("location");
  const caption = [data.getIn(["photo", "caption"]), data.getIn(["photo", "credit"])];
  return h("main", { className: "wrap" },
    h(Checked, props),
    h("article", { className: "story" },
      h("div", { className: "story__main" },
        h("header", { className: "story__header" },
          h("h1", {}, data.get("title") || ""),
          h("p", { className: "dateline" },
            [place, fileDate(data.get("date") || "")].filter(Boolean).join(" — "))),
        photo ? h("figure", { className: "story__photo" },
          h("img", { src: getAsset(photo).toString(), alt: data.getIn(["photo", "alt"]) || "" }),
          caption.some(Boolean) ? h("figcaption", {}, caption.filter(Boolean).join(" · ")) : null)
          : null,
        h("div", { className: "story__body" }, widgetFor("body")))));
}

function PagePreview(props) {
  const { entry, widgetFor } = props;
  return h("main", { className: "wrap" },
    h(Checked, props),
    h("article", { className: "story" },
      h("div", { className: "story__main" },
        h("header", { className: "story__header" },
          h("h1", {}, entry.getIn(["data", "title"]) || "")),
        h("div", { className: "story__body" }, widgetFor("body")))));
}

for (const sheet of ["tokens", "base", "layout", "components"]) {
  CMS.registerPreviewStyle(`/theme/css/${sheet}.css`);
}
CMS.registerPreviewStyle(
  ".desk-findings{margin:1rem 0}.desk-findings ul{margin:0;padding-left:1.2rem}" +
    ".story__photo img{max-width:100%;height:auto}",
  { raw: true },
);
CMS.registerPreviewTemplate("stories", StoryPreview);
CMS.registerPreviewTemplate("publications", PagePreview);
CMS.registerPreviewTemplate("pages", PagePreview);
// The configuration is made afresh from the site's settings and registries each time the
// editor opens: a speaker added to the registry is offered at once.
fetch("/admin/config.json")
  .then((response) => response.json())
  .then((config) => CMS.init({ config: { ...config, load_config_file: false } }));
