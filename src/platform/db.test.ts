// What `npm start` says about where the data is: never the login or password of DATABASE_URL.
import assert from "node:assert/strict";
import { test } from "node:test";
import { describeTarget } from "./db.ts";

test("PostgreSQL is named by server and database, without the login or password", () => {
  const text = describeTarget({ kind: "postgres", url: "postgres://send_app:s3cret-Pa55@db.example:5433/send_oversight?sslmode=require" });
  assert.equal(text, "PostgreSQL at db.example:5433, database send_oversight");
  assert.ok(!text.includes("s3cret") && !text.includes("send_app"));
});

test("the embedded database is named by its folder", () => {
  assert.equal(describeTarget({ kind: "pglite", dataDir: "/srv/send/data" }), "the embedded database in /srv/send/data");
  assert.equal(describeTarget({ kind: "pglite", dataDir: null }), "an embedded database in memory");
});

test("a connection string that is not a URL is not echoed", () => {
  assert.equal(describeTarget({ kind: "postgres", url: "host=db user=x password=y" }), "PostgreSQL (DATABASE_URL)");
});
