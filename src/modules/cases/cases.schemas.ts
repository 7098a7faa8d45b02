// Registering a child (SPEC B1): identity, identifiers checked by their check algorithms
// (DfE common basic data set for the UPN and ULN, NHS modulus 11 for the NHS number), needs with SEN2 codes. Each problem names its field.

import { validateNhsNumber, validateUln, validateUpn } from "../../domain/cases/identifiers.ts";
import { type Child, NEED_CODES, type NeedCode, SEXES, type Sex } from "../../domain/cases/types.ts";
import { isIsoDate } from "../../domain/dates.ts";
import type { FieldProblem } from "../../platform/errors.ts";
import { dateFromParts, type FormField, readForm } from "../../platform/forms.ts";

export function parseNewChild(
  body: Record<string, unknown>,
  today: string,
  caseworker: { id: string; name: string },
): { value: Omit<Child, "id">; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (field: string, max: number) => {
    const value = typeof body[field] === "string" ? (body[field] as string).trim() : "";
    if (value.length > max) problems.push({ field, message: `Must be ${max} characters or fewer` });
    return value.slice(0, max);
  };
  const firstName = text("firstName", 100);
  const lastName = text("lastName", 100);
  if (!firstName) problems.push({ field: "firstName", message: "Enter the child's first name" });
  if (!lastName) problems.push({ field: "lastName", message: "Enter the child's last name" });
  const dateOfBirth = typeof body.dateOfBirth === "string" ? body.dateOfBirth.trim() : dateFromParts(body, "dateOfBirth");
  if (!dateOfBirth) problems.push({ field: "dateOfBirth", message: "Enter the child's date of birth" });
  else if (!isIsoDate(dateOfBirth)) problems.push({ field: "dateOfBirth", message: "Date of birth must be a real date" });
  else if (dateOfBirth > today) problems.push({ field: "dateOfBirth", message: "Date of birth must be in the past" });
  else if (Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) > 26) {
    problems.push({ field: "dateOfBirth", message: "EHC plans are for children and young people up to 25: check the date of birth" });
  }
  const sex = text("sex", 1);
  if (!(SEXES as readonly string[]).includes(sex)) problems.push({ field: "sex", message: "Select the child's sex as recorded for the SEN2 return" });
  const ethnicity = text("ethnicity", 4).toUpperCase() || "NOBT";
  if (!/^[A-Z]{4}$/.test(ethnicity))
    problems.push({ field: "ethnicity", message: "Ethnicity is a 4-letter DfE code, like WBRI, or NOBT if not yet obtained" });
  const postcode = text("postcode", 10).toUpperCase();
  if (postcode && !/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(postcode))
    problems.push({ field: "postcode", message: "Enter a real postcode, like SS2 6ER" });

  const identifier = (field: "upn" | "uln" | "nhsNumber", validate: typeof validateUpn) => {
    const raw = text(field, 20);
    if (!raw) return undefined;
    const result = validate(raw);
    if (result.ok) return result.value;
    problems.push({ field, message: result.message });
    return undefined;
  };
  const upn = identifier("upn", validateUpn);
  const uln = identifier("uln", validateUln);
  const nhsNumber = identifier("nhsNumber", validateNhsNumber);

  const primaryNeed = text("primaryNeed", 4);
  const secondaryNeed = text("secondaryNeed", 4);
  const isNeed = (code: string): code is NeedCode => (NEED_CODES as readonly string[]).includes(code);
  if (!isNeed(primaryNeed)) problems.push({ field: "primaryNeed", message: "Select the child's primary need" });
  if (secondaryNeed && !isNeed(secondaryNeed)) problems.push({ field: "secondaryNeed", message: "Select a secondary need from the list" });
  if (secondaryNeed && secondaryNeed === primaryNeed)
    problems.push({ field: "secondaryNeed", message: "The secondary need must differ from the primary need" });
  const needs = [
    ...(isNeed(primaryNeed) ? [{ code: primaryNeed, rank: 1 }] : []),
    ...(isNeed(secondaryNeed) && secondaryNeed !== primaryNeed ? [{ code: secondaryNeed, rank: 2 }] : []),
  ];
  return {
    value: {
      firstName,
      lastName,
      dateOfBirth,
      sex: sex as Sex,
      ethnicity,
      postcode,
      ...(upn ? { upn } : {}),
      ...(uln ? { uln } : {}),
      ...(nhsNumber ? { nhsNumber } : {}),
      needs,
      caseworker,
    },
    problems,
  };
}

/**
 * The event's data from its form (or the API): only the form's own fields, each once, choices only
 * from those offered; a date typed in three boxes becomes YYYY-MM-DD. Unknown fields are refused,
 * never stored in the append-only case_event table.
 */
export function eventDataFrom(
  body: Record<string, unknown>,
  fields: readonly FormField[],
): { data: Record<string, unknown>; problems: FieldProblem[] } {
  const { values, problems } = readForm(body, fields, ["version"]);
  return { data: { ...values }, problems };
}

// ---- why a person needs to see a child's record (SPEC D1) -----------------------------------------

export const ACCESS_REASONS = {
  covering: "I am covering for the child's caseworker",
  managing: "I manage or supervise this case",
  enquiry: "I am answering an enquiry or complaint about this child",
  "data-quality": "I am checking the data, for a return or an audit",
  other: "Another reason",
} as const;

export type AccessReason = keyof typeof ACCESS_REASONS;

const ACCESS_REASON_FORM: FormField[] = [
  {
    kind: "radios",
    name: "reason",
    label: "Why do you need to see this record",
    options: Object.entries(ACCESS_REASONS).map(([value, text]) => ({ value, text })),
  },
  { kind: "textarea", name: "detail", label: "Reason" },
];

export function parseAccessReason(body: Record<string, unknown>): { value: { reason: AccessReason; detail: string }; problems: FieldProblem[] } {
  const { values, problems: unread } = readForm(body, ACCESS_REASON_FORM, ["returnTo"]);
  const reason = values.reason ?? "";
  const detail = (values.detail ?? "").trim();
  // Only the reasons offered, as own keys: "constructor" or "__proto__" is no reason (issue 12).
  const problems = unread.filter((p) => p.field !== "reason");
  if (!Object.hasOwn(ACCESS_REASONS, reason)) problems.unshift({ field: "reason", message: "Select why you need to see this record" });
  else if (reason === "other" && !detail) problems.push({ field: "detail", message: "Say why you need to see this record" });
  if (detail.length > 500) problems.push({ field: "detail", message: "The reason must be 500 characters or fewer" });
  return { value: { reason: reason as AccessReason, detail: detail.slice(0, 500) }, problems };
}
