// The statutory clock's public API, for the command line, the JSON API and the calculator page.
// One path for all three: evaluateCalculatorRequest(json, { today }) validates and calculates.

export { englandAndWalesCalendar, type WorkingDayCalendar } from "../bank-holidays.ts";
export { formatDate } from "../dates.ts";
export { nextPhaseTransfer, schoolYear } from "../school-year.ts";
export {
  type CalculatorOptions,
  type CalculatorResult,
  calculateDeadlines,
  DEADLINE_STATUSES,
  type Deadline,
  type DeadlineStatus,
  type EvaluateOptions,
  type EvaluateResult,
  evaluateCalculatorRequest,
  hasTwentyWeekException,
} from "./calculator.ts";
export { type CalculatorEvents, type CalculatorInput, EVENT_FIELDS, type InputError, parseCalculatorInput } from "./input.ts";
export { DEADLINE_KEYS, type DeadlineDescription, type DeadlineKey, describeDeadline, STATUTORY_RULES } from "./rules.ts";
