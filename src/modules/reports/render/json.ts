// JSON: the report model itself, a contract for other tools (see report-model.ts for its shape).
import type { Report } from "../report-model.ts";

export function renderJson(report: Report): Buffer {
  return Buffer.from(`${JSON.stringify(report, null, 2)}\n`, "utf8");
}
