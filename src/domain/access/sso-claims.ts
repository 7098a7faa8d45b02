// What an OpenID Connect sign-in (Microsoft Entra ID) may do, decided from the ID token's claims
// (issue 12). Pure: no I/O. People are keyed by (tid, oid): `tid` must be the council's tenant, and
// `oid` is the person's immutable id in it; `preferred_username` is mutable and never authorises
// (Microsoft identity platform, ID token claims reference). Roles come from app roles (`roles`), or
// from groups the council maps, never from anything the person can change.
import { isRole, type Role } from "../roles.ts";

/** The app role values a council assigns in Entra ID (Enterprise applications → Users and groups). */
export const APP_ROLE_VALUES: Record<string, Role> = {
  "SEND.Admin": "administrator",
  "SEND.Manager": "send_manager",
  "SEND.Caseworker": "caseworker",
  "SEND.ImprovementLead": "improvement_lead",
  "SEND.BoardMember": "board_member",
  "SEND.Councillor": "councillor",
  // A parent carer forum's or partner's representative (a guest account in the council's tenant).
  "SEND.Partner": "partner",
  // A health or social care colleague who grades the plan quality audits assigned to them.
  "SEND.QualityAuditor": "quality_auditor",
};

export interface CouncilSso {
  tenantId: string;
  /** Entra group object id to one of our roles. */
  groupRoles: Record<string, string>;
}

export type SsoVerdict =
  | { outcome: "accepted"; oid: string; email: string | undefined; displayName: string; roles: Role[] }
  | { outcome: "refused"; reason: "wrong-tenant" | "no-person-id" | "no-role" | "group-overage"; words: string };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

export function judgeClaims(claims: Record<string, unknown>, council: CouncilSso): SsoVerdict {
  if (claims.tid !== council.tenantId) {
    return { outcome: "refused", reason: "wrong-tenant", words: "Your account belongs to another organisation's directory, not this council's" };
  }
  const oid = typeof claims.oid === "string" && claims.oid.length <= 200 ? claims.oid : "";
  if (!oid) return { outcome: "refused", reason: "no-person-id", words: "Your council's sign-in did not say who you are (no object id)" };
  const roles = new Set<Role>();
  for (const value of strings(claims.roles)) {
    const role = APP_ROLE_VALUES[value];
    if (role) roles.add(role);
  }
  for (const group of strings(claims.groups)) {
    const role = council.groupRoles[group];
    if (role && isRole(role)) roles.add(role);
  }
  if (roles.size === 0) {
    // Over 200 groups Entra sends a pointer to Microsoft Graph instead of the list: we do not follow it.
    const overage = claims.hasgroups === true || JSON.stringify(claims._claim_names ?? {}).includes("groups");
    if (overage)
      return {
        outcome: "refused",
        reason: "group-overage",
        words: "You are in too many groups for your roles to be read. Ask your council's IT team to give you an app role for this service",
      };
    return {
      outcome: "refused",
      reason: "no-role",
      words: "Your account has no role for this service. Ask your council's IT team to assign you one",
    };
  }
  const email = typeof claims.email === "string" ? claims.email.toLowerCase() : undefined;
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 200) : (email ?? "Unnamed person");
  return { outcome: "accepted", oid, email, displayName: name, roles: [...roles] };
}
