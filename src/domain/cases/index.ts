// Statutory casework's pure rules (SPEC B1-B6): identifiers, the case record, the clock on a
// case, monitoring visits, worklists, the WSOA register and the demo caseload. No I/O and no
// clock: "today", the calendar and the council's closures are parameters.

export {
  type CaseClock,
  type CaseClockOptions,
  type CaseDeadline,
  caseCalculatorInput,
  caseClock,
  caseDeadlines,
  comingPhaseTransfer,
  currentPlacements,
  currentPlan,
  currentRequest,
  deadlineSentence,
  isOpen,
  monitoringVisitDue,
  OPEN_STATUSES,
  openPeriodOn,
  requestInProgress,
  reviewsOf,
  settingInWords,
  statusInWords,
  VISIT_INTERVAL_MONTHS,
  type VisitDue,
  type VisitStatus,
} from "./case-clock.ts";
export {
  formatNhsNumber,
  type IdentifierResult,
  isTemporaryUpn,
  nhsCheckDigit,
  UPN_ALPHABET,
  ulnCheckDigit,
  upnCheckLetter,
  validateNhsNumber,
  validateUln,
  validateUpn,
} from "./identifiers.ts";
export * from "./types.ts";
export {
  caseStage,
  childName,
  REGISTER_COLUMNS,
  type RegisterRow,
  registerCells,
  registerRows,
  WORKLIST_TITLES,
  WORKLISTS,
  type WorklistName,
  type WorklistOptions,
  type WorklistRow,
  worklistCounts,
  worklistsFor,
} from "./worklists.ts";
