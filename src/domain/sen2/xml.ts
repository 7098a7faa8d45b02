// The SEN2 return as XML and back (docs/sen2-format.md §1.2), with fast-xml-parser. Reading never
// throws: a file that is not XML, or not a SEN2 return, gives problems saying what and where.
import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser";
import { COLLECTION, DESIGNATED_OFFICER_PARENT, ELEMENT_ALIASES, ROOT_ELEMENT, SETTING_ELEMENT } from "./constants.ts";
import type { Sen2Header, Sen2Person, Sen2Return, Sen2Setting } from "./model.ts";

export interface Sen2Problem {
  /** The child, as "Person 3 (Surname, Forename)", or "File" / "Header". */
  where: string;
  item: string;
  message: string;
}

export function sen2ToXml(sen2: Sen2Return): string {
  const h = sen2.header;
  const officers = { ...(h.DMO ? { DMO: h.DMO } : {}), ...(h.DCO ? { DCO: h.DCO } : {}), ...(h.DSCO ? { DSCO: h.DSCO } : {}) };
  const document = {
    "?xml": { "@_version": "1.0", "@_encoding": "UTF-8" },
    [ROOT_ELEMENT]: {
      Header: {
        CollectionDetails: { Collection: h.Collection, Year: h.Year, ReferenceDate: h.ReferenceDate },
        Source: {
          SourceLevel: h.SourceLevel,
          LEA: h.LEA,
          SoftwareCode: h.SoftwareCode,
          Release: h.Release,
          SerialNo: h.SerialNo,
          DateTime: h.DateTime,
        },
        ...(Object.keys(officers).length ? { [DESIGNATED_OFFICER_PARENT]: officers } : {}),
      },
      Persons: { Person: sen2.persons.map(personElement) },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: "  ", suppressEmptyNode: true });
  return builder.build(document);
}

function settingElement(s: Sen2Setting): Record<string, unknown> {
  const { SENsetting, SENsettingOther, ...rest } = s;
  // Keep the guide's order: identifier first.
  const out: Record<string, unknown> = {};
  if (rest.URN) out.URN = rest.URN;
  if (rest.UKPRN) out.UKPRN = rest.UKPRN;
  if (SENsetting) out[SETTING_ELEMENT] = SENsetting;
  if (SENsettingOther) out[`${SETTING_ELEMENT}Other`] = SENsettingOther;
  for (const [key, value] of Object.entries(rest)) if (key !== "URN" && key !== "UKPRN" && value !== undefined) out[key] = value;
  return out;
}

function personElement(p: Sen2Person): Record<string, unknown> {
  return {
    ...Object.fromEntries(Object.entries(p).filter(([key]) => key !== "Requests")),
    Requests: p.Requests.map((r) => {
      const { Assessment, ActivePlans, ...items } = r;
      return {
        ...items,
        ...(Assessment
          ? {
              Assessment: {
                ...Object.fromEntries(Object.entries(Assessment).filter(([key]) => key !== "NamedPlan")),
                ...(Assessment.NamedPlan
                  ? {
                      NamedPlan: {
                        ...Object.fromEntries(Object.entries(Assessment.NamedPlan).filter(([key]) => key !== "PlanDetail")),
                        PlanDetail: Assessment.NamedPlan.PlanDetail.map(settingElement),
                      },
                    }
                  : {}),
              },
            }
          : {}),
        ...(ActivePlans
          ? {
              ActivePlans: {
                ...Object.fromEntries(Object.entries(ActivePlans).filter(([key]) => key !== "PlacementDetail" && key !== "SENneed")),
                PlacementDetail: ActivePlans.PlacementDetail.map(settingElement),
                SENneed: ActivePlans.SENneed,
              },
            }
          : {}),
      };
    }),
  };
}

const REPEATING = new Set(["Person", "Requests", "Assessment", "NamedPlan", "ActivePlans", "PlanDetail", "PlacementDetail", "SENneed"]);

export type ParseResult = { ok: true; sen2: Sen2Return } | { ok: false; problems: Sen2Problem[] };

/** Reads a person-level SEN2 XML file. Element names are matched as the notes list them, with known alternative spellings. */
export function parseSen2Xml(text: string): ParseResult {
  const file = (message: string): ParseResult => ({ ok: false, problems: [{ where: "File", item: "", message }] });
  if (!text.trim()) return file("The file is empty. Choose the SEN2 XML file your case system exported.");
  if (!text.trimStart().startsWith("<")) return file("The file is not XML. Choose the SEN2 XML file (it starts with <?xml or <Message>).");
  const valid = XMLValidator.validate(text);
  if (valid !== true) return file(`The file is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`);
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return file("The file declares a DOCTYPE or entities, which a SEN2 return never has; it was not read.");
  const parser = new XMLParser({
    ignoreAttributes: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: true,
    removeNSPrefix: true,
    transformTagName: (name) => ELEMENT_ALIASES[name] ?? name,
    isArray: (name) => REPEATING.has(name),
  });
  let tree: Record<string, unknown>;
  try {
    tree = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    return file(`The file could not be read as XML (${(error as Error).message}).`);
  }
  const rootName = Object.keys(tree).find((k) => k !== "?xml");
  const root = rootName ? (tree[rootName] as Record<string, unknown>) : undefined;
  const header = obj(root?.Header);
  const details = obj(header?.CollectionDetails);
  if (!root || !header || !details) return file("This is XML but not a SEN2 return: it has no Header with CollectionDetails.");
  const collection = str(details.Collection);
  if (collection.toUpperCase() !== COLLECTION) {
    return file(`This is a return for the "${collection || "unnamed"}" collection, not ${COLLECTION}. Choose the council's SEN2 return.`);
  }
  const source = obj(header.Source) ?? {};
  const officers = obj(header[DESIGNATED_OFFICER_PARENT]) ?? header;
  const h: Sen2Header = {
    Collection: collection,
    Year: str(details.Year),
    ReferenceDate: str(details.ReferenceDate),
    SourceLevel: str(source.SourceLevel),
    LEA: str(source.LEA),
    SoftwareCode: str(source.SoftwareCode),
    Release: str(source.Release),
    SerialNo: str(source.SerialNo),
    DateTime: str(source.DateTime),
    ...optional(officers, ["DMO", "DCO", "DSCO"]),
  };
  const persons = (arr(obj(root.Persons)?.Person) as Record<string, unknown>[]).map(readPerson);
  return { ok: true, sen2: { header: h, persons } };
}

function readPerson(p: Record<string, unknown>): Sen2Person {
  return {
    Surname: str(p.Surname),
    Forename: str(p.Forename),
    PersonBirthDate: str(p.PersonBirthDate),
    Sex: str(p.Sex),
    ...optional(p, ["Ethnicity", "PostCode", "UPN", "UniqueLearnerNumber", "UPNunknown"]),
    Requests: arr(p.Requests).map((r) => {
      const assessments = arr(r.Assessment);
      const active = arr(r.ActivePlans);
      const a = assessments[0];
      const plan = a ? arr(a.NamedPlan)[0] : undefined;
      const ap = active[0];
      return {
        ReceivedDate: str(r.ReceivedDate),
        ...optional(r, ["RequestSource", "RYA", "RequestOutcomeDate"]),
        RequestOutcome: str(r.RequestOutcome),
        RequestMediation: str(r.RequestMediation) || "0",
        RequestTribunal: str(r.RequestTribunal) || "0",
        ...optional(r, ["Exported"]),
        ...(assessments.length > 1 ? { extraAssessments: assessments.length - 1 } : {}),
        ...(a
          ? {
              Assessment: {
                AssessmentOutcome: str(a.AssessmentOutcome),
                ...optional(a, ["AssessmentOutcomeDate"]),
                AssessmentMediation: str(a.AssessmentMediation) || "0",
                AssessmentTribunal: str(a.AssessmentTribunal) || "0",
                ...optional(a, ["OtherMediation", "OtherTribunal"]),
                Week20: str(a.Week20) || "0",
                ...(plan
                  ? {
                      NamedPlan: {
                        StartDate: str(plan.StartDate),
                        ...optional(plan, ["PlanRes", "PlanWBP", "PB", "OA", "DP", "CeaseDate", "CeaseReason"]),
                        PlanDetail: arr(plan.PlanDetail).map(readSetting),
                      },
                    }
                  : {}),
              },
            }
          : {}),
        ...(ap
          ? {
              ActivePlans: {
                ...optional(ap, [
                  "TransferLA",
                  "ReviewMeeting",
                  "ReviewOutcome",
                  "ReviewDraft",
                  "PhaseTransferDueDate",
                  "PhaseTransferFinalDate",
                  "LastReview",
                ]),
                PlacementDetail: arr(ap.PlacementDetail).map(readSetting),
                SENneed: arr(ap.SENneed).map((n) => ({ SENtype: str(n.SENtype), SENtypeRank: str(n.SENtypeRank) })),
              },
            }
          : {}),
      };
    }),
  };
}

function readSetting(s: Record<string, unknown>): Sen2Setting {
  return {
    ...optional(s, ["URN", "UKPRN", "SENsetting", "SENsettingOther"]),
    PlacementRank: str(s.PlacementRank),
    ...optional(s, ["EntryDate", "LeavingDate", "SENunitIndicator", "ResourcedProvisionIndicator", "Res", "WBP"]),
  };
}

function obj(value: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(value)) return obj(value[0]);
  return value && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}
function arr(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (v && typeof v === "object" ? (v as Record<string, unknown>) : {}));
}
function str(value: unknown): string {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number") return String(value);
  return "";
}
function optional(from: Record<string, unknown>, keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = str(from[key]);
    if (value) out[key] = value;
  }
  return out;
}
