import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { judgeClaims } from "./sso-claims.ts";

const council = { tenantId: "tenant-a", groupRoles: { "group-caseworkers": "caseworker" } };
const claims = { tid: "tenant-a", oid: "oid-1", name: "Sam Jones", email: "Sam@Council.example", roles: ["SEND.Manager"] };

describe("single sign-on claims (Entra ID)", () => {
  test("app roles and mapped groups become our roles; the email is lower-cased", () => {
    assert.deepEqual(judgeClaims({ ...claims, groups: ["group-caseworkers", "group-unknown"] }, council), {
      outcome: "accepted",
      oid: "oid-1",
      email: "sam@council.example",
      displayName: "Sam Jones",
      roles: ["send_manager", "caseworker"],
    });
  });

  test("the SEND.Partner app role makes a partner (a forum's representative)", () => {
    const verdict = judgeClaims({ ...claims, roles: ["SEND.Partner"] }, council);
    assert.deepEqual(verdict.outcome === "accepted" ? verdict.roles : verdict, ["partner"]);
  });

  test("another tenant, no oid, no role and a group overage are refused", () => {
    assert.equal(judgeClaims({ ...claims, tid: "tenant-b" }, council).outcome, "refused");
    assert.deepEqual(
      [
        judgeClaims({ ...claims, tid: "tenant-b" }, council),
        judgeClaims({ ...claims, oid: undefined }, council),
        judgeClaims({ ...claims, roles: ["Some.Other.App"] }, council),
        judgeClaims({ ...claims, roles: undefined, _claim_names: { groups: "src1" } }, council),
      ].map((v) => (v.outcome === "refused" ? v.reason : v.outcome)),
      ["wrong-tenant", "no-person-id", "no-role", "group-overage"],
    );
  });
});
