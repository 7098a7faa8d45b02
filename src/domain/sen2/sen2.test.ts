// The SEN2 return from case records and back: scope on census day and in the activity year, the
// items and code lists on hand-made cases, each validation rule failing and passing, real XML
// parsed, and a round trip of a generated caseload.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { generateCaseload } from "../../modules/demo/caseload-generator.ts";
import { applyCaseEvent, type EventKind } from "../cases/events.ts";
import { type CaseRecord, newCaseRecord } from "../cases/types.ts";
import { buildReturn, censusPeriod, personFor, personsInScope } from "./export.ts";
import { eventsForRecord, recordsFromReturn } from "./import.ts";
import type { Sen2ActivePlans, Sen2Assessment, Sen2NamedPlan, Sen2Person, Sen2Request, Sen2Return, Sen2Setting } from "./model.ts";
import { RULES, validateReturn } from "./validation.ts";
import { parseSen2Xml, sen2ToXml } from "./xml.ts";

const YEAR = 2027; // census day 21 January 2027, activity 2026
const period = censusPeriod(YEAR);
const caseworker = { id: "", name: "Not assigned" };
const header = { settings: { laNumber: "883", dmo: "Yes", dco: "No", dsco: "Recruiting" }, serialNo: 1, dateTime: "2027-02-01T09:00:00" };

function child(over: Partial<CaseRecord> = {}, id = "case-1"): CaseRecord {
  return {
    ...newCaseRecord(id, {
      id: "child-1",
      firstName: "Ada",
      lastName: "Testcase",
      dateOfBirth: "2016-04-03",
      sex: "F",
      ethnicity: "WBRI",
      postcode: "ZZ1 1ZZ",
      upn: "B801200005001",
      needs: [{ code: "ASD", rank: 1 }],
      caseworker,
    }),
    ...over,
  };
}

const school = {
  id: "pl-1",
  settingName: "Oak Primary",
  urn: "123456",
  settingType: "mainstream" as const,
  outOfAuthority: false,
  residential: false,
  independent: false,
  start: "2024-09-01",
};
const request = (over: Partial<CaseRecord["requests"][number]> = {}) => ({
  id: "r1",
  received: "2026-03-02",
  requestedBy: "parent" as const,
  adviceRequests: [],
  exceptions: [],
  ...over,
});
const planned = (made: string, over: Partial<CaseRecord["plans"][number]> = {}) => ({
  id: "p1",
  made,
  requestId: "r1",
  versions: [{ issued: made, kind: "final" as const }],
  ...over,
});

describe("census year", () => {
  test("2027: census day 21 January, activity in 2026", () => {
    assert.deepEqual(period, { year: 2027, censusDay: "2027-01-21", activityStart: "2026-01-01", activityEnd: "2026-12-31" });
    assert.equal(censusPeriod(2030).censusDay, "2030-01-17"); // third Thursday
  });
});

describe("scope", () => {
  test("a plan in force on census day is in; one ceased before the activity year is out", () => {
    const inForce = child({
      requests: [request({ received: "2020-01-06", decision: { date: "2020-02-10", outcome: "assess" }, finalPlanIssued: "2020-05-20" })],
      plans: [planned("2020-05-20")],
      placements: [school],
    });
    const person = personFor(inForce, period);
    assert.ok(person);
    assert.equal(person.Requests[0]?.RequestOutcome, "H");
    assert.equal(person.Requests[0]?.Assessment?.AssessmentOutcome, "H");
    assert.ok(person.Requests[0]?.ActivePlans);
    const longGone = child({ ...inForce, plans: [planned("2020-05-20", { ceased: { date: "2025-07-31", reason: 3 } })] });
    assert.equal(personFor(longGone, period), undefined);
  });

  test("a plan ceased in the activity year is in, with its cease date and reason, and no active plan", () => {
    const ceased = child({
      requests: [request({ received: "2020-01-06", decision: { date: "2020-02-10", outcome: "assess" }, finalPlanIssued: "2020-05-20" })],
      plans: [planned("2020-05-20", { ceased: { date: "2026-07-31", reason: 5 } })],
      placements: [{ ...school, end: "2026-07-31" }],
    });
    const person = personFor(ceased, period);
    const plan = person?.Requests[0]?.Assessment?.NamedPlan;
    assert.equal(plan?.CeaseDate, "2026-07-31");
    assert.equal(plan?.CeaseReason, "5");
    assert.equal(plan?.PlanDetail[0]?.URN, "123456");
    assert.equal(person?.Requests[0]?.ActivePlans, undefined);
  });

  test("a plan ceased before census day but after the activity year is reported ceased; one ceasing after census day is active", () => {
    const base = {
      requests: [request({ received: "2020-01-06", decision: { date: "2020-02-10", outcome: "assess" as const }, finalPlanIssued: "2020-05-20" })],
      placements: [school],
    };
    const early = personFor(child({ ...base, plans: [planned("2020-05-20", { ceased: { date: "2027-01-10", reason: 2 } })] }), period);
    assert.equal(early?.Requests[0]?.Assessment?.NamedPlan?.CeaseDate, "2027-01-10");
    assert.equal(early?.Requests[0]?.ActivePlans, undefined);
    const onCensus = personFor(child({ ...base, plans: [planned("2020-05-20", { ceased: { date: "2027-01-21", reason: 2 } })] }), period);
    assert.equal(onCensus?.Requests[0]?.ActivePlans, undefined, "ceased on census day: not in force (constants)");
    const later = personFor(child({ ...base, plans: [planned("2020-05-20", { ceased: { date: "2027-02-01", reason: 2 } })] }), period);
    assert.ok(later?.Requests[0]?.ActivePlans, "ceasing after census day: in force, cease not yet reported");
    assert.equal(later?.Requests[0]?.Assessment?.NamedPlan?.CeaseDate, undefined);
  });

  test("a request received in the previous December is in; one received the December before, refused then, is out", () => {
    const december = personFor(child({ requests: [request({ received: "2026-12-14" })] }), period);
    assert.equal(december?.Requests[0]?.RequestOutcome, "A");
    const old = child({ requests: [request({ received: "2025-12-15", decision: { date: "2025-12-22", outcome: "refuse" } })] });
    assert.equal(personFor(old, period), undefined);
    const decidedInYear = child({ requests: [request({ received: "2025-12-15", decision: { date: "2026-01-20", outcome: "refuse" } })] });
    assert.equal(personFor(decidedInYear, period)?.Requests[0]?.RequestOutcome, "N");
  });

  test("a request received after census day is out; facts after census day are left out", () => {
    assert.equal(personFor(child({ requests: [request({ received: "2027-01-22" })] }), period), undefined);
    const p = personFor(child({ requests: [request({ received: "2026-11-02", decision: { date: "2027-01-25", outcome: "assess" } })] }), period);
    assert.equal(p?.Requests[0]?.RequestOutcome, "A");
  });

  test("a request withdrawn in the year: W with its date", () => {
    const p = personFor(child({ requests: [request({ withdrawn: { date: "2026-04-01" } })] }), period);
    assert.equal(p?.Requests[0]?.RequestOutcome, "W");
    assert.equal(p?.Requests[0]?.RequestOutcomeDate, "2026-04-01");
  });

  test("a transfer in with a plan: historic H request, TransferLA, and no new plan", () => {
    const p = personFor(
      child({
        plans: [
          { id: "p9", made: "2023-03-01", versions: [{ issued: "2023-03-01", kind: "final" }], transferredIn: { date: "2026-05-01", from: "886" } },
        ],
        placements: [school],
      }),
      period,
    );
    const entry = p?.Requests[0];
    assert.equal(entry?.RequestOutcome, "H");
    assert.equal(entry?.Assessment?.AssessmentOutcome, "H");
    assert.equal(entry?.ActivePlans?.TransferLA, "886");
    assert.equal(entry?.Assessment?.NamedPlan?.StartDate, "2023-03-01");
  });

  test("a new plan in the year: Y with the issue date, Week20 from a recorded exception, several settings ranked", () => {
    const p = personFor(
      child({
        requests: [
          request({
            decision: { date: "2026-04-10", outcome: "assess" },
            finalPlanIssued: "2026-08-20",
            exceptions: [{ ground: "personal-circumstances", from: "2026-05-01", to: "2026-05-20", reason: "Family bereavement" }],
          }),
        ],
        plans: [planned("2026-08-20")],
        placements: [school, { ...school, id: "pl-2", urn: "10012345", settingType: "resourced", start: "2026-09-01", residential: true }],
      }),
      period,
    )?.Requests[0];
    assert.equal(p?.RequestOutcome, "Y");
    assert.equal(p?.RequestSource, "1");
    assert.equal(p?.Assessment?.AssessmentOutcome, "Y");
    assert.equal(p?.Assessment?.AssessmentOutcomeDate, "2026-08-20");
    assert.equal(p?.Assessment?.Week20, "1");
    const placements = p?.ActivePlans?.PlacementDetail ?? [];
    assert.deepEqual(
      placements.map((s) => [s.URN ?? s.UKPRN, s.PlacementRank, s.ResourcedProvisionIndicator, s.Res]),
      [
        ["123456", "1", "0", "0"],
        ["10012345", "2", "1", "1"],
      ],
    );
    assert.equal(placements[1]?.UKPRN, "10012345");
    assert.deepEqual(p?.ActivePlans?.SENneed, [{ SENtype: "ASD", SENtypeRank: "1" }]);
  });

  test("a refusal taken to mediation and tribunal: N with both flags on the request", () => {
    const p = personFor(
      child({
        requests: [
          request({
            decision: { date: "2026-04-10", outcome: "refuse" },
            mediation: { mediationCertificateIssued: "2026-05-20", appealLodged: "2026-06-01" },
          }),
        ],
      }),
      period,
    )?.Requests[0];
    assert.deepEqual([p?.RequestOutcome, p?.RequestMediation, p?.RequestTribunal, p?.Assessment], ["N", "1", "1", undefined]);
  });

  test("a refusal later reversed at tribunal: N with the refusal's date and the flags on the request, then the assessment and plan; read back the same", () => {
    const record = child({
      requests: [
        request({
          // Refused on 10 April (the notice appealed), reversed: the decision to assess now in force is of 1 September.
          decision: { date: "2026-09-01", outcome: "assess" },
          mediation: { decisionNoticeSent: "2026-04-10", mediationCertificateIssued: "2026-05-20", appealLodged: "2026-06-01" },
          finalPlanIssued: "2026-12-01",
        }),
      ],
      plans: [planned("2026-12-01")],
      placements: [school],
    });
    const p = personFor(record, period) as Sen2Person;
    const r = p.Requests[0] as Sen2Request;
    assert.deepEqual(
      [r.RequestOutcome, r.RequestOutcomeDate, r.RequestMediation, r.RequestTribunal],
      ["N", "2026-04-10", "1", "1"],
      "the original outcome and date are kept",
    );
    assert.deepEqual(
      [r.Assessment?.AssessmentOutcome, r.Assessment?.AssessmentOutcomeDate, r.Assessment?.AssessmentMediation, r.Assessment?.AssessmentTribunal],
      ["Y", "2026-12-01", "0", "0"],
    );
    assert.equal(r.Assessment?.NamedPlan?.StartDate, "2026-12-01");
    assert.deepEqual(
      validateReturn({ header: buildReturn([], YEAR, header).sen2.header, persons: [p] }).filter((i) => i.severity === "error"),
      [],
    );
    // Read back: a decision to assess after the refusal, and the same person written again.
    const sen2: Sen2Return = { header: buildReturn([], YEAR, header).sen2.header, persons: [p] };
    let n = 0;
    const [back] = recordsFromReturn(sen2, { newId: () => `id-${++n}`, caseworker });
    assert.equal(back?.requests[0]?.decision?.outcome, "assess");
    assert.equal(back?.requests[0]?.mediation?.decisionNoticeSent, "2026-04-10");
    assert.deepEqual(personFor(back as CaseRecord, period), p);
    // A refusal appealed but not (yet) reversed stays N with its own date and no assessment.
    const standing = personFor(
      child({
        requests: [
          request({
            decision: { date: "2026-04-10", outcome: "refuse" },
            mediation: { decisionNoticeSent: "2026-04-10", appealLodged: "2026-06-01" },
          }),
        ],
      }),
      period,
    )?.Requests[0];
    assert.deepEqual(
      [standing?.RequestOutcome, standing?.RequestOutcomeDate, standing?.RequestTribunal, standing?.Assessment],
      ["N", "2026-04-10", "1", undefined],
    );
  });

  test("phase transfers: the due date the regulation names and the final date, for the activity year's or the census year's move; read back the same", () => {
    const withTransfer = (phaseTransfers: CaseRecord["phaseTransfers"]) =>
      personFor(child({ plans: [planned("2020-05-01", { requestId: undefined })], placements: [school], phaseTransfers }), period) as Sen2Person;
    const ap = (p: Sen2Person) => p.Requests[0]?.ActivePlans;
    const school2027 = withTransfer([{ year: 2027, kind: "school", finalised: "2027-01-10" }]);
    assert.deepEqual([ap(school2027)?.PhaseTransferDueDate, ap(school2027)?.PhaseTransferFinalDate], ["2027-02-15", "2027-01-10"]);
    const post16 = withTransfer([{ year: 2026, kind: "post16", finalised: "2027-03-01" }]);
    assert.deepEqual(
      [ap(post16)?.PhaseTransferDueDate, ap(post16)?.PhaseTransferFinalDate],
      ["2026-03-31", undefined],
      "a final plan after census day is left out",
    );
    const other = withTransfer([{ year: 2026, kind: "post16Other", transferDate: "2026-09-07" }]);
    assert.equal(ap(other)?.PhaseTransferDueDate, "2026-04-07", "5 months before the move");
    const old = withTransfer([{ year: 2024, kind: "school", finalised: "2024-02-01" }]);
    assert.deepEqual([ap(old)?.PhaseTransferDueDate, ap(old)?.PhaseTransferFinalDate], [undefined, undefined]);
    // Each read back gives the same person again.
    const sen2: Sen2Return = { header: buildReturn([], YEAR, header).sen2.header, persons: [school2027, post16, other] };
    assert.deepEqual(
      validateReturn(sen2).filter((i) => i.severity === "error" && i.rule !== "S2-11"), // the same test child three times
      [],
      "a due date after census day is not an error",
    );
    let n = 0;
    const back = recordsFromReturn(sen2, { newId: () => `id-${++n}`, caseworker });
    assert.deepEqual(back[0]?.phaseTransfers, [{ year: 2027, kind: "school", finalised: "2027-01-10" }]);
    assert.deepEqual(
      back.map((r) => personFor(r, period)),
      sen2.persons,
    );
  });

  test("a child with no UPN writes the UPNunknown reason recorded", () => {
    const p = personFor(child({ child: { ...child().child, upn: undefined, upnUnknown: "UN1" }, requests: [request()] }), period);
    assert.equal(p?.UPN, undefined);
    assert.equal(p?.UPNunknown, "UN1");
  });
});

// ---- Validation: each rule fails on one child and passes on the good one ---------------------------

const good: Sen2Person = {
  Surname: "Testcase",
  Forename: "Ada",
  PersonBirthDate: "2016-04-03",
  Sex: "F",
  UPN: "B801200005001",
  Requests: [
    {
      ReceivedDate: "2026-03-02",
      RequestSource: "1",
      RequestOutcomeDate: "2026-04-10",
      RequestOutcome: "Y",
      RequestMediation: "0",
      RequestTribunal: "0",
      Assessment: {
        AssessmentOutcome: "Y",
        AssessmentOutcomeDate: "2026-07-10",
        AssessmentMediation: "0",
        AssessmentTribunal: "0",
        Week20: "0",
        NamedPlan: { StartDate: "2026-07-10", PlanDetail: [{ URN: "123456", PlacementRank: "1" }] },
      },
      ActivePlans: {
        PlacementDetail: [{ URN: "123456", PlacementRank: "1", EntryDate: "2024-09-01" }],
        SENneed: [{ SENtype: "ASD", SENtypeRank: "1" }],
      },
    },
  ],
};
const sen2 = (persons: Sen2Person[]): Sen2Return => ({
  header: {
    Collection: "SEN2",
    Year: "2027",
    ReferenceDate: "2027-01-21",
    SourceLevel: "L",
    LEA: "883",
    SoftwareCode: "x",
    Release: "1",
    SerialNo: "1",
    DateTime: "2027-02-01T09:00:00",
  },
  persons,
});
const clone = (): Sen2Person => structuredClone(good);
const r0 = (p: Sen2Person) => p.Requests[0] as Sen2Request;
const asm = (p: Sen2Person) => r0(p).Assessment as Sen2Assessment;
const plan = (p: Sen2Person) => asm(p).NamedPlan as Sen2NamedPlan;
const ap = (p: Sen2Person) => r0(p).ActivePlans as Sen2ActivePlans;

const failing: Record<string, (p: Sen2Person) => void> = {
  "S2-01": (p) => delete p.UPN,
  "S2-02": (p) => (p.UPN = "A801200005001"),
  "S2-03": (p) => (r0(p).ReceivedDate = "2026-02-30"),
  "S2-04": (p) => (r0(p).RequestOutcomeDate = "2026-01-02"),
  "S2-05": (p) => (r0(p).RequestOutcome = "X"),
  "S2-06": (p) => delete r0(p).RequestOutcomeDate,
  "S2-07": (p) => (plan(p).PlanDetail = []),
  "S2-08": (p) => (plan(p).PlanDetail = [{ PlacementRank: "1" }]),
  "S2-09": (p) => (plan(p).CeaseDate = "2026-12-01"),
  "S2-10": (p) => (ap(p).SENneed = [{ SENtype: "ASD", SENtypeRank: "2" }]),
  "S2-13": (p) => delete asm(p).NamedPlan,
  "S2-14": (p) => (p.Sex = "U"),
  "S2-15": (p) => (ap(p).TransferLA = "Kent"),
  "S2-16": (p) => (p.Surname = ""),
  "S2-17": (p) => (r0(p).extraAssessments = 1),
  "S2-18": (p) => ((ap(p).PlacementDetail[0] as Sen2Setting).LeavingDate = "2024-08-01"),
};

describe("validation", () => {
  test("the good child passes every rule", () => {
    assert.deepEqual(validateReturn(sen2([clone()])), []);
  });
  for (const [rule, spoil] of Object.entries(failing)) {
    test(`${rule} (${RULES[rule]?.severity}): ${RULES[rule]?.text}`, () => {
      const p = clone();
      spoil(p);
      const issues = validateReturn(sen2([p]), ["case-7"]);
      const hit = issues.find((i) => i.rule === rule);
      assert.ok(hit, `expected ${rule}, got ${JSON.stringify(issues)}`);
      assert.equal(hit.severity, RULES[rule]?.severity);
      assert.equal(hit.caseId, "case-7");
      assert.match(hit.where, /^Person 1: /);
      assert.ok(hit.item);
    });
  }
  test("S2-11 and S2-12: the same UPN twice is an error; the same name and birth date a query", () => {
    const other = clone();
    const issues = validateReturn(sen2([clone(), other]));
    assert.deepEqual(
      issues.map((i) => [i.rule, i.severity, i.person]),
      [
        ["S2-11", "error", 1],
        ["S2-12", "query", 1],
      ],
    );
  });
  test("every rule has a failing child here", () => {
    assert.deepEqual(Object.keys(RULES).sort(), [...Object.keys(failing), "S2-11", "S2-12"].sort());
  });
});

// ---- XML ------------------------------------------------------------------------------------------

describe("XML", () => {
  test("a hand-written file with the other spellings is read", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails><Collection>SEN2</Collection><Year>2027</Year><ReferenceDate>2027-01-21</ReferenceDate></CollectionDetails>
    <Source><SourceLevel>L</SourceLevel><LEA>083</LEA><SoftwareCode>Other</SoftwareCode><Release>9</Release><SerialNo>4</SerialNo><DateTime>2027-02-01T10:00:00</DateTime></Source>
  </Header>
  <Persons>
    <Person>
      <Surname>O'Neill &amp; Co</Surname><Forename>Bea</Forename><PersonBirthDate>2012-05-06</PersonBirthDate><Sex>M</Sex>
      <UPNunknown>UN2</UPNunknown>
      <Requests>
        <ReceivedDate>2026-02-02</ReceivedDate><RequestOutcome>A</RequestOutcome>
      </Requests>
      <Requests>
        <ReceivedDate>2019-02-02</ReceivedDate><RequestOutcome>H</RequestOutcome>
        <Assessment><AssessmentOutcome>H</AssessmentOutcome><Week20>0</Week20>
          <NamedPlan><StartDate>2019-06-01</StartDate><PlanDetail><SENSetting>EHE</SENSetting><PlacementRank>1</PlacementRank></PlanDetail></NamedPlan>
        </Assessment>
        <ActivePlans>
          <PlacementDetail><SENSetting>EHE</SENSetting><PlacementRank>1</PlacementRank><EntryDate>2019-09-01</EntryDate></PlacementDetail>
          <SENneed><SENtype>SEMH</SENtype><SENtypeRank>1</SENtypeRank></SENneed>
        </ActivePlans>
      </Requests>
    </Person>
  </Persons>
</Message>`;
    const parsed = parseSen2Xml(xml);
    assert.ok(parsed.ok);
    assert.equal(parsed.sen2.header.LEA, "083", "leading zeros kept");
    const p = parsed.sen2.persons[0];
    assert.equal(p?.Surname, "O'Neill & Co");
    assert.equal(p?.Requests.length, 2);
    assert.equal(p?.Requests[1]?.Assessment?.NamedPlan?.PlanDetail[0]?.SENsetting, "EHE");
    assert.deepEqual(validateReturn(parsed.sen2), []);
  });

  test("not XML, another collection, a DOCTYPE: each a clear message", () => {
    const messages = (text: string) => {
      const r = parseSen2Xml(text);
      assert.equal(r.ok, false);
      return r.ok ? "" : (r.problems[0]?.message ?? "");
    };
    assert.match(messages("Surname,Forename\nA,B"), /not XML/);
    assert.match(messages("<Message><Header>"), /not well-formed/);
    assert.match(
      messages("<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header></Message>"),
      /"CIN" collection, not SEN2/,
    );
    assert.match(messages('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><Message/>'), /DOCTYPE/);
    assert.match(messages("<html><body>hi</body></html>"), /not a SEN2 return/);
  });
});

// ---- Round trip -----------------------------------------------------------------------------------

describe("round trip", () => {
  test("a generated caseload exported, read back and exported again gives the same XML", () => {
    const records = generateCaseload({ seed: 17, plans: 300, today: "2027-02-01", caseworkers: [{ id: "u1", name: "Casey" }] });
    // The generator makes no transfers in: add one, and a child with no UPN.
    records.push(
      child(
        {
          plans: [
            { id: "p9", made: "2023-03-01", versions: [{ issued: "2023-03-01", kind: "final" }], transferredIn: { date: "2026-05-01", from: "886" } },
          ],
          placements: [school],
        },
        "t1",
      ),
      child(
        {
          child: { ...child().child, upn: undefined, upnUnknown: "UN8", lastName: "Nopupil" },
          requests: [request({ withdrawn: { date: "2026-04-01" } })],
        },
        "t2",
      ),
    );
    const first = buildReturn(records, YEAR, header);
    assert.ok(first.sen2.persons.length > 300, `persons: ${first.sen2.persons.length}`);
    const xml = sen2ToXml(first.sen2);
    const parsed = parseSen2Xml(xml);
    assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
    let n = 0;
    const imported = recordsFromReturn(parsed.sen2, { newId: () => `id-${++n}`, caseworker });
    assert.equal(imported.length, first.sen2.persons.length);
    const second = buildReturn(imported, YEAR, header);
    assert.equal(sen2ToXml(second.sen2), xml);
    // Something of every module was exercised.
    for (const item of [
      "<TransferLA>886",
      "<UPNunknown>UN8",
      "<CeaseReason>",
      "<RequestOutcome>W",
      "<RequestOutcome>N",
      "<AssessmentOutcome>Y",
      "<Week20>1",
      "<SENneed>",
      "<DSCO>Recruiting",
    ])
      assert.ok(xml.includes(item), item);
    assert.equal(personsInScope(imported, YEAR).length, first.sen2.persons.length);
  });
});

describe("items recorded on the case forms", () => {
  /** A record built as a caseworker builds it: event by event, each checked by the rules of the forms. */
  function recorded(id: string, born: string, events: [EventKind, Record<string, unknown>][]): CaseRecord {
    let record = child({ child: { ...child().child, dateOfBirth: born, upn: undefined, upnUnknown: "UN8", lastName: id } }, id);
    let n = 0;
    for (const [kind, data] of events) {
      const applied = applyCaseEvent(record, { kind, data }, "2027-02-01", () => `${id}-${++n}`);
      assert.ok(applied.ok, `${kind}: ${JSON.stringify(!applied.ok && applied.problems)}`);
      record = applied.record;
    }
    return record;
  }

  test("every item of the return has a place in the record: written, read back and written again the same", () => {
    const youngPerson = recorded("Young", "2008-05-01", [
      ["requestReceived", { received: "2025-09-01", requestedBy: "young-person", youthAccommodation: "yes" }],
      ["decisionRecorded", { date: "2025-10-10", outcome: "assess" }],
      ["finalPlanIssued", { date: "2026-01-20", personalBudget: "yes", organisedArrangements: "yes", directPayments: "yes" }],
      [
        "placementStarted",
        {
          settingName: "Kent Training",
          urn: "10012345",
          settingType: "post16",
          residential: "yes",
          residentialWeeks: "52",
          workBased: "apprenticeship",
          start: "2026-01-20",
        },
      ],
      ["mediationAndAppeal", { otherMediation: "yes", otherAppeal: "yes" }],
      ["reviewMeeting", { meeting: "2026-11-02" }],
      ["reviewDecision", { outcome: "amend", date: "2026-11-20" }],
      ["amendmentNoticeSent", { date: "2026-11-20" }],
    ]);
    const movedAway = recorded("Moved", "2014-01-01", [
      ["requestReceived", { received: "2026-02-01", requestedBy: "parent" }],
      ["requestWithdrawn", { date: "2026-03-01", movedAway: "yes" }],
    ]);
    const twoSettings = recorded("Dual", "2013-01-01", [
      ["requestReceived", { received: "2026-02-02", requestedBy: "school" }],
      ["decisionRecorded", { date: "2026-03-01", outcome: "assess" }],
      ["finalPlanIssued", { date: "2026-06-01" }],
      [
        "placementStarted",
        { settingName: "Tuition", settingCode: "OTH", settingDescription: "Hospital tuition service", settingType: "other", start: "2026-06-01" },
      ],
      ["placementStarted", { settingName: "Oak unit", urn: "123457", settingType: "resourced", senUnit: "yes", start: "2026-06-01" }],
    ]);
    const first = buildReturn([youngPerson, movedAway, twoSettings], YEAR, header);
    const xml = sen2ToXml(first.sen2);
    for (const item of [
      "<RYA>1</RYA>",
      "<Exported>1</Exported>",
      "<OtherMediation>1</OtherMediation>",
      "<OtherTribunal>1</OtherTribunal>",
      "<PlanRes>B</PlanRes>",
      "<PlanWBP>A</PlanWBP>",
      "<PB>1</PB>",
      "<OA>1</OA>",
      "<DP>1</DP>",
      "<ReviewDraft>2026-11-20</ReviewDraft>",
      "<SENsettingOther>Hospital tuition service</SENsettingOther>",
      "<SENunitIndicator>1</SENunitIndicator>",
      "<WBP>1</WBP>",
    ])
      assert.ok(xml.includes(item), item);
    // In the guide's order: RYA after RequestSource, PlanRes straight after StartDate.
    assert.match(xml, /<RequestSource>[^<]*<\/RequestSource>\s*<RYA>/);
    assert.match(xml, /<StartDate>2026-01-20<\/StartDate>\s*<PlanRes>B<\/PlanRes>\s*<PlanWBP>A<\/PlanWBP>\s*<PB>1<\/PB>\s*<OA>1<\/OA>\s*<DP>1<\/DP>/);
    const parsed = parseSen2Xml(xml);
    assert.ok(parsed.ok);
    let n = 0;
    const imported = recordsFromReturn(parsed.sen2, { newId: () => `id-${++n}`, caseworker });
    assert.equal(sen2ToXml(buildReturn(imported, YEAR, header).sen2), xml);
    const young = imported.find((r) => r.child.lastName === "Young");
    assert.deepEqual(young?.plans[0]?.personalBudget, { organisedArrangements: true, directPayments: true });
    assert.equal(young?.placements[0]?.residentialWeeks, "52");
    assert.equal(young?.placements[0]?.workBased, "apprenticeship");
    assert.equal(young?.requests[0]?.youthAccommodation, true);
    // The timeline's events carry the same items, in the forms' own words.
    const events = eventsForRecord(young as CaseRecord);
    assert.equal(events.find((e) => e.kind === "finalPlanIssued")?.data.directPayments, "yes");
    assert.equal(events.find((e) => e.kind === "placementStarted")?.data.residentialWeeks, "52");
  });

  test("the forms refuse what cannot be: weeks for a place that is not residential, an SEN unit that is not resourced provision", () => {
    const base = recorded("Rules", "2012-01-01", []);
    const refused = (data: Record<string, unknown>) => {
      const applied = applyCaseEvent(
        base,
        { kind: "placementStarted", data: { settingName: "Oak", urn: "123456", start: "2026-01-05", ...data } },
        "2027-02-01",
        () => "x",
      );
      return applied.ok ? [] : applied.problems.map((p) => p.field);
    };
    assert.deepEqual(refused({ settingType: "special", residentialWeeks: "52" }), ["residentialWeeks"]);
    assert.deepEqual(refused({ settingType: "mainstream", senUnit: "yes" }), ["senUnit"]);
    assert.deepEqual(refused({ settingType: "post16", workBased: "gap-year" }), ["workBased"]);
    assert.deepEqual(refused({ settingType: "special", residential: "yes", residentialWeeks: "52" }), []);
  });
});
