// Reading GOV.UK form patterns from a request body.

/** A GOV.UK date input's parts (`prefix-day`, `-month`, `-year`) as YYYY-MM-DD, "" when all are empty, "invalid" otherwise. */
export function dateFromParts(body: Record<string, unknown>, prefix: string): string {
  const part = (p: string) => (typeof body[`${prefix}-${p}`] === "string" ? (body[`${prefix}-${p}`] as string).trim() : "");
  const [day, month, year] = [part("day"), part("month"), part("year")];
  if (!day && !month && !year) return "";
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "invalid";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}
