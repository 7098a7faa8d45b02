// A realistic, repeatable caseload for a council: the demo data and the benchmarks (issue 7).
// Deterministic: the same options give the same records, byte for byte (a seeded PRNG, no clock).
//
// Shapes, from DfE "Education, health and care plans" (England, 2024-25; the figures are in
// src/domain/measures/reference):
// - ages: about 4% under 5, 34% 5-10, 36% 11-15, 21% 16-19, 5% 20-25;
// - primary need: autism (ASD) about a third, then SLCN, SEMH, MLD and SLD;
// - requests a year about a quarter of the caseload (154,489 requests to 576,474 plans in 2024),
//   about a quarter refused (38,889 of 154,489), about half of new plans late (45.9% within 20
//   weeks including exceptions, 46.4% excluding them), a few statutory exceptions;
// - about 6% placed out of the council's area, 2% residential, some home educated, awaiting
//   provision, or possibly missing education; reviews mostly on time with a fair share overdue.
// - five years of history that add up: every plan made in them has its request, plans cease and
//   requests are refused in each of them, so plans(Jan Y+1) = plans(Jan Y) + new - ceased (issue 16).
// Names are made up from lists of common first names and surnames; NHS numbers are in the
// 999 range the NHS keeps for test data; telephone numbers in the Ofcom drama range.

import { nhsCheckDigit, UPN_ALPHABET, ulnCheckDigit, upnCheckLetter } from "../../domain/cases/identifiers.ts";
import type {
  AdviceRequestRecord,
  AdviceService,
  AnnualReview,
  AssessmentRequest,
  CaseRecord,
  Caseworker,
  CeaseReason,
  Child,
  MonitoringVisit,
  Need,
  NeedCode,
  OpenPeriod,
  PhaseTransferRecord,
  Placement,
  Plan,
  PlanVersion,
  Requester,
  SettingCode,
  SettingType,
  Sex,
  StatutoryException,
} from "../../domain/cases/types.ts";
import { newCaseRecord } from "../../domain/cases/types.ts";
import { addMonthsToDayNumber, type DayNumber, fromDayNumber, type IsoDate, toDayNumber } from "../../domain/dates.ts";
import { academicYearOfDayNumber, nextPhaseTransfer } from "../../domain/school-year.ts";

export interface GenerateCaseloadOptions {
  seed: number;
  /** Children with a plan in force on `today`. */
  plans: number;
  /** Requests for assessment received in the year to `today` (default a quarter of `plans`). */
  requestsPerYear?: number;
  today: IsoDate;
  caseworkers: readonly Caseworker[];
  /** The council's 3-digit DfE LA number, used in UPNs (default 883). */
  laNumber?: number;
  /** Postcode districts of the council's area. */
  postcodeDistricts?: readonly string[];
  /** Put before every id, to keep two generated councils apart. */
  idPrefix?: string;
}

// ---- Randomness ---------------------------------------------------------------------------------

/** mulberry32: small, fast and seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = prng(seed);
  }
  /** A whole number from min to max, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }
  /** One of the values, with the given weights (they need not add up to 1). */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of table) total += weight;
    let r = this.next() * total;
    for (const [value, weight] of table) {
      r -= weight;
      if (r < 0) return value;
    }
    const last = table.at(-1);
    if (!last) throw new RangeError("weighted pick from an empty table");
    return last[0];
  }
  /** Exponentially distributed whole days with the given mean. */
  expDays(mean: number): number {
    return Math.floor(-Math.log(1 - this.next()) * mean);
  }
}

// ---- Made-up people and places ------------------------------------------------------------------

const GIRLS = [
  "Amelia",
  "Olivia",
  "Isla",
  "Ava",
  "Mia",
  "Ivy",
  "Lily",
  "Florence",
  "Freya",
  "Poppy",
  "Grace",
  "Sophia",
  "Willow",
  "Evie",
  "Ella",
  "Aisha",
  "Maryam",
  "Zara",
  "Fatima",
  "Amara",
  "Chloe",
  "Ruby",
  "Daisy",
  "Harper",
  "Sienna",
  "Phoebe",
  "Erin",
  "Imogen",
  "Layla",
  "Nia",
  "Priya",
  "Anaya",
  "Hannah",
  "Jessica",
  "Megan",
  "Leah",
  "Molly",
  "Niamh",
  "Roxanne",
  "Tia",
  "Abigail",
  "Bethany",
  "Kayla",
  "Maja",
  "Zofia",
  "Elena",
  "Chanel",
  "Keira",
  "Lacey",
  "Summer",
] as const;
const BOYS = [
  "Oliver",
  "George",
  "Noah",
  "Arthur",
  "Leo",
  "Muhammad",
  "Harry",
  "Oscar",
  "Archie",
  "Henry",
  "Theodore",
  "Freddie",
  "Jack",
  "Charlie",
  "Alfie",
  "Thomas",
  "Jacob",
  "Isaac",
  "Joshua",
  "Ethan",
  "Mason",
  "Riley",
  "Logan",
  "Tyler",
  "Kai",
  "Reuben",
  "Dylan",
  "Callum",
  "Ibrahim",
  "Yusuf",
  "Ayaan",
  "Arjun",
  "Rohan",
  "Kwame",
  "Tobi",
  "Daniel",
  "Samuel",
  "Lewis",
  "Connor",
  "Kacper",
  "Jakub",
  "Luca",
  "Mateo",
  "Jayden",
  "Kian",
  "Finley",
  "Harvey",
  "Louie",
  "Ronnie",
  "Tommy",
] as const;
const SURNAMES = [
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Patel",
  "Robinson",
  "Wright",
  "Thompson",
  "Evans",
  "Walker",
  "White",
  "Roberts",
  "Green",
  "Hall",
  "Thomas",
  "Clarke",
  "Jackson",
  "Wood",
  "Harris",
  "Edwards",
  "Turner",
  "Martin",
  "Cooper",
  "Hill",
  "Ward",
  "Hughes",
  "Moore",
  "Clark",
  "King",
  "Harrison",
  "Lewis",
  "Baker",
  "Lee",
  "Allen",
  "Morris",
  "Khan",
  "Scott",
  "Watson",
  "Davis",
  "Parker",
  "James",
  "Bennett",
  "Young",
  "Phillips",
  "Richardson",
  "Mitchell",
  "Bailey",
  "Carter",
  "Cook",
  "Singh",
  "Shaw",
  "Bell",
  "Collins",
  "Morgan",
  "Kelly",
  "Begum",
  "Miller",
  "Cox",
  "Hussain",
  "Marshall",
  "Simpson",
  "Price",
  "Anderson",
  "Adams",
  "Wilkinson",
  "Ali",
  "Ahmed",
  "Foster",
  "Ellis",
  "Murphy",
  "Chapman",
  "Mason",
  "Gray",
  "Richards",
  "Webb",
  "Griffiths",
  "Hunt",
  "Palmer",
  "Campbell",
  "Holmes",
  "Mills",
  "Rogers",
  "Barnes",
  "Knight",
  "Matthews",
  "Barker",
  "Okafor",
  "Mensah",
  "Nowak",
  "Kowalski",
  "Rahman",
  "Chowdhury",
  "Osei",
  "Adeyemi",
  "Nguyen",
  "Costa",
] as const;
const PLACE_WORDS = [
  "Oakfield",
  "Beechwood",
  "Willowbrook",
  "Hawthorn",
  "Meadowside",
  "Riverside",
  "Hillcrest",
  "Brookfield",
  "Elmwood",
  "Fernbank",
  "Kingsmead",
  "Larkrise",
  "Millfield",
  "Northgate",
  "Orchard",
  "Parkside",
  "Queensway",
  "Redwood",
  "Southfields",
  "Thornhill",
  "Westfield",
  "Woodlands",
  "Greenacres",
  "Highview",
  "Lakeside",
  "Maplehurst",
  "Ravenscroft",
  "Stonebridge",
  "Sunnyside",
  "Cedarwood",
  "Ashgrove",
  "Birchfield",
  "Churchmead",
  "Dovecote",
  "Eastbrook",
  "Foxhill",
  "Glebelands",
  "Heathside",
  "Ivydene",
  "Juniper",
  "Kestrel",
  "Linden",
  "Moorlands",
  "Newlands",
  "Oaklands",
  "Pinewood",
  "Rosewood",
  "Silverdale",
  "Tudor",
  "Valley",
] as const;
const SAINTS = ["St Mary's", "St John's", "St Peter's", "St Joseph's", "St Anne's", "Holy Trinity", "St Thomas'", "St Michael's"] as const;
const DEFAULT_DISTRICTS = ["RM15", "RM16", "RM17", "RM18", "RM19", "RM20", "SS17"] as const;
// Postcode inward letters never include C, I, K, M, O or V.
const INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ";

const ETHNICITIES: readonly (readonly [string, number])[] = [
  ["WBRI", 64],
  ["WOTH", 6],
  ["WIRI", 0.5],
  ["WROM", 0.5],
  ["MWBC", 2.5],
  ["MWBA", 1],
  ["MWAS", 1.5],
  ["MOTH", 2.5],
  ["AIND", 2.5],
  ["APKN", 3],
  ["ABAN", 1.5],
  ["AOTH", 1.5],
  ["BAFR", 4.5],
  ["BCRB", 1.5],
  ["BOTH", 0.5],
  ["CHNE", 0.3],
  ["OOTH", 2],
  ["NOBT", 3],
  ["REFU", 0.7],
];

// Primary need of children and young people with plans (DfE, EHC plans in England, rounded).
const PRIMARY_NEEDS: readonly (readonly [NeedCode, number])[] = [
  ["ASD", 32],
  ["SLCN", 20],
  ["SEMH", 15],
  ["MLD", 8],
  ["SLD", 8],
  ["PD", 4],
  ["SPLD", 3.5],
  ["PMLD", 2.5],
  ["DS", 2],
  ["HI", 2],
  ["OTH", 1.6],
  ["VI", 1],
  ["MSI", 0.4],
];

const AGE_BANDS_PLANS: readonly (readonly [[number, number], number])[] = [
  [[1, 4], 4.5],
  [[5, 10], 34],
  [[11, 15], 36],
  [[16, 19], 21.5],
  [[20, 24], 4],
];
const AGE_BANDS_REQUESTS: readonly (readonly [[number, number], number])[] = [
  [[1, 4], 24],
  [[5, 10], 42],
  [[11, 15], 24],
  [[16, 19], 8],
  [[20, 24], 2],
];

const REFUSAL_REASONS = [
  "The school's graduated approach has not yet been followed through: SEN support with the advice of the educational psychologist first.",
  "The evidence shows needs can be met from the resources normally available to mainstream schools.",
  "Not enough evidence of the support already given and the progress made; the school is asked to complete two cycles of assess, plan, do, review.",
  "Needs are being met at SEN support; the council will review with the school in the spring term.",
] as const;

const CEASE_WEIGHTS: readonly (readonly [CeaseReason, number])[] = [
  [1, 8],
  [2, 12],
  [3, 4],
  [4, 6],
  [5, 25],
  [6, 14],
  [7, 3],
  [8, 0.5],
  [9, 10],
];

// ---- Settings -----------------------------------------------------------------------------------

interface Setting {
  name: string;
  urn?: string;
  code?: SettingCode;
  type: SettingType;
  outOfAuthority: boolean;
  residential: boolean;
  independent: boolean;
  phase: "early" | "primary" | "secondary" | "all" | "post16";
}

interface SettingPools {
  early: Setting[];
  primary: Setting[];
  secondary: Setting[];
  resourcedPrimary: Setting[];
  resourcedSecondary: Setting[];
  special: Setting[];
  specialAway: Setting[];
  independent: Setting[];
  college: Setting[];
  specialistCollege: Setting[];
}

const CODED: Record<"EHE" | "NEET" | "OLA" | "NIEO", Setting> = {
  EHE: { name: "Elective home education", code: "EHE", type: "other", outOfAuthority: false, residential: false, independent: false, phase: "all" },
  NEET: {
    name: "Not in education, employment or training",
    code: "NEET",
    type: "other",
    outOfAuthority: false,
    residential: false,
    independent: false,
    phase: "post16",
  },
  OLA: {
    name: "Education otherwise than at school, arranged by the council",
    code: "OLA",
    type: "other",
    outOfAuthority: false,
    residential: false,
    independent: false,
    phase: "all",
  },
  NIEO: { name: "Not in education", code: "NIEO", type: "other", outOfAuthority: false, residential: false, independent: false, phase: "all" },
};

function buildSettings(random: Random, plans: number): SettingPools {
  const used = new Set<string>();
  const urns = new Set<string>();
  const uniqueName = (make: () => string): string => {
    for (let i = 0; i < 50; i++) {
      const name = make();
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    let n = 2;
    const base = make();
    while (used.has(`${base} ${n}`)) n++;
    used.add(`${base} ${n}`);
    return `${base} ${n}`;
  };
  const urn = (min: number, max: number): string => {
    let value = String(random.int(min, max));
    while (urns.has(value)) value = String(random.int(min, max));
    urns.add(value);
    return value;
  };
  const count = (per: number, min: number) => Math.max(min, Math.round(plans / per));
  const make = (n: number, build: () => Setting): Setting[] => Array.from({ length: n }, build);
  const place = () => random.pick(PLACE_WORDS);
  const local = { outOfAuthority: false, residential: false, independent: false };

  const primary = make(count(35, 12), () => ({
    name: uniqueName(() =>
      random.chance(0.15)
        ? `${random.pick(SAINTS)} Church of England Primary School`
        : `${place()} ${random.pick(["Primary School", "Primary Academy", "Infant and Junior School"])}`,
    ),
    urn: urn(100000, 149999),
    type: "mainstream",
    ...local,
    phase: "primary",
  }));
  const secondary = make(count(140, 5), () => ({
    name: uniqueName(() => `${place()} ${random.pick(["Academy", "School", "High School", "Community College"])}`),
    urn: urn(136000, 149999),
    type: "mainstream",
    ...local,
    phase: "secondary",
  }));
  const resourced = (from: Setting[], phase: "primary" | "secondary"): Setting[] =>
    from.slice(0, Math.max(2, Math.round(from.length / 6))).map((school) => ({
      name: `${school.name} (${phase === "primary" ? "speech and language" : "autism"} resourced provision)`,
      ...(school.urn ? { urn: school.urn } : {}),
      type: "resourced",
      ...local,
      phase,
    }));
  const special = make(count(350, 3), () => ({
    name: uniqueName(() => `${place()} ${random.pick(["School", "Academy", "Special School"])}`),
    urn: urn(100000, 149999),
    type: "special",
    ...local,
    phase: "all",
  }));
  const specialAway = make(count(500, 3), () => ({
    name: uniqueName(() => `${place()} School`),
    urn: urn(100000, 149999),
    type: "special",
    outOfAuthority: true,
    residential: false,
    independent: false,
    phase: "all",
  }));
  // Fixed shares rather than a coin per school, so a small council's pool is not lopsided.
  const independent = make(count(120, 6), () => ({
    name: uniqueName(() => `${place()} ${random.pick(["House School", "Hall School", "Park School", "Manor School", "Learning Centre"])}`),
    urn: urn(100000, 149999),
    type: "independent" as const,
    outOfAuthority: false,
    residential: false,
    independent: true,
    phase: "all" as const,
  })).map((school, i) => ({ ...school, outOfAuthority: i % 3 !== 2, residential: i % 10 < 3 }));
  const college = make(count(900, 2), () => ({
    name: uniqueName(() => `${place()} College`),
    urn: urn(10000000, 10099999),
    type: "post16",
    ...local,
    phase: "post16",
  }));
  const specialistCollege = make(count(1200, 2), () => ({
    name: uniqueName(() => `${place()} Specialist College`),
    urn: urn(10000000, 10099999),
    type: "post16" as const,
    outOfAuthority: false,
    residential: false,
    independent: true,
    phase: "post16" as const,
  })).map((college, i) => ({ ...college, outOfAuthority: i % 5 < 3, residential: i % 3 === 0 }));
  const early = make(count(100, 4), () => ({
    name: uniqueName(() => `${place()} ${random.pick(["Nursery", "Pre-School", "Day Nursery", "Children's Centre Nursery"])}`),
    code: "EYP" as const,
    type: "mainstream",
    ...local,
    phase: "early",
  }));
  return {
    early,
    primary,
    secondary,
    resourcedPrimary: resourced(primary, "primary"),
    resourcedSecondary: resourced(secondary, "secondary"),
    special,
    specialAway,
    independent,
    college,
    specialistCollege,
  };
}

// ---- The generator ------------------------------------------------------------------------------

const YEAR = 365;
/** Years of history before today in which every plan made has its request (and refusals, ceased plans). */
const HISTORY_YEARS = 5;

interface Counters {
  next(kind: string): string;
}

function counters(prefix: string): Counters {
  const n = new Map<string, number>();
  return {
    next(kind) {
      const value = (n.get(kind) ?? 0) + 1;
      n.set(kind, value);
      return `${prefix}${kind}-${String(value).padStart(6, "0")}`;
    },
  };
}

class Generator {
  readonly random: Random;
  readonly today: DayNumber;
  readonly ids: Counters;
  readonly settings: SettingPools;
  readonly usedUpns = new Set<string>();
  readonly usedNhs = new Set<string>();
  readonly usedUlns = new Set<string>();

  constructor(readonly options: GenerateCaseloadOptions) {
    this.random = new Random(options.seed);
    this.today = toDayNumber(options.today);
    this.ids = counters(options.idPrefix ?? "");
    this.settings = buildSettings(this.random, Math.max(options.plans, 200));
  }

  date(day: DayNumber): IsoDate {
    return fromDayNumber(day);
  }

  // ---- Identity ----

  upn(dateOfBirth: DayNumber): string {
    const r = this.random;
    const la = String(this.options.laNumber ?? 883).padStart(3, "0");
    // Issued when the child started school: the year they entered Reception.
    const issued = (academicYearOfDayNumber(dateOfBirth) + 5) % 100;
    for (;;) {
      const establishment = String(
        r.weighted([
          [r.int(2000, 2999), 6],
          [r.int(4000, 4999), 3],
          [r.int(7000, 7099), 1],
        ]),
      ).padStart(4, "0");
      const temporary = r.chance(0.01);
      const serial = temporary ? `${String(r.int(0, 99)).padStart(2, "0")}${r.pick([...UPN_ALPHABET])}` : String(r.int(1, 999)).padStart(3, "0");
      const body = `${la}${establishment}${String(issued).padStart(2, "0")}${serial}`;
      const upn = `${upnCheckLetter(body)}${body}`;
      if (!this.usedUpns.has(upn)) {
        this.usedUpns.add(upn);
        return upn;
      }
    }
  }

  nhsNumber(): string {
    for (;;) {
      const first = `999${String(this.random.int(0, 999999)).padStart(6, "0")}`;
      const check = nhsCheckDigit(first);
      if (check === undefined) continue;
      const nhs = `${first}${check}`;
      if (!this.usedNhs.has(nhs)) {
        this.usedNhs.add(nhs);
        return nhs;
      }
    }
  }

  uln(): string {
    for (;;) {
      const first = String(this.random.int(100000000, 999999999));
      const check = ulnCheckDigit(first);
      if (check === undefined) continue;
      const uln = `${first}${check}`;
      if (!this.usedUlns.has(uln)) {
        this.usedUlns.add(uln);
        return uln;
      }
    }
  }

  postcode(): string {
    const r = this.random;
    const district = r.pick(this.options.postcodeDistricts ?? DEFAULT_DISTRICTS);
    return `${district} ${r.int(1, 9)}${r.pick([...INWARD_LETTERS])}${r.pick([...INWARD_LETTERS])}`;
  }

  needs(age: number): Need[] {
    const r = this.random;
    const table =
      age < 5
        ? PRIMARY_NEEDS.map(([code, w]) => [code, code === "SLCN" || code === "PD" || code === "DS" || code === "PMLD" ? w * 2 : w] as const)
        : PRIMARY_NEEDS;
    const primary = r.weighted(table);
    const needs: Need[] = [{ code: primary, rank: 1 }];
    if (r.chance(0.4)) {
      let secondary = r.weighted(PRIMARY_NEEDS);
      for (let i = 0; i < 5 && secondary === primary; i++) secondary = r.weighted(PRIMARY_NEEDS);
      if (secondary !== primary) needs.push({ code: secondary, rank: 2 });
    }
    return needs;
  }

  child(dateOfBirth: DayNumber): Child {
    const r = this.random;
    const sex: Sex = r.chance(0.72) ? "M" : r.chance(0.995) ? "F" : "U";
    const firstName = sex === "F" ? r.pick(GIRLS) : sex === "M" ? r.pick(BOYS) : r.pick(r.chance(0.5) ? GIRLS : BOYS);
    const lastName = r.pick(SURNAMES);
    const age = Math.floor((this.today - dateOfBirth) / 365.25);
    const caseworkers = this.options.caseworkers;
    const caseworker = caseworkers.length ? r.pick(caseworkers) : { id: "unassigned", name: "Not yet allocated" };
    const parentFirst = r.chance(0.8) ? r.pick(GIRLS) : r.pick(BOYS);
    const child: Child = {
      id: this.ids.next("child"),
      firstName,
      lastName,
      dateOfBirth: this.date(dateOfBirth),
      sex,
      ethnicity: r.weighted(ETHNICITIES),
      postcode: this.postcode(),
      needs: this.needs(age),
      contacts: [
        {
          name: `${parentFirst} ${r.chance(0.85) ? lastName : r.pick(SURNAMES)}`,
          relationship: GIRLS.includes(parentFirst as (typeof GIRLS)[number])
            ? r.pick(["Mother", "Mother", "Carer", "Grandmother"])
            : r.pick(["Father", "Carer"]),
          phone: `07700 900${String(r.int(0, 999)).padStart(3, "0")}`,
          email: `${parentFirst.toLowerCase()}.${lastName.toLowerCase()}@example.org`,
          parentalResponsibility: true,
        },
      ],
      caseworker: { id: caseworker.id, name: caseworker.name },
    };
    if (age >= 5 && r.chance(0.97)) child.upn = this.upn(dateOfBirth);
    if (age >= 14 && r.chance(0.85)) child.uln = this.uln();
    if (r.chance(0.97)) child.nhsNumber = this.nhsNumber();
    return child;
  }

  dateOfBirth(bands: typeof AGE_BANDS_PLANS): DayNumber {
    const [min, max] = this.random.weighted(bands);
    const age = this.random.int(min, max);
    return this.today - Math.round(age * 365.25) - this.random.int(0, 364);
  }

  // ---- Placements ----

  /** 1 September of the year a child starts a phase: 0 Reception, 7 Year 7, 12 Year 12. */
  phaseStart(dateOfBirth: DayNumber, yearGroup: number): DayNumber {
    const reception = academicYearOfDayNumber(dateOfBirth) + 5;
    return toDayNumber(`${reception + yearGroup}-09-01`);
  }

  chooseSetting(dateOfBirth: DayNumber, primaryNeed: NeedCode): { setting: Setting; phaseYear: number } {
    const r = this.random;
    const s = this.settings;
    const yearGroup = academicYearOfDayNumber(this.today) - (academicYearOfDayNumber(dateOfBirth) + 5);
    const complex = primaryNeed === "SLD" || primaryNeed === "PMLD" || primaryNeed === "MSI";
    if (yearGroup < 0) {
      const setting = r.weighted<Setting>([
        [r.pick(s.early), 60],
        [r.pick(s.primary), 20],
        [r.pick(s.special), complex ? 60 : 15],
      ]);
      return { setting, phaseYear: -2 };
    }
    if (yearGroup <= 11) {
      const primaryPhase = yearGroup <= 6;
      const mainstream = primaryPhase ? s.primary : s.secondary;
      const resourced = primaryPhase ? s.resourcedPrimary : s.resourcedSecondary;
      const independentWeight = primaryNeed === "SEMH" || primaryNeed === "ASD" ? 12 : 5;
      const setting = r.weighted<Setting>([
        [r.pick(mainstream), complex ? 3 : primaryNeed === "SPLD" || primaryNeed === "HI" || primaryNeed === "VI" ? 80 : 44],
        [r.pick(resourced), 7],
        [r.pick(s.special), complex ? 85 : 30],
        [r.pick(s.specialAway), 1.6],
        [r.pick(s.independent), independentWeight],
        [CODED.EHE, 2.2],
        [CODED.OLA, 1.5],
      ]);
      const phaseYear =
        setting.type === "mainstream" || setting.type === "resourced" ? (primaryPhase ? 0 : 7) : r.chance(0.5) ? (primaryPhase ? 0 : 7) : yearGroup;
      return { setting, phaseYear: Math.min(phaseYear, yearGroup) };
    }
    const setting = r.weighted<Setting>([
      [r.pick(s.college), yearGroup <= 13 ? 52 : 62],
      [r.pick(s.special), yearGroup <= 13 ? 30 : 8],
      [r.pick(s.specialistCollege), 8],
      [r.pick(s.independent), yearGroup <= 13 ? 3 : 0],
      [CODED.NEET, yearGroup <= 13 ? 4 : 20],
      [CODED.EHE, yearGroup <= 13 ? 1 : 0],
      [CODED.OLA, 2],
    ]);
    return { setting, phaseYear: Math.min(yearGroup, 12 + (yearGroup > 13 ? r.int(0, yearGroup - 12) : 0)) };
  }

  placement(setting: Setting, start: DayNumber, end?: DayNumber): Placement {
    const placement: Placement = {
      id: this.ids.next("placement"),
      settingName: setting.name,
      settingType: setting.type,
      outOfAuthority: setting.outOfAuthority,
      // Residential is a placement fact: most at a residential school board, some attend by day.
      residential: setting.residential && this.random.chance(0.75),
      independent: setting.independent,
      start: this.date(start),
    };
    if (setting.urn) placement.urn = setting.urn;
    if (setting.code) placement.settingCode = setting.code;
    if (end !== undefined) placement.end = this.date(end);
    return placement;
  }

  /** Current placement and a little history; the last entry is current unless awaiting provision is set up after. */
  placements(dateOfBirth: DayNumber, need: NeedCode, planMade: DayNumber | undefined): Placement[] {
    const r = this.random;
    const { setting, phaseYear } = this.chooseSetting(dateOfBirth, need);
    let start = phaseYear < 0 ? Math.max(dateOfBirth + r.int(400, 900), this.today - r.int(30, 700)) : this.phaseStart(dateOfBirth, phaseYear);
    if (setting.type !== "mainstream" && setting.type !== "post16" && planMade !== undefined && start < planMade) start = planMade + r.int(0, 120);
    if (setting.code === "EHE" || setting.code === "OLA" || setting.code === "NEET") start = this.today - r.int(20, 900);
    start = Math.min(start, this.today - r.int(1, 30));
    const list: Placement[] = [];
    // The setting before this one, when there was one (often mainstream before a special school).
    const yearGroup = academicYearOfDayNumber(this.today) - (academicYearOfDayNumber(dateOfBirth) + 5);
    if (yearGroup >= 1 && r.chance(0.35)) {
      const before = yearGroup <= 7 ? r.pick(this.settings.primary) : r.chance(0.5) ? r.pick(this.settings.secondary) : r.pick(this.settings.primary);
      const beforeStart = Math.max(this.phaseStart(dateOfBirth, 0), start - r.int(300, 1500));
      if (beforeStart < start - 30 && before.name !== setting.name) list.push(this.placement(before, beforeStart, start - 1));
    }
    list.push(this.placement(setting, start));
    return list;
  }

  visits(placement: Placement): MonitoringVisit[] {
    const r = this.random;
    const start = toDayNumber(placement.start);
    const sinceStart = this.today - start;
    // A few placements of the last two years have never been visited.
    if (sinceStart < 2 * YEAR && r.chance(0.08)) return [];
    let last: DayNumber;
    if (r.chance(0.75)) last = this.today - r.int(0, 340);
    else last = this.today - YEAR - r.int(1, 240);
    if (last < start) {
      if (sinceStart < YEAR) return r.chance(0.5) ? [{ date: this.date(start + r.int(0, sinceStart)), placementId: placement.id }] : [];
      last = start + r.int(0, 60);
    }
    const visits: MonitoringVisit[] = [];
    for (let d = last; d >= start; d -= r.int(300, 380))
      visits.unshift({ date: this.date(d), placementId: placement.id, visitedBy: "Specialist provision officer" });
    return visits;
  }

  // ---- Plans and reviews ----

  reviews(planMade: DayNumber, versions: PlanVersion[]): AnnualReview[] {
    const r = this.random;
    const today = this.today;
    const sinceMade = today - planMade;
    let last: DayNumber | undefined;
    if (r.chance(0.22)) {
      // This year's review is overdue: the last was over 12 months ago, or there has been none.
      const candidate = today - YEAR - r.int(1, 200);
      last = candidate > planMade + 150 ? candidate : undefined;
      if (last === undefined && sinceMade < YEAR + 1) last = undefined;
    } else {
      const candidate = today - r.int(0, 355);
      last = candidate > planMade + 150 ? candidate : undefined;
      // A plan over a year old with no review in the year would be overdue: give it its first review.
      if (last === undefined && sinceMade > 350) last = planMade + r.int(300, Math.min(sinceMade, 360));
    }
    const meetings: DayNumber[] = [];
    for (let d = last; d !== undefined && d > planMade + 150; d -= r.int(320, 400)) meetings.unshift(d);
    const reviews: AnnualReview[] = [];
    for (const meeting of meetings) reviews.push(this.review(meeting, versions));
    // A meeting booked for a review falling due in the next two months.
    const cycleStart = meetings.at(-1) ?? planMade;
    const due = addMonthsToDayNumber(cycleStart, 12) - 1;
    if (due >= today && due - today <= 60 && r.chance(0.6)) {
      reviews.push({ id: this.ids.next("review"), meeting: this.date(Math.max(today + 1, due - r.int(0, 40))) });
    }
    return reviews;
  }

  review(meeting: DayNumber, versions: PlanVersion[]): AnnualReview {
    const r = this.random;
    const today = this.today;
    const review: AnnualReview = { id: this.ids.next("review"), meeting: this.date(meeting) };
    const report = meeting + (r.chance(0.75) ? r.int(2, 14) : r.int(15, 45));
    if (r.chance(0.96) && report <= today) review.reportCirculated = this.date(report);
    const amend = r.chance(0.45);
    const decided = meeting + (r.chance(0.72) ? r.int(5, 28) : r.int(29, 75));
    if (decided > today) return review;
    review.decision = { date: this.date(decided), outcome: amend ? "amend" : "maintain" };
    if (amend) {
      review.amendmentNoticeSent = this.date(decided);
      const issued = decided + (r.chance(0.55) ? r.int(20, 56) : r.int(57, 150));
      if (issued <= today) {
        review.amendedPlanIssued = this.date(issued);
        versions.push({ issued: this.date(issued), kind: "amended" });
      }
    }
    return review;
  }

  phaseTransfers(dateOfBirth: DayNumber): PhaseTransferRecord[] {
    const r = this.random;
    const next = nextPhaseTransfer(this.date(dateOfBirth), this.date(this.today));
    const comingYear = academicYearOfDayNumber(this.today) + 1;
    if (!next || next.transferYear !== comingYear) return [];
    const record: PhaseTransferRecord = { year: next.transferYear, kind: next.kind, from: next.from, to: next.to };
    // The last day before 15 February or 31 March of the year of transfer (Regs 18).
    const deadline = toDayNumber(next.kind === "school" ? `${next.transferYear}-02-14` : `${next.transferYear}-03-30`);
    const roll = r.next();
    const finalised = roll < 0.65 ? deadline - r.int(0, 100) : roll < 0.9 ? deadline + r.int(1, 120) : undefined;
    if (finalised !== undefined && finalised <= this.today) record.finalised = this.date(finalised);
    return [record];
  }

  // ---- Records ----

  emptyRecord(child: Child): CaseRecord {
    return newCaseRecord(this.ids.next("case"), child);
  }

  /** Placements, awaiting provision, missing education and visits for a child with a plan. */
  settle(record: CaseRecord, dateOfBirth: DayNumber, planMade: DayNumber) {
    const r = this.random;
    const need = record.child.needs[0]?.code ?? "OTH";
    record.placements = this.placements(dateOfBirth, need, planMade);
    const current = record.placements.at(-1);
    const age = (this.today - dateOfBirth) / 365.25;
    if (current && age >= 5 && age < 18 && r.chance(0.015)) {
      // The placement broke down and no new one has started: awaiting provision.
      const from = Math.max(toDayNumber(current.start) + 30, this.today - r.int(10, 200));
      if (from <= this.today) {
        current.end = this.date(from - 1);
        record.awaitingProvision.push({ from: this.date(from), note: "Consultations with schools under way" });
      }
    } else if (current && age >= 5 && r.chance(0.02)) {
      // Awaited provision earlier in the year and has it now.
      const start = toDayNumber(current.start);
      if (start - 20 > dateOfBirth && start <= this.today)
        record.awaitingProvision.push({ from: this.date(start - r.int(20, 90)), to: this.date(start - 1) });
    }
    if (current && age >= 5 && age < 16 && !current.end && r.chance(0.003)) {
      const missing: OpenPeriod = { from: this.date(this.today - r.int(5, 120)), note: "Not attending; the school has made the statutory enquiries" };
      if (missing.from >= current.start) record.missingEducation.push(missing);
    }
    if (current && !current.end && (current.outOfAuthority || current.residential || current.settingCode === "EHE")) {
      record.monitoringVisits = this.visits(current);
    }
  }

  /** A child with a plan made before the year of requests. */
  existingPlan(): CaseRecord {
    const r = this.random;
    const dateOfBirth = this.dateOfBirth(AGE_BANDS_PLANS);
    const record = this.emptyRecord(this.child(dateOfBirth));
    let earliest = Math.max(dateOfBirth + r.int(500, 900), this.today - 12 * YEAR);
    // The youngest: a plan made in infancy, at least six months after birth.
    if (earliest > this.today - 30) earliest = dateOfBirth + r.int(180, Math.max(180, this.today - 30 - dateOfBirth));
    let made = this.today - YEAR - r.expDays(3 * YEAR);
    if (made < earliest) made = earliest + r.int(0, Math.max(0, Math.min(this.today - 30, this.today - YEAR) - earliest));
    made = Math.max(dateOfBirth + 180, Math.min(made, this.today - 30));
    const versions: PlanVersion[] = [{ issued: this.date(made), kind: "final" }];
    const plan: Plan = { id: this.ids.next("plan"), made: this.date(made), versions };
    this.historicRequest(record, plan, dateOfBirth);
    record.reviews = this.reviews(made, versions);
    record.plans.push(plan);
    this.settle(record, dateOfBirth, made);
    record.phaseTransfers = this.phaseTransfers(dateOfBirth);
    return record;
  }

  /**
   * The request a plan made within the history came from, so that each year's new plans are the
   * plans made in it and the census reconciles: plans(Jan Y+1) = plans(Jan Y) + new - ceased.
   */
  historicRequest(record: CaseRecord, plan: Plan, dateOfBirth: DayNumber): void {
    const made = toDayNumber(plan.made);
    // A year more than the history, so its first census window is covered too.
    if (made < this.today - (HISTORY_YEARS + 1) * YEAR) return;
    const r = this.random;
    // About 46% within 20 weeks (140 days), the rest a month or several later.
    const finalAfter = r.chance(0.46) ? r.int(105, 140) : 141 + r.expDays(45);
    const received = Math.max(dateOfBirth + 14, made - finalAfter);
    const span = made - received;
    const decided = received + Math.min(r.chance(0.8) ? r.int(20, 42) : r.int(43, 80), Math.max(1, Math.floor(span / 3)));
    const draft = made - Math.min(r.int(15, 30), Math.max(1, Math.floor(span / 4)));
    const request: AssessmentRequest = {
      id: this.ids.next("request"),
      received: this.date(received),
      requestedBy: r.chance(0.5) ? "parent" : "school",
      decision: { date: this.date(decided), outcome: "assess" },
      adviceRequests: (["educational-psychology", "health"] as const).map((service) => {
        const asked = decided + 1;
        return {
          service,
          received: this.date(asked),
          headOfInstitution: false,
          returned: this.date(Math.max(asked + 1, Math.min(asked + r.int(14, 70), draft - 1))),
        };
      }),
      draftServed: this.date(draft),
      finalPlanIssued: plan.made,
      exceptions: [],
    };
    record.requests.push(request);
    plan.requestId = request.id;
  }

  /** A request of an earlier year that was refused: the years before have their refusals too. */
  pastRefusal(yearsBack: number): CaseRecord {
    const r = this.random;
    const received = this.today - yearsBack * YEAR - r.int(0, YEAR - 1);
    let dateOfBirth = this.dateOfBirth(AGE_BANDS_REQUESTS) - yearsBack * YEAR;
    if (dateOfBirth > received - 400) dateOfBirth = received - r.int(400, 1400);
    const record = this.emptyRecord(this.child(dateOfBirth));
    const decided = received + (r.chance(0.8) ? r.int(20, 42) : r.int(43, 80));
    record.requests.push({
      id: this.ids.next("request"),
      received: this.date(received),
      requestedBy: "parent",
      decision: { date: this.date(decided), outcome: "refuse", reasons: r.pick(REFUSAL_REASONS) },
      adviceRequests: [],
      exceptions: [],
    });
    return record;
  }

  /** A plan that ceased in one of the past years (for the SEN2 return's ceased plans). */
  ceasedPlan(yearsBack = 0): CaseRecord {
    const r = this.random;
    const reason = r.weighted(CEASE_WEIGHTS);
    const bands: typeof AGE_BANDS_PLANS = reason === 1 ? [[[24, 24], 1]] : reason === 3 || reason === 4 ? [[[18, 24], 1]] : AGE_BANDS_PLANS.slice(1);
    const dateOfBirth = this.dateOfBirth(bands) - yearsBack * YEAR;
    const record = this.emptyRecord(this.child(dateOfBirth));
    const ceased = this.today - yearsBack * YEAR - r.int(1, 364);
    // Every band here is 5 or over, so a plan made 600 days after birth is still before it ceased.
    const made = Math.max(dateOfBirth + 600, ceased - r.int(300, 6 * YEAR));
    const versions: PlanVersion[] = [{ issued: this.date(made), kind: "final" }];
    const plan: Plan = { id: this.ids.next("plan"), made: this.date(made), versions, ceased: { date: this.date(ceased), reason } };
    record.plans.push(plan);
    this.historicRequest(record, plan, dateOfBirth);
    const { setting } = this.chooseSetting(dateOfBirth, record.child.needs[0]?.code ?? "OTH");
    record.placements.push(this.placement(setting, Math.max(made, ceased - r.int(200, 1500)), ceased));
    return record;
  }

  /** A request received in the year to today, at whatever stage it has reached. */
  request(): { record: CaseRecord; planMade: boolean } {
    const r = this.random;
    const today = this.today;
    const received = today - r.int(0, YEAR - 1);
    let dateOfBirth = this.dateOfBirth(AGE_BANDS_REQUESTS);
    if (dateOfBirth > received - 400) dateOfBirth = received - r.int(400, 1400);
    const record = this.emptyRecord(this.child(dateOfBirth));
    const ageAtRequest = (received - dateOfBirth) / 365.25;
    const requestedBy: Requester =
      ageAtRequest >= 16
        ? r.weighted<Requester>([
            ["young-person", 3],
            ["parent", 4],
            ["college", 3],
          ])
        : ageAtRequest < 4
          ? r.weighted<Requester>([
              ["parent", 5],
              ["early-years", 3],
              ["health", 2],
            ])
          : r.weighted<Requester>([
              ["parent", 50],
              ["school", 42],
              ["health", 4],
              ["social-care", 2],
              ["other", 2],
            ]);
    const request: AssessmentRequest = {
      id: this.ids.next("request"),
      received: this.date(received),
      requestedBy,
      adviceRequests: [],
      exceptions: [],
    };
    record.requests.push(request);
    const when = (day: DayNumber) => day <= today;

    const withdrawnOn = r.chance(0.03) ? received + r.int(10, 100) : undefined;
    const ok = (day: DayNumber) => when(day) && (withdrawnOn === undefined || day < withdrawnOn);
    const finish = (planMade: boolean) => {
      if (withdrawnOn !== undefined && when(withdrawnOn))
        request.withdrawn = { date: this.date(withdrawnOn), reason: "The family asked to withdraw the request" };
      return { record, planMade };
    };
    const placementsWithoutPlan = () => {
      record.placements = this.placements(dateOfBirth, record.child.needs[0]?.code ?? "OTH", undefined);
    };

    // A quarter of the year's requests refused once the pending decisions are counted in.
    const refuse = r.chance(0.28);
    // Roughly 80% of decisions within 6 weeks.
    let decisionAfter = r.chance(0.8) ? r.int(20, 42) : r.int(43, 80);
    if (refuse) {
      const decided = received + decisionAfter;
      if (ok(decided)) {
        request.decision = { date: this.date(decided), outcome: "refuse", reasons: r.pick(REFUSAL_REASONS) };
        if (r.chance(0.15)) {
          const mediation = { decisionNoticeSent: this.date(decided) } as NonNullable<AssessmentRequest["mediation"]>;
          const told = decided + r.int(5, 55);
          if (r.chance(0.6) && when(told)) {
            mediation.mediationAdviserTold = this.date(told);
            const certificate = told + r.int(1, 6);
            if (r.chance(0.7) && when(certificate)) mediation.mediationCertificateIssued = this.date(certificate);
          }
          request.mediation = mediation;
        }
      }
      placementsWithoutPlan();
      return finish(false);
    }

    // Assessed. About 46% of plans within 20 weeks; the late ones a month or several after.
    const exception = r.chance(0.035);
    const noPlan = r.chance(0.06);
    // Fewer than half are set to be on time: the late ones from recent requests are not issued yet.
    const onTime = !exception && r.chance(0.4);
    const finalAfter = onTime ? r.int(105, 140) : 141 + r.expDays(45) + (exception ? r.int(10, 40) : 0);
    const draftAfter = finalAfter - r.int(15, 30);
    decisionAfter = Math.min(decisionAfter, draftAfter - 45);
    const decided = received + decisionAfter;
    if (!ok(decided)) {
      placementsWithoutPlan();
      return finish(false);
    }
    request.decision = { date: this.date(decided), outcome: "assess" };
    if (exception) {
      const from = received + r.int(20, 80);
      const absence = r.chance(0.4);
      const e: StatutoryException = absence
        ? { ground: "absence", from: this.date(from), to: this.date(from + r.int(28, 50)), reason: "The family was abroad caring for a relative" }
        : { ground: "personal-circumstances", from: this.date(from), to: this.date(from + r.int(14, 60)), reason: "The child was in hospital" };
      if (when(from)) request.exceptions.push(e);
    }
    const draft = received + draftAfter;
    const services: [AdviceService, number, boolean][] = [
      ["educational-psychology", 0.55, false],
      ["health", 0.65, false],
      ...(r.chance(0.85) ? [["social-care", 0.8, false] as [AdviceService, number, boolean]] : []),
      ...(r.chance(0.95) ? [["education", 0.8, true] as [AdviceService, number, boolean]] : []),
    ];
    for (const [service, onTimeShare, head] of services) {
      const asked = decided + r.int(1, 7);
      if (!ok(asked)) continue;
      const advice: AdviceRequestRecord = { service, received: this.date(asked), headOfInstitution: head };
      let returned = asked + (r.chance(onTimeShare) ? r.int(12, 42) : r.int(43, 110));
      if (!noPlan) returned = Math.min(returned, draft - r.int(3, 10));
      if (returned > asked && ok(returned)) advice.returned = this.date(returned);
      request.adviceRequests.push(advice);
    }
    if (noPlan) {
      const notice = received + r.int(85, 125);
      if (ok(notice)) request.noPlanNoticeSent = this.date(notice);
      placementsWithoutPlan();
      return finish(false);
    }
    if (!ok(draft)) {
      placementsWithoutPlan();
      return finish(false);
    }
    request.draftServed = this.date(draft);
    const final = received + finalAfter;
    if (!ok(final)) {
      placementsWithoutPlan();
      return finish(false);
    }
    request.finalPlanIssued = this.date(final);
    record.plans.push({
      id: this.ids.next("plan"),
      made: this.date(final),
      requestId: request.id,
      versions: [{ issued: this.date(final), kind: "final" }],
    });
    this.settle(record, dateOfBirth, final);
    record.phaseTransfers = this.phaseTransfers(dateOfBirth);
    return finish(true);
  }
}

/**
 * A council's caseload on `today`: `plans` children with a plan in force (some made from the
 * year's requests), the year's requests at every stage, and a few plans ceased in the year.
 * Deterministic: the same options give the same records.
 */
export function generateCaseload(options: GenerateCaseloadOptions): CaseRecord[] {
  if (!Number.isInteger(options.plans) || options.plans < 0) throw new RangeError(`plans must be a whole number, 0 or more; it was ${options.plans}`);
  const generator = new Generator(options);
  const requests = options.requestsPerYear ?? Math.round(options.plans * 0.25);
  const fromRequests: CaseRecord[] = [];
  let newPlans = 0;
  for (let i = 0; i < requests; i++) {
    const { record, planMade } = generator.request();
    if (planMade && newPlans >= options.plans) continue;
    if (planMade) newPlans++;
    fromRequests.push(record);
  }
  const existing: CaseRecord[] = [];
  for (let i = newPlans; i < options.plans; i++) existing.push(generator.existingPlan());
  // Earlier years have their ceased plans and refused requests too, so every chart has a shape.
  const ceased: CaseRecord[] = [];
  const past: CaseRecord[] = [];
  for (let back = 0; back < HISTORY_YEARS; back++) {
    for (let i = 0, n = Math.round(options.plans * 0.03); i < n; i++) ceased.push(generator.ceasedPlan(back));
    if (back > 0) for (let i = 0, n = Math.round(requests * 0.25); i < n; i++) past.push(generator.pastRefusal(back));
  }
  return [...existing, ...fromRequests, ...ceased, ...past];
}
