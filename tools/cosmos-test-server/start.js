#!/usr/bin/env node
// A local Cosmos DB SQL-API server for SalesBot's tests: @vercel/cosmosdb-server over HTTPS on
// 127.0.0.1 with a fresh self-signed certificate (the one shipped in the package expired in 2021).
//
//   node start.js [--port N] [--exit-with-stdin]
//
// --port 0 (the default) lets the OS choose a free port; the chosen one is in the "listening" line.
// --exit-with-stdin stops the server when stdin closes, so a crashed test run leaves no orphan.
// Prints exactly one line "cosmos-test-server listening on https://127.0.0.1:<port>/" when ready;
// exits non-zero with a "cosmos-test-server failed: <reason>" line when it cannot start.
"use strict";

const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

function fail(reason) {
  console.error(`cosmos-test-server failed: ${reason}`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { port: 0, exitWithStdin: false };
  for (let i = 0; i < argv.length; i += 1) {
    switch (argv[i]) {
      case "--port": {
        const port = Number.parseInt(argv[++i] ?? "", 10);
        if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port needs a number 0-65535, got "${argv[i]}"`);
        args.port = port;
        break;
      }
      case "--exit-with-stdin":
        args.exitWithStdin = true;
        break;
      default:
        fail(`unknown argument "${argv[i]}" (usage: node start.js [--port N] [--exit-with-stdin])`);
    }
  }
  return args;
}

// Node can make key pairs but not X.509 certificates, so openssl signs one. It lives one day:
// the server is started per test run.
function selfSignedCertificate() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cosmos-test-server-"));
  const keyFile = path.join(dir, "key.pem");
  const certFile = path.join(dir, "cert.pem");
  try {
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
      "-subj", "/CN=localhost",
      "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
      "-keyout", keyFile, "-out", certFile,
    ], { stdio: ["ignore", "ignore", "pipe"] });
    return { key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile) };
  } catch (err) {
    if (err.code === "ENOENT") fail("openssl is not installed (apt-get install openssl)");
    fail(`openssl could not make a certificate: ${String(err.stderr || err.message).trim()}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return undefined;
}

// The server answers a point read of a missing item with 500 (it reads a property of the missing
// document while checking its partition key). Cosmos DB says 404, which stores rely on for "not found";
// wrap that one handler before the routes table captures it.
function answerMissingItemsWith404() {
  const handler = require("@vercel/cosmosdb-server/lib/handler/read-document");
  const original = handler.default;
  handler.default = (account, req, res, params) => {
    try {
      return original(account, req, res, params);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err;
      res.statusCode = 404;
      return { code: "NotFound", message: "Entity with the specified id does not exist in the system." };
    }
  };
}

// Resource ids are base64 and the server puts them in paths unescaped. A database or container whose
// number encodes to an id holding "/" (the 63rd database, for one) cannot be reached by id: the SDK's
// partition-key-range lookups then fail with 404 "stale cache". Real Cosmos DB never issues such ids,
// so skip the numbers that would.
function issueOnlyPathSafeResourceIds() {
  for (const module of ["databases", "collections"]) {
    const kind = require(`@vercel/cosmosdb-server/lib/account/${module}`).default;
    const original = kind.prototype._rid;
    kind.prototype._rid = function safeRid(id) {
      this._safeRids ??= new Map();
      if (!this._safeRids.has(id)) {
        let n = this._lastSafeNumber ?? 0;
        let rid;
        do {
          n += 1;
          rid = original.call(this, n);
        } while (/[/+]/.test(rid));
        this._lastSafeNumber = n;
        this._safeRids.set(id, rid);
      }
      return this._safeRids.get(id);
    };
  }
}

function loadServer() {
  try {
    answerMissingItemsWith404();
    issueOnlyPathSafeResourceIds();
    return require("@vercel/cosmosdb-server").createHttpsServer;
  } catch (err) {
    fail(`@vercel/cosmosdb-server is not installed; run "npm ci" in ${__dirname} (${err.message})`);
  }
  return undefined;
}

const args = parseArgs(process.argv.slice(2));
const createHttpsServer = loadServer();
const server = createHttpsServer({ ...selfSignedCertificate(), keepAlive: true });

server.on("error", (err) => fail(`cannot listen on 127.0.0.1:${args.port}: ${err.message}`));
server.listen(args.port, "127.0.0.1", () => {
  console.log(`cosmos-test-server listening on https://127.0.0.1:${server.address().port}/`);
});

function stop() {
  server.close(() => process.exit(0));
  // Keep-alive sockets would hold close() open; the data is in memory and disposable anyway.
  setTimeout(() => process.exit(0), 500).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
if (args.exitWithStdin) {
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
