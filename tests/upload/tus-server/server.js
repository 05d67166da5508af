// The official tus server (@tus/server + @tus/file-store) as Sohoa's upload
// tests and benchmarks run it: verifies each record's sha256 when it finishes.
//
// Environment:
//   TUS_DATA_DIR  folder for uploads (files/) and the ledger (finished.jsonl)
//   TUS_PORT      port to listen on, 0 for a free one (default 0)
//   TUS_TOKEN     if set, every request must carry "Authorization: Bearer <token>"
//   TUS_MAX_SIZE  largest accepted upload in bytes (default 1 GiB)
//   TUS_LOCATION_BASE  if set, new uploads' Location is <base>/files/<id> (a hostile
//                 server sending the client elsewhere)
//   TUS_REDIRECT_PATH, TUS_REDIRECT_TO  if set, a request whose path starts with
//                 TUS_REDIRECT_PATH is answered 307 to TUS_REDIRECT_TO + the rest of the path
//
// Prints "LISTENING <port>" on stdout once ready.

import { createHash } from "node:crypto";
import { createReadStream, appendFileSync, mkdirSync, readFileSync, existsSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { Server } from "@tus/server";
import { FileStore } from "@tus/file-store";

const dataDir = process.env.TUS_DATA_DIR || "./data";
const filesDir = path.join(dataDir, "files");
const ledger = path.join(dataDir, "finished.jsonl");
const token = process.env.TUS_TOKEN || "";
const maxSize = Number(process.env.TUS_MAX_SIZE || 1024 * 1024 * 1024);
const locationBase = process.env.TUS_LOCATION_BASE || "";
const redirectPath = process.env.TUS_REDIRECT_PATH || "";
const redirectTo = process.env.TUS_REDIRECT_TO || "";
mkdirSync(filesDir, { recursive: true });

const REQUIRED = ["filename", "sha256"];

function sha256Of(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")))
      .on("error", reject);
  });
}

// The shas already handed on, so a second copy of a record is seen, not
// handed on twice (the ledger survives server restarts).
function handedOn() {
  const seen = new Set();
  if (!existsSync(ledger)) return seen;
  for (const line of readFileSync(ledger, "utf-8").split("\n")) {
    if (!line.trim()) continue;
    const entry = JSON.parse(line);
    if (entry.ok) seen.add(entry.sha256);
  }
  return seen;
}

const store = new FileStore({ directory: filesDir });

const server = new Server({
  path: "/files",
  datastore: store,
  maxSize,
  ...(locationBase ? { generateUrl: (req, { id }) => `${locationBase}/files/${id}` } : {}),
  async onIncomingRequest(req) {
    if (token && req.headers.get("authorization") !== `Bearer ${token}`) {
      throw { status_code: 401, body: "Unauthorized\n" };
    }
  },
  async onUploadCreate(req, upload) {
    const meta = upload.metadata || {};
    for (const key of REQUIRED) {
      if (!meta[key]) {
        throw { status_code: 400, body: `Upload-Metadata lacks ${key}\n` };
      }
    }
    if (!/^[0-9a-f]{64}$/.test(meta.sha256)) {
      throw { status_code: 400, body: "Upload-Metadata sha256 is not a sha256\n" };
    }
    return {};
  },
  async onUploadFinish(req, upload) {
    const file = path.join(filesDir, upload.id);
    const actual = await sha256Of(file);
    const expected = upload.metadata?.sha256;
    if (actual !== expected) {
      // A corrupt upload is removed so that the client's next HEAD gets a
      // 404 and it starts afresh, instead of seeing a "complete" upload.
      await store.remove(upload.id);
      appendFileSync(ledger, JSON.stringify({ id: upload.id, sha256: expected, actual, ok: false }) + "\n");
      throw { status_code: 460, body: "Checksum Mismatch\n" };
    }
    const duplicate = handedOn().has(actual);
    appendFileSync(
      ledger,
      JSON.stringify({
        id: upload.id,
        sha256: actual,
        size: upload.size,
        filename: upload.metadata.filename,
        dossier: upload.metadata.dossier_code || null,
        ok: true,
        duplicate,
      }) + "\n",
    );
    return {};
  },
});

const httpServer = createServer((req, res) => {
  if (redirectPath && req.url.startsWith(redirectPath)) {
    res.writeHead(307, { Location: redirectTo + req.url.slice(redirectPath.length) });
    res.end();
    return;
  }
  server.handle(req, res);
});
httpServer.listen({ host: "127.0.0.1", port: Number(process.env.TUS_PORT || 0) });
httpServer.on("listening", () => {
  process.stdout.write(`LISTENING ${httpServer.address().port}\n`);
});
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => httpServer.close(() => process.exit(0)));
}
