// The editor's file server: Decap's own (decap-server's "fs" mode: it reads and writes inside
// GIT_REPO_DIRECTORY only), answering nothing but the desk's pages. A request must be
// addressed to 127.0.0.1 (or localhost) and come from one of DESK_ORIGINS: another site open
// in the writer's browser cannot use it, even through a name of its own that it points at
// 127.0.0.1 (DNS rebinding), which Decap's server alone would let through.
const express = require("express");
const { registerLocalFs } = require("decap-server/dist/middlewares");

const port = Number(process.env.PORT);
const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
const origins = new Set(process.env.DESK_ORIGINS.split(","));
const app = express();
app.use((request, response, next) => {
  const origin = request.headers.origin;
  if (hosts.has(request.headers.host) && (origin === undefined || origins.has(origin))) {
    next();
  } else {
    response.status(403).json({ error: "only the desk's own pages may use this server" });
  }
});
// A language the story is not written in comes as an empty file (see desk.js): it is not
// written, so that a story in one language stays so.
app.use(express.json({ limit: "50mb" }));
app.use((request, response, next) => {
  const params = request.body && request.body.params;
  if (request.body.action === "persistEntry" && params && Array.isArray(params.dataFiles)) {
    params.dataFiles = params.dataFiles.filter((file) => String(file.raw || "").trim() !== "");
  }
  next();
});
registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || "warn" }).then(() => {
  const server = app.listen(port, "127.0.0.1");
  // Asked to stop (the desk restarts or ends): a save under way is finished first, for at
  // most a few seconds; Decap writes each file in place, and a cut save would cut a story.
  process.on("SIGTERM", () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 3000).unref();
  });
});
