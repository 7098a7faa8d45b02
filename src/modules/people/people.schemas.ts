// Input rules for councils and people, with the messages people see.
import { isRole, ROLES, type Role } from "../../domain/roles.ts";

import type { FieldProblem } from "../../platform/errors.ts";

export interface NewCouncil {
  code: string;
  name: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: Role[];
}

export function parseNewCouncil(input: { code?: unknown; name?: unknown }): { value: NewCouncil; problems: FieldProblem[] } {
  const code = String(input.code ?? "")
    .trim()
    .toUpperCase();
  const name = String(input.name ?? "").trim();
  const problems: FieldProblem[] = [];
  if (!/^[A-Z0-9-]{2,20}$/.test(code)) {
    problems.push({ field: "code", message: "Council code must be 2 to 20 letters, numbers or hyphens, like DEMO or E06000033" });
  }
  if (!name) problems.push({ field: "name", message: "Enter the council's name" });
  else if (name.length > 200) problems.push({ field: "name", message: "Council name must be 200 characters or fewer" });
  return { value: { code, name }, problems };
}

export function parseNewUser(input: { email?: unknown; displayName?: unknown; password?: unknown; roles?: unknown }): {
  value: NewUser;
  problems: FieldProblem[];
} {
  const email = String(input.email ?? "")
    .trim()
    .toLowerCase();
  const displayName = String(input.displayName ?? "").trim();
  const password = String(input.password ?? "");
  const rawRoles = Array.isArray(input.roles)
    ? input.roles.map(String)
    : String(input.roles ?? "")
        .split(",")
        .map((r) => r.trim())
        .filter(Boolean);
  const problems: FieldProblem[] = [];
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    problems.push({ field: "email", message: "Enter an email address in the correct format, like name@example.gov.uk" });
  else if (email.length > 254) problems.push({ field: "email", message: "Email address must be 254 characters or fewer" });
  if (!displayName) problems.push({ field: "displayName", message: "Enter the person's full name" });
  else if (displayName.length > 200) problems.push({ field: "displayName", message: "Name must be 200 characters or fewer" });
  if (password.length < 12) problems.push({ field: "password", message: "Password must be at least 12 characters" });
  else if (password.length > 1000) problems.push({ field: "password", message: "Password must be 1,000 characters or fewer" });
  const unknown = rawRoles.filter((r) => !isRole(r));
  if (rawRoles.length === 0) problems.push({ field: "roles", message: `Give at least one role: ${ROLES.join(", ")}` });
  else if (unknown.length) problems.push({ field: "roles", message: `Unknown role "${unknown[0]}": use ${ROLES.join(", ")}` });
  return { value: { email, displayName, password, roles: [...new Set(rawRoles.filter(isRole))] }, problems };
}
