// Improvement plans' pure rules (SPEC A3-A8): status schemes, timescales, history and direction
// of travel, checks for leads, and committee summaries. No I/O and no clock: dates are parameters.

export { type ActionCheckInput, type ActionFlag, type ActionFlagCode, checkAction } from "./checks.ts";
export { compareUpdates, directionBetween, directionOfTravel, latestUpdate, sortUpdates, statusAsAt } from "./history.ts";
export {
  BUILT_IN_SCHEMES,
  FIVE_LEVEL,
  type FieldProblem,
  FOUR_STATE,
  findScheme,
  NOT_YET_RATED,
  phraseOf,
  RAG_BLUE,
  type SchemeValidation,
  STATUS_COLOURS,
  statusOf,
  UNRECOGNISED,
  validateCustomScheme,
} from "./schemes.ts";
export {
  committeeSentence,
  roundedPercent,
  type StatusSummary,
  type SummaryRow,
  summarise,
  type WsoaInput,
  type WsoaTable,
  type WsoaTableRow,
  wsoaTable,
} from "./summaries.ts";
export { parseTimescale, type TimescaleContext, type TimescaleResult } from "./timescales.ts";
export type * from "./types.ts";
