// School year and phase transfer from a date of birth (Education Act 1996 s8, SEND Regulations 2014 reg 18).
// Academic year Y/Y+1 starts on 1 September Y. A child born 1 September (Y-5) to 31 August (Y-4)
// is in Reception in Y/Y+1. Year 6 moves to secondary school on 1 September of the following
// calendar year; Year 11 moves to post-16. Councils with infant/junior or middle schools record
// the transfer year on the plan, which always overrides what is worked out here.

import { type DayNumber, type IsoDate, partsFromDayNumber, toDayNumber } from "./dates.ts";

/** The Y of academic year Y/Y+1 that contains a date. */
export function academicYearOf(date: IsoDate): number {
  return academicYearOfDayNumber(toDayNumber(date));
}

export function academicYearOfDayNumber(dayNumber: DayNumber): number {
  const { year, month } = partsFromDayNumber(dayNumber);
  return month >= 9 ? year : year - 1;
}

/** "2025/26" for 2025. */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/** The calendar year in which a child starts Reception (in September). */
export function receptionStartYear(dateOfBirth: IsoDate): number {
  return academicYearOf(dateOfBirth) + 5;
}

/** National curriculum year group: 0 is Reception, 1 to 13 are Years 1 to 13, negative is before Reception. */
export function yearGroupOn(dateOfBirth: IsoDate, on: IsoDate): number {
  return academicYearOf(on) - receptionStartYear(dateOfBirth);
}

export function yearGroupLabel(yearGroup: number): string {
  if (yearGroup < 0) return "early years (before Reception)";
  if (yearGroup === 0) return "Reception";
  if (yearGroup <= 13) return `Year ${yearGroup}`;
  return "beyond Year 13";
}

export interface SchoolYear {
  academicYear: string;
  yearGroup: number;
  label: string;
}

/** The child's school year on a date: { academicYear: "2025/26", yearGroup: 5, label: "Year 5" }. */
export function schoolYear(dateOfBirth: IsoDate, on: IsoDate): SchoolYear {
  const yearGroup = yearGroupOn(dateOfBirth, on);
  return { academicYear: academicYearLabel(academicYearOf(on)), yearGroup, label: yearGroupLabel(yearGroup) };
}

export type PhaseTransferKind = "school" | "post16";

export interface PhaseTransfer {
  /** "school" for Regs 18(1)(b) transfers, "post16" for secondary to post-16 (Regs 18(1)(a)). */
  kind: PhaseTransferKind;
  /** Calendar year of transfer: the child moves on 1 September of this year. */
  transferYear: number;
  from: string;
  to: string;
}

/** The standard phase transfers for a date of birth (no infant/junior or middle schools). */
export function standardPhaseTransfers(dateOfBirth: IsoDate): PhaseTransfer[] {
  const reception = receptionStartYear(dateOfBirth);
  return [
    { kind: "school", transferYear: reception, from: "early years", to: "Reception" },
    { kind: "school", transferYear: reception + 7, from: "Year 6 (primary school)", to: "Year 7 (secondary school)" },
    { kind: "post16", transferYear: reception + 12, from: "Year 11 (secondary school)", to: "post-16" },
  ];
}

/**
 * The next phase transfer that has not happened by `asOf` (the move is on 1 September of the
 * transfer year), optionally of one kind. Undefined when none is left.
 */
export function nextPhaseTransfer(dateOfBirth: IsoDate, asOf: IsoDate, kind?: PhaseTransferKind): PhaseTransfer | undefined {
  // The move happens on 1 September; from that day the transfer is in the past.
  const earliestYear = academicYearOfDayNumber(toDayNumber(asOf)) + 1;
  for (const transfer of standardPhaseTransfers(dateOfBirth)) {
    if (transfer.transferYear >= earliestYear && (kind === undefined || transfer.kind === kind)) return transfer;
  }
  return undefined;
}
