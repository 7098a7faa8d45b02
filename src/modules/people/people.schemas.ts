// Input rules for councils and people, with the messages people see.

import { passwordProblem } from "../../domain/access/password-policy.ts";
import { isRole, ROLES, type Role } from "../../domain/roles.ts";
import type { FieldProblem } from "../../platform/errors.ts";
import { type FormField, readForm } from "../../platform/forms.ts";

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
  const weak = passwordProblem(password, { email, displayName });
  if (weak) problems.push({ field: "password", message: weak });
  const unknown = rawRoles.filter((r) => !isRole(r));
  if (rawRoles.length === 0) problems.push({ field: "roles", message: `Give at least one role: ${ROLES.join(", ")}` });
  else if (unknown.length) problems.push({ field: "roles", message: `Unknown role "${unknown[0]}": use ${ROLES.join(", ")}` });
  return { value: { email, displayName, password, roles: [...new Set(rawRoles.filter(isRole))] }, problems };
}

// ---- People on pages (issue 12) ------------------------------------------------------------------

export const INVITE_FIELDS: readonly FormField[] = [
  { kind: "text", name: "displayName", label: "Full name" },
  { kind: "text", name: "email", label: "Email address" },
];

/** The roles ticked on a form: one value or several of the same field, each a known role. */
export function readRoles(value: unknown): { roles: Role[]; problems: FieldProblem[] } {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  if (values.some((v) => typeof v !== "string")) return { roles: [], problems: [{ field: "roles", message: "Roles must be sent as text" }] };
  const unknown = (values as string[]).find((r) => !isRole(r));
  if (unknown !== undefined) return { roles: [], problems: [{ field: "roles", message: "Roles: choose from the roles given" }] };
  if (values.length === 0) return { roles: [], problems: [{ field: "roles", message: "Select at least one role" }] };
  return { roles: [...new Set(values as Role[])], problems: [] };
}

export function parseInvite(body: unknown): { value: { email: string; displayName: string; roles: Role[] }; problems: FieldProblem[] } {
  const { values, problems } = readForm(body, INVITE_FIELDS, ["roles"]);
  const email = (values.email ?? "").trim().toLowerCase();
  const displayName = (values.displayName ?? "").trim();
  if (!displayName) problems.push({ field: "displayName", message: "Enter the person's full name" });
  else if (displayName.length > 200) problems.push({ field: "displayName", message: "Full name must be 200 characters or fewer" });
  if (!email) problems.push({ field: "email", message: "Enter the person's email address" });
  else if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    problems.push({ field: "email", message: "Enter an email address in the correct format, like name@example.gov.uk" });
  const source = body && typeof body === "object" && Object.hasOwn(body, "roles") ? (body as Record<string, unknown>).roles : undefined;
  const roles = readRoles(source);
  problems.push(...roles.problems);
  return { value: { email, displayName, roles: roles.roles }, problems };
}

export function parseRoles(body: unknown): { roles: Role[]; problems: FieldProblem[] } {
  const { problems } = readForm(body, [], ["roles"]);
  const source = body && typeof body === "object" && Object.hasOwn(body, "roles") ? (body as Record<string, unknown>).roles : undefined;
  const roles = readRoles(source);
  return { roles: roles.roles, problems: [...problems, ...roles.problems] };
}

/** A form whose only field is a confirmation the person ticked or pressed ("yes"). */
export function parseConfirmation(body: unknown, label: string): FieldProblem[] {
  const { values, problems } = readForm(body, [{ kind: "text", name: "confirm", label }]);
  if (values.confirm !== "yes") problems.push({ field: "confirm", message: label });
  return problems;
}

export function parseNewPassword(body: unknown, person: { email: string; displayName: string }): { password: string; problems: FieldProblem[] } {
  const { values, problems } = readForm(body, [
    { kind: "text", name: "password", label: "New password" },
    { kind: "text", name: "confirmPassword", label: "Confirm new password" },
  ]);
  const password = values.password ?? "";
  const problem = passwordProblem(password, person);
  if (!password) problems.push({ field: "password", message: "Enter a new password" });
  else if (problem) problems.push({ field: "password", message: problem });
  else if ((values.confirmPassword ?? "") !== password)
    problems.push({ field: "confirmPassword", message: "The passwords do not match: type the same password twice" });
  return { password, problems };
}
