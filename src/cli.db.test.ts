// The command line against a real embedded database in a folder of its own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { cliRunner } from "./platform/testing/cli.ts";

const { run } = cliRunner({ today: "2026-11-24", name: "cli" });

test("--help lists the commands", async () => {
  const { code, stdout } = await run(["--help"]);
  assert.equal(code, 0);
  for (const command of ["migrate", "seed", "users create", "deadlines"]) assert.ok(stdout.includes(command), command);
});

test("councils create, users create and seed work, and bad input is refused clearly", async () => {
  const council = await run(["councils", "create", "--code", "TST", "--name", "Test Council", "--json"]);
  assert.equal(council.code, 0, council.stderr);
  assert.equal(JSON.parse(council.stdout).code, "TST");

  const user = await run(
    ["users", "create", "--council", "TST", "--email", "Pat@Test.example", "--name", "Pat Test", "--roles", "caseworker,send_manager", "--json"],
    {
      stdin: "a very long password\n",
    },
  );
  assert.equal(user.code, 0, user.stderr);
  const created = JSON.parse(user.stdout);
  assert.equal(created.email, "pat@test.example");
  assert.deepEqual(created.roles, ["caseworker", "send_manager"]);
  assert.equal(created.password_hash, undefined);

  const bad = await run(["users", "create", "--council", "TST", "--email", "nope", "--name", "", "--roles", "wizard"], { stdin: "short" });
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /email: Enter an email address in the correct format/);
  assert.match(bad.stderr, /roles: Unknown role "wizard"/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);

  const noCouncil = await run(["users", "create", "--council", "XXX", "--email", "a@b.example", "--name", "A", "--roles", "caseworker"], {
    stdin: "long enough password",
  });
  assert.equal(noCouncil.code, 1);
  assert.match(noCouncil.stderr, /No council has the code "XXX"/);

  const closure = await run([
    "closures",
    "add",
    "--council",
    "TST",
    "--description",
    "Summer holiday 2026",
    "--from",
    "2026-07-22",
    "--reopens",
    "2026-09-02",
    "--json",
  ]);
  assert.equal(closure.code, 0, closure.stderr);
  const listed = await run(["closures", "list", "--council", "TST", "--json"]);
  assert.deepEqual(
    JSON.parse(listed.stdout).map((c: { description: string }) => c.description),
    ["Summer holiday 2026"],
  );
  const badClosure = await run(["closures", "add", "--council", "TST", "--description", "Oops", "--from", "2026-02-30", "--reopens", "2026-09-02"]);
  assert.equal(badClosure.code, 1);
  assert.match(badClosure.stderr, /from: The first day closed must be a real date/);

  const seed = await run(["seed", "--json"]);
  assert.deepEqual(JSON.parse(seed.stdout), { created: true, council: "DEMO" });
  // The plan commands' JSON is a contract other tools rely on.
  const plans = JSON.parse((await run(["plans", "list", "--json"])).stdout) as { id: string; title: string; type: string; externalId: string }[];
  assert.ok(plans.length >= 2);
  for (const plan of plans) assert.ok(plan.id && plan.title && plan.type);
  const summary = await run(["plans", "summary", "southend-peer-review-2022", "--as-of", "2022-03-15", "--json"]);
  assert.equal(summary.code, 0, summary.stderr);
  const parsed = JSON.parse(summary.stdout);
  assert.deepEqual(Object.keys(parsed), ["planId", "asOf", "total", "statuses", "flags"]);
  assert.equal(parsed.asOf, "2022-03-15");
  assert.equal(parsed.planId, plans.find((p) => p.externalId === "southend-peer-review-2022")?.id);
  for (const status of parsed.statuses)
    assert.deepEqual(
      Object.keys(status).filter((k) => ["label", "count", "percent"].includes(k)),
      ["label", "count", "percent"],
    );
  for (const flag of parsed.flags) assert.ok(typeof flag.action === "string" && typeof flag.reason === "string");
  const earlier = JSON.parse((await run(["plans", "summary", parsed.planId, "--as-of", "2022-02-01", "--json"])).stdout);
  assert.notDeepEqual(earlier.statuses, parsed.statuses);
  const badDate = await run(["plans", "summary", parsed.planId, "--as-of", "2022-02-30", "--json"]);
  assert.equal(badDate.code, 1);
  assert.match(badDate.stderr, /as-of: "2022-02-30" is not a real date/);
  const missing = await run(["plans", "summary", "no-such-plan", "--json"]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /No plan "no-such-plan"/);

  const again = await run(["seed", "--json"]);
  assert.deepEqual(JSON.parse(again.stdout), { created: false, council: "DEMO" });

  const production = await run(["seed"], { env: { NODE_ENV: "production", SESSION_SECRET: "x".repeat(40) } });
  assert.equal(production.code, 2);
  assert.match(production.stderr, /refused when NODE_ENV=production/);

  const unknown = await run(["frobnicate"]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command "frobnicate"/);
});

test("sso set stores a council's identity provider (no secret), and refuses bad settings clearly", async () => {
  const set = await run([
    "sso",
    "set",
    "--council",
    "TST",
    "--issuer",
    "https://login.microsoftonline.com/tenant-1/v2.0",
    "--client-id",
    "client-1",
    "--tenant-id",
    "tenant-1",
    "--json",
  ]);
  assert.equal(set.code, 0, set.stderr);
  assert.deepEqual(JSON.parse(set.stdout), {
    council: "TST",
    issuer: "https://login.microsoftonline.com/tenant-1/v2.0",
    clientId: "client-1",
    tenantId: "tenant-1",
    admitUninvited: false,
    secretFromEnvironment: "OIDC_CLIENT_SECRET_TST",
  });
  // Entra groups mapped to roles on the command line (issue 12); a role that is not one is refused, naming it.
  const groups = await run([
    ...["sso", "set", "--council", "TST", "--issuer", "https://login.microsoftonline.com/tenant-1/v2.0"],
    ...["--client-id", "client-1", "--tenant-id", "tenant-1", "--group", "1111-aaaa=caseworker", "--group", "2222-bbbb=partner", "--json"],
  ]);
  assert.equal(groups.code, 0, groups.stderr);
  assert.deepEqual(JSON.parse(groups.stdout).groupRoles, { "1111-aaaa": "caseworker", "2222-bbbb": "partner" });
  const badGroup = await run([
    ...["sso", "set", "--council", "TST", "--issuer", "https://login.microsoftonline.com/tenant-1/v2.0"],
    ...["--client-id", "client-1", "--tenant-id", "tenant-1", "--group", "3333-cccc=wizard", "--group", "no role"],
  ]);
  assert.equal(badGroup.code, 1);
  assert.match(badGroup.stderr, /Group 3333-cccc: "wizard" is not a role/);
  assert.match(badGroup.stderr, /Group "no role" must be the group's object id/);
  const bad = await run(["sso", "set", "--council", "TST", "--issuer", "http://idp.example", "--client-id", "a b", "--tenant-id", ""]);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /issuer: Issuer must start with https:\/\//);
  assert.match(bad.stderr, /clientId: Client id must be/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});
