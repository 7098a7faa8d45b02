// Thurrock: the local area SEND Written Statement of Action (WSOA) answering the Ofsted and CQC
// joint local area SEND inspection of 4-8 March 2019, as presented to the Extraordinary Children's
// Services Overview and Scrutiny Committee on 25 July 2019 ("SEND LOCAL AREA Written
// Statement of Action", Version 2, August 2019), with a quarterly history to October 2020.
//
// What is transcribed and what is not:
// - The three significant weaknesses, their aims and KPIs, and every row of the three action
//   tables (improvement area, actions, success measures, lead, governance forum, timescale and the
//   July 2019 progress update) are the council's words. Only PDF-extraction breakage is mended:
//   rows split over page breaks are joined, and a table cell holding two paragraphs (<p>...</p>) with
//   their own lead, forum or timescale is split into two actions. Merged cells (left blank on the
//   second row of a pair) are carried down and noted at the item. The council's typos are kept
//   ("SSEND", "joint up information").
// - Improvement areas are nested sections numbered as the council numbers them within each
//   weakness ("7", and "1-4", "9-10", "11-12" where one table row carries two or more numbers).
//   Actions within an area are numbered "<area>.<n>" in table order; the council does not number
//   them. External ids are "thurrock-wsoa-2019-<weakness>.<first area number>.<n>".
// - Leads are the roles as printed. The WSOA's "Key responsible people" table names the post
//   holders, but the rows give roles only, so only roles are recorded.
// - Forums: the tables name the SEND Development Board, the SEND Operational Group (also printed
//   "Operational SEND Group" and, in weakness 3, "SEND Operational Board": the report's governance
//   section names only a "SEND Operational Group", so these are treated as one forum), the
//   Directors Board, Thurrock's Youth Cabinet and the Commissioning team. The Children's Overview
//   and Scrutiny Committee (standing agenda item) and the quarterly DfE / NHS England monitoring are
//   plan-level forums. Only 14 June 2019 (first SEND Development Board) and 25 July 2019 are in the
//   seed; the other meeting dates are plausible.
// - RAG: the RAG column and the RAG summary table are empty in the seed (a draft, or colours lost
//   in the extraction). The initial rating of each action (25 July 2019) is therefore inferred from
//   its printed progress update using the WSOA's own key: no update = not started = red; started
//   with some delay = amber; under way and on track = light green; done = completed. Where the
//   seed prints no progress update, the first update says so.
// - Updates after 25 July 2019 are ILLUSTRATIVE: quarterly reports for October 2019 (the summary
//   table's "Current Month October"), January, April, July and October 2020, with the COVID-19
//   disruption of spring 2020 showing as some worse ratings. They are not a record.
import type { IsoDate } from "../../../domain/dates.ts";
import type { ActionUpdate, PlanSeed } from "../../../domain/plans/types.ts";

type FiveLevelCode = "red" | "amber" | "light-green" | "green" | "completed";

function u(date: IsoDate, status: FiveLevelCode, commentary: string): ActionUpdate {
  return { date, status, commentary };
}

/** The WSOA as presented to the Children's Overview and Scrutiny Committee (submitted to Ofsted 12 August 2019). */
const JUL19: IsoDate = "2019-07-25";
// Quarterly progress reports (illustrative dates).
const OCT19: IsoDate = "2019-10-15";
const JAN20: IsoDate = "2020-01-14";
const APR20: IsoDate = "2020-04-14";
const JUL20: IsoDate = "2020-07-14";
const OCT20: IsoDate = "2020-10-13";

const NO_UPDATE = "No progress update in the July 2019 WSOA: not yet started.";

const SDB = "send-development-board";
const SOG = "send-operational-group";
const DIRECTORS = "directors-board";
const YOUTH_CABINET = "youth-cabinet";
const COMMISSIONING = "commissioning-team";
const OSC = "childrens-overview-scrutiny";
const DFE_NHSE = "dfe-nhse-monitoring";

export const thurrockWsoa: PlanSeed = {
  externalId: "thurrock-wsoa-2019",
  title: "SEND Local Area: Written Statement of Action",
  type: "wsoa",
  source: {
    title: "Ofsted and CQC joint local area SEND inspection",
    // The inspection took place 4th-8th March 2019; the outcome letter's date is not in the seed.
    date: "2019-03-08",
  },
  owner: "Assistant Director Education and Skills",
  scheme: "five-level",
  cadence:
    "Monitored quarterly with the DfE and NHS England; scrutinised by the Thurrock SEND Development Board; standing item at the Children's Overview and Scrutiny Committee",
  approvedOn: JUL19,
  forums: [
    {
      code: SDB,
      name: "SEND Development Board",
      meetings: ["2019-06-14", "2019-09-13", "2019-12-13", "2020-03-13", "2020-06-12", "2020-09-11", "2020-12-11"],
    },
    {
      code: SOG,
      name: "SEND Operational Group",
      meetings: ["2019-07-10", "2019-09-04", "2019-11-06", "2020-01-08", "2020-03-04", "2020-05-06", "2020-07-08", "2020-09-02", "2020-11-04"],
    },
    { code: DIRECTORS, name: "Directors Board", meetings: ["2019-08-20", "2019-10-22", "2019-12-17", "2020-02-18", "2020-06-16", "2020-10-20"] },
    { code: YOUTH_CABINET, name: "Thurrock's Youth Cabinet", meetings: ["2019-09-26", "2019-11-28", "2020-01-30", "2020-09-24"] },
    { code: COMMISSIONING, name: "Commissioning team", meetings: ["2019-09-18", "2019-12-11", "2020-03-11", "2020-07-15", "2020-10-14"] },
    {
      code: OSC,
      name: "Children's Services Overview and Scrutiny Committee",
      meetings: ["2019-07-25", "2019-10-08", "2019-12-10", "2020-02-11", "2020-07-14", "2020-10-13", "2020-12-08"],
    },
    {
      code: DFE_NHSE,
      name: "DfE and NHS England quarterly monitoring",
      meetings: ["2019-10-17", "2020-01-16", "2020-04-23", "2020-07-16", "2020-10-15"],
    },
  ],
  sections: [
    {
      number: "1",
      title:
        "Significant weakness 1: Inaccurate and incomplete records, and ineffective oversight mean that leaders did not know the whereabouts of some children and young people and what provision they have.",
      kind: "significant-weakness",
      aim: "To ensure that the authority knows where all children are placed and the type of provision commissioned and that we apply processes to confirm the quality of provision and the welfare of children and young people placed in different settings particularly those out of the authority.\nWe will undertake a review of SEN, EHCP records and ensure that they are updated. This will be reviewed monthly by senior manager and reported through our performance management framework to Directors Board and the SEND Development Board.",
      kpis: [
        "All EHCP plans reviewed and quality assured to meet statutory assessment timelines",
        "An accurate list of all C&YP with EHCPs:-",
        "- Where they are placed",
        "- Date the EHCP was reviewed and when next review is due",
        "- For those placed in residential /out of authority or home educated dates of the last monitoring visits to check welfare",
        '- Up to date information around children/young people who are "awaiting provision"',
        "- Clear processes in place to ensure we are tracking those that may be missing",
        "Target:- The system at any time can produce this information readily.",
      ].join("\n"),
      actions: [],
      sections: [
        {
          number: "1-4",
          title:
            "Management Oversight: 1. Realignment of Education and Skills to strengthen management oversight of SEN:- 2. To oversee and quality assure practice. 3. To monitor and review the quality of plans and quality assure the review timetable. 4. To oversee the post-16 offer and preparing for adulthood transition",
          kind: "improvement-area",
          actions: [
            {
              number: "1-4.1",
              externalId: "thurrock-wsoa-2019-1.1.1",
              text: "Realignment documentation has been completed",
              successMeasures: "New management structure is in place",
              leadRole: "Assistant Director Education and Skills",
              forums: [SDB],
              timescale: "May 2019",
              updates: [
                u(
                  JUL19,
                  "completed",
                  "New management structure in place with two additional leads to ensure closer oversight of quality of provision, operational practice and post 16 offer.",
                ),
              ],
            },
            {
              number: "1-4.2",
              externalId: "thurrock-wsoa-2019-1.1.2",
              text: "Consultation has taken place",
              // Success measure, lead, forum and timescale cells are merged with the row above.
              successMeasures: "New management structure is in place",
              leadRole: "Assistant Director Education and Skills",
              forums: [SDB],
              timescale: "May 2019",
              updates: [
                u(JUL19, "completed", "Consultation on the realignment completed before the new structure was put in place (see the row above)."),
              ],
            },
            {
              number: "1-4.3",
              externalId: "thurrock-wsoa-2019-1.1.3",
              text: "New Management Structure is in place",
              successMeasures: "Review undertaken in 6 months to measure impact of changes",
              // Lead and forum cells are merged with the rows above.
              leadRole: "Assistant Director Education and Skills",
              forums: [SDB],
              timescale: "Nov 2019",
              updates: [
                u(JUL19, "light-green", "New structure in place; review of its impact due six months on, in November 2019."),
                u(OCT19, "light-green", "Six-month review scheduled for November; terms of reference agreed with the SEND Development Board."),
                u(
                  JAN20,
                  "green",
                  "Six-month review completed in November 2019: closer oversight of plans, practice and post 16 evidenced in monthly performance meetings.",
                ),
                u(JUL20, "completed", "Structure embedded; oversight sustained through the COVID-19 period. Closed."),
              ],
            },
          ],
        },
        {
          number: "5",
          title: "Governance: SEND Development Board established",
          kind: "improvement-area",
          actions: [
            {
              number: "5.1",
              externalId: "thurrock-wsoa-2019-1.5.1",
              text: "Membership agreed. The chair of the board is the PFH for Education and Health they will hold performance of SEND department to account in line with SEND Code of Practice.",
              successMeasures:
                "Board will receive quarterly reports on the improvement journey of the SEND Service and reports from the work streams",
              leadRole: "Assistant Director Education and Skills",
              forums: [SDB],
              timescale: "June 2019",
              updates: [
                u(JUL19, "light-green", "New board will meet on 14th June to oversee the development of the Written Statement of Action"),
                u(
                  OCT19,
                  "green",
                  "Board met on 14 June and 13 September 2019; membership and terms of reference agreed, chaired by the PFH for Education and Health.",
                ),
                u(JAN20, "completed", "Board meeting quarterly and holding the SEND service to account. Closed."),
              ],
            },
            {
              number: "5.2",
              externalId: "thurrock-wsoa-2019-1.5.2",
              text: "Regularly reporting around progress against the action plan.",
              // The success measure cell is shared with the row above.
              successMeasures:
                "Board will receive quarterly reports on the improvement journey of the SEND Service and reports from the work streams",
              leadRole: "Senior Management Team SEN Services",
              forums: [SOG],
              timescale: "June 2019",
              updates: [
                u(JUL19, "light-green", "Reporting arrangements being set up alongside the new board (see the row above)."),
                u(OCT19, "light-green", "SEND operational group reporting monthly; first quarterly report to the Board in September 2019."),
                u(JAN20, "green", "Quarterly reports and work stream reports received by the Board in September and December 2019."),
                u(APR20, "green", "Reporting continued with meetings held online during COVID-19."),
                u(JUL20, "completed", "Quarterly reporting embedded. Closed."),
              ],
            },
          ],
        },
        {
          number: "6",
          title: "Management oversight: Develop a performance management framework to enable the SEND Board to monitor and challenge progress",
          kind: "improvement-area",
          actions: [
            {
              number: "6.1",
              externalId: "thurrock-wsoa-2019-1.6.1",
              text: "Working with Public Health, CCG and other partners to develop a performance framework that will demonstrate a system wide approach to children and young people with SEND.",
              successMeasures: "Framework developed and reporting processes in place",
              leadRole: "Assistant Director Education and Skills; PQBI Team",
              forums: [SDB],
              timescale: "Quarterly report provided starting in September 2019",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "amber", "Draft framework agreed with Public Health and the CCG; first quarterly report moved from September to December."),
                u(JAN20, "light-green", "First quarterly performance report received by the SEND Development Board in December 2019."),
                u(APR20, "amber", "March report incomplete: health and school data returns delayed by COVID-19."),
                u(JUL20, "light-green", "Full quarterly report resumed for the June Board."),
                u(OCT20, "green", "Framework in use for three consecutive quarters; the Board challenges on the indicators."),
              ],
            },
          ],
        },
        {
          number: "7",
          title:
            "Record keeping: Carry out data quality assurance to ensure SEND data is accurate and informs understanding of activity and timeliness (Data to drive practice and performance)",
          kind: "improvement-area",
          actions: [
            {
              number: "7.1",
              externalId: "thurrock-wsoa-2019-1.7.1",
              text: "Review all data currently held on the system to ensure it is accurate.",
              successMeasures: "Reports in place and used to inform targets",
              leadRole: "Strategic Lead Business Intelligence",
              forums: [SDB],
              timescale: "September 2019",
              updates: [
                u(JUL19, "amber", "An integration project team will be established."),
                u(OCT19, "light-green", "Integration project team established; review of the data held is under way."),
                u(JAN20, "green", "Data review completed; reports in place and used to set targets for EHCP timeliness."),
                u(OCT20, "completed", "Data quality checks part of the monthly performance cycle. Closed."),
              ],
            },
            {
              number: "7.2",
              externalId: "thurrock-wsoa-2019-1.7.2",
              text: "Review current arrangements in terms of integration for Synergy, Liquid Logic and ECC's Capita systems with an aim of establishing an SEND data integration project.",
              successMeasures: "Options appraisal developed and integration plan agreed",
              leadRole: "Assistant Director/Strategic Lead Business Intelligence",
              forums: [DIRECTORS],
              timescale: "October 2019",
              updates: [
                u(
                  JUL19,
                  "amber",
                  'An options appraisal is currently in development. A resource has been identified to drive up data analysis and will have a clear brief on roles and responsibilities. Agreement has been given to "go off" Matrix to find a suitable candidate on an interim basis.',
                ),
                u(OCT19, "amber", "Interim data analyst started in September; options appraisal now due at Directors Board in December."),
                u(JAN20, "light-green", "Options appraisal considered by Directors Board in December 2019; integration plan agreed in principle."),
                u(APR20, "amber", "Integration project paused while ICT resources support remote working (COVID-19)."),
                u(JUL20, "light-green", "Integration project restarted; plan agreed."),
                u(OCT20, "light-green", "Synergy and Liquid Logic integration in test; Capita interface next."),
              ],
            },
          ],
        },
        {
          number: "8",
          title: "Record keeping: Progress the Synergy Health Check work",
          kind: "improvement-area",
          actions: [
            {
              number: "8.1",
              externalId: "thurrock-wsoa-2019-1.8.1",
              text: "Progress the actions identified for improvement as part of the health check in light of the above action – to provide an integrated data system.",
              successMeasures: "Notes of meeting and updated Synergy documents",
              leadRole: "Strategic Lead, Business Intelligence",
              forums: [SDB],
              timescale: "Oct 2019",
              updates: [
                u(JUL19, "amber", "Plan is being developed to support this work"),
                u(OCT19, "light-green", "Health check actions in progress; updated Synergy documents shared with the SEND team."),
                u(JAN20, "green", "Health check actions completed and recorded in the updated Synergy documents."),
                u(JUL20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "9",
          title: "Record keeping: Research the introduction of on line EHCP system and ensure that it is fit for purpose",
          kind: "improvement-area",
          actions: [
            {
              number: "9.1",
              externalId: "thurrock-wsoa-2019-1.9.1",
              text: "Deliver Multi Agency training to support its use",
              successMeasures: "Multi-agency events delivered summer term",
              leadRole: "Strategic Lead, Business Intelligence",
              forums: [SOG],
              timescale: "Nov 2019",
              updates: [
                u(JUL19, "red", "The plan will include enhancements that make a difference to children and young people"),
                u(OCT19, "amber", "Online EHCP systems being researched; training can only follow the choice of system."),
                u(JAN20, "amber", "Supplier demonstrations held; multi-agency training planned for the summer term."),
                u(APR20, "red", "Summer term multi-agency events cancelled (COVID-19); training to be redesigned for remote delivery."),
                u(JUL20, "amber", "Remote multi-agency sessions scheduled for the autumn term."),
                u(OCT20, "light-green", "First two remote multi-agency sessions delivered; further dates set."),
              ],
            },
          ],
        },
        {
          number: "10",
          title: "Record keeping: Review all current EHCP plans on the system",
          kind: "improvement-area",
          actions: [
            {
              number: "10.1",
              externalId: "thurrock-wsoa-2019-1.10.1",
              text: "Recruit additional capacity to complete Synergy data quality assurance audit",
              successMeasures: "100% Records are accurate and up to date",
              leadRole: "Strategic Lead School Effectiveness/SEND",
              forums: [SDB],
              timescale: "October 2019",
              updates: [
                u(
                  JUL19,
                  "light-green",
                  "This work is in progress – we have increased short term capacity in the team to enable us to complete this task.",
                ),
                u(OCT19, "green", "Additional capacity in post; data quality audit on schedule."),
                u(JAN20, "completed", "Audit capacity no longer needed after the audit finished. Closed."),
              ],
            },
            {
              number: "10.2",
              externalId: "thurrock-wsoa-2019-1.10.2",
              text: "Undertake an audit of every EHCP and casefile to ensure all records are accurate",
              // The row continues over a page break; its success measure, forum and timescale cells are merged with the row above.
              // The lead cell may be one cell naming both roles; it is read here as a second lead for this row.
              successMeasures: "100% Records are accurate and up to date",
              leadRole: "Service Manager Post 16",
              forums: [SDB],
              timescale: "October 2019",
              updates: [
                u(JUL19, "amber", "Audit to start once the additional capacity is in post (see the row above)."),
                u(OCT19, "amber", "Audit about 60% complete; October will not be met."),
                u(JAN20, "green", "Audit of every EHCP and casefile completed in January 2020; records corrected."),
                u(JUL20, "completed", "Monthly record checks keep records accurate. Closed."),
              ],
            },
          ],
        },
      ],
    },
    {
      number: "2",
      title:
        "Significant Weakness 2: Quality assurance is not rigorous enough to ensure effective governance and oversight across the provision and services for 0 to 25-year-olds with SEND. Leaders are reliant on working relationships rather than processes. Leaders are over reliant on the limited information given to them by educational providers about the quality of the provision they purchase.",
      kind: "significant-weakness",
      aim: [
        "(i) Ensure relevant governing bodies (eg SEND Development Board and HWB) have access to a range of indicators relating to outcomes, service quality and performance to assess how well the local area is meeting the needs of CYP with SEND",
        "(ii) Ensure key services for C&YP operate within a newly refreshed QA framework",
      ].join("\n"),
      kpis: [
        "a) Developing a strategic data dashboard covering education, health and social care provision which includes outcomes and indicators of service quality and performance for use by strategic managers and governing bodies responsible for overseeing the provision of services of C&YPM with SEND and taking policy/commissioning decisions",
        "b) Developing a QA framework for key aspects of service delivery with priority over the next 18 months being given to the following:",
        "- EHCP's include the views, wishes and feelings of children, young people, their families and carers",
        "- EHCP's are clear, concise, understandable and accessible",
        "- EHCP's set out how partners will co-ordinate and work together to support the child, young person, parent and carers",
        "- EHCP's clearly identify need and include specific outcomes",
        "The framework will also be inclusive of those placed in independent/non maintained/residential settings and special circumstances.",
        "c) Reviewing post 16 local offer and how it links into the adult social care transitional pathway.",
      ].join("\n"),
      actions: [],
      sections: [
        {
          number: "1",
          title: "Quality of provision – post 16",
          kind: "improvement-area",
          actions: [
            {
              number: "1.1",
              externalId: "thurrock-wsoa-2019-2.1.1",
              text: "Review quality and impact of all Post 16 provision",
              successMeasures: "Post 16 training is fit for purpose and YP led",
              leadRole: "Service manager Post 16",
              forums: [SOG],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "light-green", "Review is being undertaken"),
                u(OCT19, "light-green", "Visits to post 16 providers under way; young people's views being gathered."),
                u(JAN20, "amber", "Review findings delayed to March 2020: two providers still to be visited."),
                u(APR20, "amber", "Final visits postponed (COVID-19); findings drafted from the visits completed."),
                u(JUL20, "light-green", "Review completed and reported to the SEND Operational Group."),
                u(OCT20, "green", "Provider improvement points agreed and followed up at contract meetings."),
              ],
            },
          ],
        },
        {
          number: "2",
          // The improvement area cell is printed as "Quality of provision -" with nothing after the dash.
          title: "Quality of provision -",
          kind: "improvement-area",
          actions: [
            {
              number: "2.1",
              externalId: "thurrock-wsoa-2019-2.2.1",
              text: "Deliver an engagement and communication strategy as informed by the SEND JSNA. In line with the Integrated Commissioning Framework for SEND, ensure all commissioning is co-designed with children, young people and parents",
              // No success measure is printed for this row.
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SDB],
              timescale: "Feb 2020",
              updates: [
                u(
                  JUL19,
                  "amber",
                  "The initial engagement work with partners is underway. Initial planning of co-design of Integrated Commissioning process underway. MT/HG to complete link to JSNA",
                ),
                u(OCT19, "amber", "Link to the SEND JSNA still to be completed by MT/HG."),
                u(JAN20, "light-green", "JSNA link completed; draft engagement and communication strategy shared with the parent carer forum."),
                u(APR20, "amber", "Co-design workshops postponed (COVID-19)."),
                u(JUL20, "light-green", "Co-design workshops held online; strategy agreed."),
                u(OCT20, "green", "Strategy in use; two commissioning exercises co-designed with parents and young people."),
              ],
            },
          ],
        },
        {
          number: "3",
          title: "Quality of Provision",
          kind: "improvement-area",
          actions: [
            {
              number: "3.1",
              externalId: "thurrock-wsoa-2019-2.3.1",
              text: "Employ new Send Inclusion Support office with Engagement and Partnership as part of their role to develop new relationship with parents regarding SEND/ to ensure we are using the feedback provided to evolve our quality assurance framework",
              successMeasures: "Engagement & participation plan developed in partnership with parents/carers and young people",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SDB],
              timescale: "Jan 2020",
              updates: [
                u(JUL19, "light-green", "New post holder started in post May 2019 researching current engagement groups"),
                u(OCT19, "light-green", "Engagement groups mapped; drafting the engagement and participation plan with parents."),
                u(
                  JAN20,
                  "green",
                  "Engagement & participation plan developed with parents/carers and young people; feedback now reported to the QA framework group.",
                ),
                u(JUL20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "4",
          title: "Quality of Provision",
          kind: "improvement-area",
          actions: [
            {
              number: "4.1",
              externalId: "thurrock-wsoa-2019-2.4.1",
              text: "Review Engagement strategy with CAPA to develop greater reach of service",
              successMeasures: "CAPA Action Plan",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SDB],
              timescale: "Feb 2020",
              updates: [
                u(JUL19, "amber", "Initial discussions taken place with planning to increase reach of service."),
                u(OCT19, "amber", "CAPA action plan in draft."),
                u(JAN20, "light-green", "CAPA action plan agreed; outreach sessions planned."),
                u(APR20, "light-green", "Outreach moved online; reach being tracked."),
                u(JUL20, "green", "CAPA action plan delivered; reach of the service increased."),
              ],
            },
          ],
        },
        {
          number: "5",
          title: "Engagement with children/young people",
          kind: "improvement-area",
          actions: [
            {
              number: "5.1",
              externalId: "thurrock-wsoa-2019-2.5.1",
              text: "New pupil/student Engagement Strategy and Implementation Plan to be developed.",
              successMeasures: "Strategy, Engagement Plan that has been co produced by young people",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SDB, YOUTH_CABINET],
              timescale: "Feb 2020",
              updates: [
                u(JUL19, "amber", "Initial scoping discussions underway"),
                u(OCT19, "amber", "Youth Cabinet agreed to co-produce the strategy; first session in November."),
                u(JAN20, "light-green", "Draft strategy co-produced with the Youth Cabinet."),
                u(APR20, "amber", "School closures (COVID-19) have stopped the engagement sessions in schools."),
                u(JUL20, "amber", "Implementation plan still to be co-produced; sessions restarting online."),
                u(OCT20, "light-green", "Strategy and implementation plan agreed with young people in September 2020."),
              ],
            },
          ],
        },
        {
          number: "6",
          title: "Quality of provision- out of borough",
          kind: "improvement-area",
          actions: [
            {
              number: "6.1",
              externalId: "thurrock-wsoa-2019-2.6.1",
              text: "Process of out of borough visits and quality assurance of placements to be strengthened as a part of commissioning activity including details in specifications.",
              successMeasures: "100% of all out of borough provisions are visited utilising the quality assurance framework",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SOG],
              timescale: "March 2020",
              updates: [
                u(
                  JUL19,
                  "amber",
                  "New process of out of borough visits and quality assurance is being developed linked to work across other areas with the Education & Skills directorate",
                ),
                u(OCT19, "light-green", "New visit process and QA template agreed; visits under way."),
                u(JAN20, "light-green", "62% of out of borough provisions visited using the QA framework."),
                u(APR20, "red", "Out of borough visits suspended (COVID-19); 78% visited before the suspension."),
                u(JUL20, "amber", "Virtual QA visits in place for the remaining provisions."),
                u(OCT20, "light-green", "All provisions now visited in person or virtually; in-person visits resuming."),
              ],
            },
          ],
        },
        {
          number: "7",
          title: "Quality of provision- out of borough",
          kind: "improvement-area",
          actions: [
            {
              number: "7.1",
              externalId: "thurrock-wsoa-2019-2.7.1",
              text: "Review list of all out of borough placements and planning schedule to ensure all placements are monitored annually including quality assurance process.",
              successMeasures: "List reviewed on a monthly basis – all out of borough placements will be visited once a year",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SOG],
              timescale: "Oct 2019",
              updates: [
                u(JUL19, "light-green", "Initial out of borough list has been reviewed. Specialist placement visits planned one completed."),
                u(OCT19, "green", "List reviewed monthly since August; annual visit schedule in place."),
                u(APR20, "green", "List still reviewed monthly; visits moved online during COVID-19."),
                u(JUL20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "8",
          title: "Quality of provision – out of borough Commissioning of provision in independent NMSS",
          kind: "improvement-area",
          actions: [
            {
              number: "8.1",
              externalId: "thurrock-wsoa-2019-2.8.1",
              text: "Introduce new KPI monitoring framework for all independent schools through a commissioning framework. Develop new monitoring visit schedule for all independent schools and implement monitoring for 2019/20",
              successMeasures: "KPI's developed linking with national best practice",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SOG],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "amber", "Review of National Contract specifications underway"),
                u(OCT19, "amber", "KPI framework drafted; monitoring visit schedule not yet set."),
                u(JAN20, "light-green", "KPIs agreed in line with the National Contract; monitoring visit schedule issued."),
                u(APR20, "light-green", "Monitoring by KPI returns continues while visits are suspended."),
                u(JUL20, "green", "KPI monitoring in place for all independent schools for 2019/20."),
              ],
            },
          ],
        },
        {
          number: "9",
          title: "Commissioning of provision",
          kind: "improvement-area",
          actions: [
            {
              number: "9.1",
              externalId: "thurrock-wsoa-2019-2.9.1",
              text: "Review of all service level agreements for local provisions to be carried out ensuring all are updated with appropriate KPI's in place.",
              successMeasures: "KPIs informs information re quality of provision",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SOG],
              timescale: "March 2020",
              updates: [
                u(JUL19, "amber", "New SLA for inclusion bases underway"),
                u(OCT19, "light-green", "New SLA for inclusion bases agreed; other SLAs under review."),
                u(JAN20, "light-green", "Most SLAs reviewed; KPIs added."),
                u(APR20, "amber", "Last SLA reviews delayed (COVID-19)."),
                u(JUL20, "light-green", "All SLAs reviewed and issued with KPIs."),
                u(OCT20, "green", "First KPI returns under the new SLAs received and reviewed."),
              ],
            },
            {
              number: "9.2",
              externalId: "thurrock-wsoa-2019-2.9.2",
              text: "Implement the Integrated Commissioning Framework for SEND.",
              // The success measure, lead, forum and timescale cells are shared with the row above.
              successMeasures: "KPIs informs information re quality of provision",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SOG],
              timescale: "March 2020",
              updates: [
                u(JUL19, "amber", "A refresh of the commissioning process is underway"),
                u(OCT19, "amber", "Refresh of the commissioning process continuing with the CCG."),
                u(JAN20, "amber", "Integrated Commissioning Framework drafted; sign-off by the CCG awaited."),
                u(APR20, "amber", "Sign-off delayed: CCG priorities changed by COVID-19."),
                u(JUL20, "light-green", "Framework signed off; implementation started."),
                u(OCT20, "light-green", "Framework in use for new commissioning; existing contracts moving over at renewal."),
              ],
            },
          ],
        },
        {
          number: "10",
          title: "Commissioning of provision",
          kind: "improvement-area",
          actions: [
            {
              number: "10.1",
              externalId: "thurrock-wsoa-2019-2.10.1",
              text: "All post 16 provisions have gone through commissioning/procurement process",
              successMeasures: "Post 16 training has gone through commissioning process",
              leadRole: "Service Manager Post 16",
              forums: [SOG],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "amber", "This is currently being reviewed and a report will be provided in October 2019"),
                u(OCT19, "light-green", "Report provided in October 2019; procurement of post 16 provision under way."),
                u(JAN20, "green", "All post 16 provisions have gone through the commissioning process."),
                u(JUL20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "11",
          title: "Effective Governance",
          kind: "improvement-area",
          actions: [
            {
              number: "11.1",
              externalId: "thurrock-wsoa-2019-2.11.1",
              text: "Audit of provision to be reported to SEND Development Board",
              successMeasures: "QA of provision has senior management oversight",
              leadRole: "Strategic Lead Specialist Provision",
              forums: [SDB],
              timescale: "July 2020",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "red", "Not started: the audit follows the new QA framework."),
                u(JAN20, "amber", "Audit design agreed with the SEND Development Board."),
                u(APR20, "amber", "Audit fieldwork limited by COVID-19."),
                u(JUL20, "light-green", "Audit of provision reported to the SEND Development Board in June 2020."),
                u(OCT20, "green", "Second audit report received; senior management oversight of QA of provision established."),
              ],
            },
          ],
        },
      ],
    },
    {
      number: "3",
      title:
        "Significant weakness 3: EHC plans and the annual review process are of poor quality. The local authority has no system in place to make sure that relevant professionals and services are notified when EHC plans need reviewing or updating. Professionals are not routinely informed of requests to submit written information within specified timescales. Too often, EHC plans are out of date and do not accurately reflect the needs or views of children and young people, or the views of the families. The information from EHC plans and annual reviews is not used to inform the commissioning of services, particularly, but not exclusively, for young people between the ages of 19 and 25 years.",
      kind: "significant-weakness",
      aim: "To ensure that the Local Authority and other partners produce a plan that clearly articulate the needs of the child/young person having taking into consideration the voice of children/young people. Annual review to be completed within timeframes and clearly reflect the views of children/young people, parents/carers and educational providers.",
      kpis: [
        "EHCPs:",
        "- Improved staffing capacity to meet statutory requirements",
        "- Strengthening management oversight to ensure that we are clearly sited on EHCP progress",
        "- Developing or revising the QA framework (to include practice standards and parent feedback and feedback from young people)",
        "- Training of staff: e.g. (i) caseworkers in the SEND team on how to successfully bring out the key point from specialist and other assessments to ensure this information is an integral part of the Plan as well as being included in the appendices) (ii) social care staff (iii) health staff (iv) SENCOs",
        "Increase in EHCPs completed within 20 weeks from the 2018 baseline",
        "Increase in new EHCPs that meet standards established in the new QA framework (baseline date January 2020) when the QA framework will be operational",
        "% of parents/carers who report on the feedback form that:",
        "- They felt fully involved in the process",
        "- They felt the communication was good",
        "- They felt the EHCP accurately reflected their child's needs",
        "- They felt the outcomes were good",
        "- They felt the provision would meet their child's needs",
        "Feedback from education establishments:",
        "- % who felt the EHCP accurately reflected needs",
        "- % who felt the outcomes were clear",
        "- % who felt the EHCP would improve access to teaching and learning and improve progress",
        "Review of EHCPs",
        "- % of EHCPs that were reviewed within required timescales (baseline = % for secondary transfers, % of post 16 transfers, % others)",
        "- % of EHCPs finalised within 12 weeks of the AR meeting where the decision taken was to amend the Plan",
        "% of parents/carers who reported that:",
        "- They were fully involved in the review",
        "- They were satisfied with the outcome",
        "- They were fully involved in the preparing for adulthood transition",
      ].join("\n"),
      actions: [],
      sections: [
        {
          number: "1",
          title: "Quality of service – review of the post 16 local offer",
          kind: "improvement-area",
          actions: [
            {
              number: "1.1",
              externalId: "thurrock-wsoa-2019-3.1.1",
              text: "Identify LAs with best practice in SEND post 16 and arrange a meeting. Work closely with the Department of Education to identify area of good practice",
              successMeasures: "Strategy in place",
              leadRole: "Service Manager Post 16",
              forums: [SOG, SDB],
              timescale: "Oct 19",
              updates: [
                u(JUL19, "amber", "A review is currently being undertaken"),
                u(OCT19, "light-green", "Meetings held with two LAs identified by the DfE as good practice in post 16."),
                u(JAN20, "green", "Post 16 strategy in place, drawing on the good practice visits."),
                u(JUL20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "2",
          title: "Quality of EHCPs",
          kind: "improvement-area",
          actions: [
            {
              number: "2.1",
              externalId: "thurrock-wsoa-2019-3.2.1",
              text: "Recruit to vacant post – Tribunals and QA manager role –",
              successMeasures: "QA work is well managed",
              leadRole: "Strategic Lead School Effectiveness/SEND",
              forums: [SOG, SDB],
              timescale: "Sep 2019",
              updates: [
                u(JUL19, "amber", "Advert to go out in September"),
                u(OCT19, "light-green", "Advert out in September; interviews in October."),
                u(JAN20, "green", "Tribunals and QA manager in post from December 2019."),
                u(APR20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "3",
          title: "Quality of EHCPs",
          kind: "improvement-area",
          actions: [
            {
              number: "3.1",
              externalId: "thurrock-wsoa-2019-3.3.1",
              text: "Establish Quality Assurance Audit schedules to include monthly sampling of new EHC Plans by multi agency group including Education, Health and Social Care managers.",
              successMeasures: "75% of plans are judged to be good or better at audit in the first year with this moving to 100% in year two",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SOG, SDB],
              // Printed as two dates in one cell ("July 2020 July 2021"), one for each year of the success measure; a stray "2020" on the continuation page is left out.
              timescale: "July 2020/July 2021",
              updates: [
                // The printed "starting ^t July" has lost a day ordinal in the extraction.
                u(JUL19, "amber", "Outline discussions held with partners regarding meetings. Schedule of meetings to be confirmed starting July"),
                u(OCT19, "light-green", "Monthly multi-agency audit meetings running since September."),
                u(JAN20, "light-green", "Audits to date: 58% of new plans good or better."),
                u(APR20, "amber", "Audit meetings paused in April (COVID-19); restarting virtually in May."),
                u(JUL20, "light-green", "Virtual audits running; 71% of new plans good or better, close to the year-one target of 75%."),
                u(OCT20, "light-green", "76% good or better this quarter; year-two target is 100%."),
              ],
            },
          ],
        },
        {
          number: "4",
          title: "Quality of EHCPs",
          kind: "improvement-area",
          actions: [
            {
              number: "4.1",
              externalId: "thurrock-wsoa-2019-3.4.1",
              text: "Key Issues report to be circulated to Operational SEND lead following monthly audit meetings – to inform learning and development for staff.",
              successMeasures:
                "Plans are improved and they offer opportunities for engagement with both parents/carers and children and young people",
              leadRole: "Strategic Lead, Specialist Provision",
              forums: [SOG, SDB],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "amber", "Initial discussions taken place"),
                u(OCT19, "light-green", "Key issues report circulated after the September and October audit meetings."),
                u(JAN20, "green", "Key issues reports feed the fortnightly caseworker training."),
              ],
            },
          ],
        },
        {
          number: "5",
          title: "Quality of EHCPs",
          kind: "improvement-area",
          actions: [
            {
              number: "5.1",
              externalId: "thurrock-wsoa-2019-3.5.1",
              text: "Develop and implement new guidance for completing all sections of EHC plans",
              successMeasures: "Guidance checklist, New EHC plans linked to the national good practice standards",
              leadRole: "Strategic Lead Specialist Provision; Strategic Lead School Effectiveness/SEND",
              forums: [SOG, SDB],
              timescale: "Sep 2019",
              updates: [
                u(JUL19, "amber", "Research underway on regional, national quality assurance checklists"),
                u(OCT19, "amber", "Guidance drafted; September not met while partners comment."),
                u(JAN20, "light-green", "New guidance and checklist issued in January 2020."),
                u(APR20, "green", "New plans audited against the checklist."),
                u(JUL20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "6",
          title: "EHCP annual review process",
          kind: "improvement-area",
          actions: [
            {
              number: "6.1",
              externalId: "thurrock-wsoa-2019-3.6.1",
              text: "Improve the process for EHCP annual reviews, ensuring a system is in place to notify relevant professionals and services and that professional are routinely informed of requests to submit written information within specified timescales",
              // The row runs over a page break with three success measure and three lead paragraphs for two actions; this
              // reading gives the first two success measures and the first two leads to this action.
              successMeasures:
                "Quality assurance audits report on improvements to quality of EHCPs. The correct professional contribute towards plans and annual reviews",
              leadRole: "Service Manager Post 16; Strategic Lead School Effectiveness & SEND",
              forums: [SOG, SDB],
              timescale: "March 2020",
              updates: [
                u(JUL19, "amber", "Initial review is currently being actioned"),
                u(OCT19, "amber", "Notification process mapped; system changes needed in Synergy."),
                u(JAN20, "light-green", "Automatic notifications to professionals set up in Synergy."),
                u(APR20, "amber", "Annual reviews moved online (COVID-19); contributions from health delayed."),
                u(JUL20, "light-green", "Online annual reviews working; contributions within timescale rising."),
                u(OCT20, "green", "Audits show the right professionals contributing to annual reviews."),
              ],
            },
            {
              number: "6.2",
              externalId: "thurrock-wsoa-2019-3.6.2",
              text: "Improve Information process flow between Health and SEN team",
              successMeasures: "Plans are improved as more joint up information is included",
              leadRole: "Health/Strategic Lead School Effectiveness & SEND",
              forums: [SOG, SDB],
              timescale: "March 2020",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "amber", "Joint meetings started with the CCG Designated Clinical Officer."),
                u(JAN20, "amber", "Information sharing protocol with health in draft."),
                u(APR20, "amber", "Protocol sign-off delayed (COVID-19)."),
                u(JUL20, "light-green", "Protocol signed; health advice now requested through one mailbox."),
                u(OCT20, "light-green", "Health advice returned within six weeks in 80% of cases."),
              ],
            },
          ],
        },
        {
          number: "7",
          title: "SEND Team - EHCP & Reviews",
          kind: "improvement-area",
          actions: [
            {
              number: "7.1",
              externalId: "thurrock-wsoa-2019-3.7.1",
              text: "Meet with each caseworker and manager to identify immediate and long term training needs",
              successMeasures: "Improved practice, reduction in complaints, timescales met",
              leadRole: "Strategic Lead School Effectiveness/SEND",
              forums: [SOG, SDB],
              timescale: "May 2019",
              updates: [
                u(JUL19, "light-green", "First 6 training sessions planned - 1st delivery 12 June then every two weeks"),
                u(OCT19, "green", "Training needs identified for every caseworker and manager; fortnightly sessions running."),
                u(JAN20, "completed", "Closed; training continues under 11-12."),
              ],
            },
          ],
        },
        {
          number: "8",
          title: "Caseworker development",
          kind: "improvement-area",
          actions: [
            {
              number: "8.1",
              externalId: "thurrock-wsoa-2019-3.8.1",
              text: "Improve Information process flow between Health and SEN team",
              successMeasures: "Plans are improved as more joint up information is included",
              leadRole: "Service Manager Post 16",
              // No governance forum is printed for this row.
              forums: [],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "amber", "Caseworkers briefed on requesting health advice; linked to 6 above."),
                u(JAN20, "light-green", "Caseworker guidance on health information issued."),
                u(JUL20, "green", "Joined-up health information seen in plans at audit."),
              ],
            },
          ],
        },
        {
          number: "9-10",
          // Printed as "9. SEND EHCP & Reviews 10. Practice standards": one table row carrying two numbers.
          title: "SEND EHCP & Reviews / Practice standards",
          kind: "improvement-area",
          actions: [
            {
              number: "9-10.1",
              externalId: "thurrock-wsoa-2019-3.9.1",
              text: "Develop high quality, effective practice standards and processes and ensure all staff are trained",
              successMeasures: "100% of emails and calls are responded to within 5 days. Reduction in complaints",
              leadRole: "Strategic Lead School Effectiveness/SEND; Service Manager Post 16",
              forums: [SOG, SDB],
              timescale: "Oct 2019",
              updates: [
                u(JUL19, "light-green", "Draft standards have been developed."),
                u(OCT19, "light-green", "Standards agreed; all staff trained in October."),
                u(JAN20, "amber", "Emails and calls answered within 5 days: 78%, short of 100%; complaints down slightly."),
                u(APR20, "amber", "Response times fell during the move to home working (COVID-19)."),
                u(JUL20, "light-green", "Responses within 5 days back to 91%; complaints down on 2019."),
                u(OCT20, "green", "Responses within 5 days at 97% for the quarter."),
              ],
            },
          ],
        },
        {
          number: "11-12",
          // Printed as "11. EHCP & Reviews 12. Caseworker knowledge and skills": one table row carrying two numbers.
          title: "EHCP & Reviews / Caseworker knowledge and skills",
          kind: "improvement-area",
          actions: [
            {
              number: "11-12.1",
              externalId: "thurrock-wsoa-2019-3.11.1",
              text: "Identify an external provider to train caseworkers in specialist knowledge. Develop and deliver bi-weekly training programme for all case workers, managers and admin",
              successMeasures:
                "100% of EHCPs are fit for purpose and written in-house and accurately reflect the views of CYP and their families. EHCPs reflect accurately the needs or views of CYP / families",
              leadRole: "Strategic Lead School Effectiveness/SEND; Service Manager Post 16",
              forums: [SOG, SDB],
              timescale: "July 2020",
              updates: [
                u(JUL19, "light-green", "Training in place"),
                u(OCT19, "light-green", "External provider delivering specialist sessions alongside the fortnightly programme."),
                u(JAN20, "light-green", "All EHCPs now written in-house."),
                u(APR20, "light-green", "Training moved online."),
                u(JUL20, "green", "Programme delivered; audits show plans reflecting the views of children and families more often."),
                u(OCT20, "completed", "Training now part of induction and the annual programme. Closed."),
              ],
            },
            {
              number: "11-12.2",
              externalId: "thurrock-wsoa-2019-3.11.2",
              text: "Review current processes and development improved processes and systems",
              successMeasures: "Professionals are routinely informed to submit reports within timescales",
              // Lead, forum and timescale cells are merged with the row above (page break).
              leadRole: "Strategic Lead School Effectiveness/SEND; Service Manager Post 16",
              forums: [SOG, SDB],
              timescale: "July 2020",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "amber", "Process review started with the annual review process (6 above)."),
                u(JAN20, "amber", "Requests for reports now sent with deadlines; reminders still manual."),
                u(APR20, "amber", "Automated reminders delayed (COVID-19)."),
                u(JUL20, "light-green", "Automated reminders live in Synergy."),
                u(OCT20, "light-green", "Reports received within timescale rising each month."),
              ],
            },
          ],
        },
        {
          number: "13",
          title: "EHCP & reviews",
          kind: "improvement-area",
          actions: [
            {
              number: "13.1",
              externalId: "thurrock-wsoa-2019-3.13.1",
              text: "All caseworkers to undertake Nationally recognised qualification for casework training.",
              successMeasures: "All staff achieve L4 and are better equipped to undertake casework",
              leadRole: "Strategic Lead School Effectiveness/SEND",
              forums: [SOG, SDB],
              timescale: "July 2020",
              updates: [
                u(JUL19, "light-green", "3 staff currently on course"),
                u(OCT19, "light-green", "Second cohort of caseworkers enrolled."),
                u(JAN20, "light-green", "Both cohorts on course."),
                u(APR20, "light-green", "Course continuing online."),
                u(JUL20, "green", "First 3 staff achieved L4; second cohort due to finish in the autumn."),
                u(OCT20, "green", "All caseworkers in post in 2019 now hold or are completing L4."),
              ],
            },
          ],
        },
        {
          number: "14",
          title: "EHCP & Reviews",
          kind: "improvement-area",
          actions: [
            {
              number: "14.1",
              externalId: "thurrock-wsoa-2019-3.14.1",
              text: "Improve website information with clear processes, timelines, lines of responsibility clearer",
              successMeasures: "Reduction in calls and complaints re communication. Improved customer service",
              leadRole: "Strategic Lead School Effectiveness/SEND",
              forums: [SOG, SDB],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "amber", "Local Offer pages on the EHCP process being rewritten with the parent carer forum."),
                u(JAN20, "light-green", "New pages published in December 2019."),
                u(APR20, "green", "Calls about process and timelines down on the same quarter of 2019."),
                u(JUL20, "completed", "Closed."),
              ],
            },
          ],
        },
        {
          number: "15",
          title: "EHCP & reviews",
          kind: "improvement-area",
          actions: [
            {
              number: "15.1",
              externalId: "thurrock-wsoa-2019-3.15.1",
              text: "Case management process to be reviewed and redeveloped to include the outcomes of review are managed via emails and all panels.",
              successMeasures: "Outcomes of panels are notified in a timely and consistent manner.",
              leadRole: "Strategic Lead School Effectiveness/SEND",
              forums: [SOG, SDB],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "amber", "Panel outcome letters and emails being standardised."),
                u(JAN20, "light-green", "Standard panel outcome notifications in use from January."),
                u(APR20, "green", "Panel outcomes sent within two working days of panel."),
              ],
            },
          ],
        },
        {
          number: "16",
          title: "EHCP & Reviews",
          kind: "improvement-area",
          actions: [
            {
              number: "16.1",
              externalId: "thurrock-wsoa-2019-3.16.1",
              text: "Improve the process for pupils with EHCP new to the borough.",
              successMeasures: "All departments are notified at the same time and systems are updated",
              leadRole: "Strategic Lead School Effectiveness/SSEND; Service Manager Post 16",
              forums: [SOG, SDB],
              timescale: "Dec 2019",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "red", "Not started: capacity focused on the EHCP audit."),
                u(JAN20, "amber", "Process for pupils new to the borough mapped with admissions and social care."),
                u(APR20, "amber", "New process drafted; testing delayed (COVID-19)."),
                u(JUL20, "light-green", "Single notification to all departments in use from June 2020."),
              ],
            },
          ],
        },
        {
          number: "17",
          title: "Feedback informs the Commissioning of services",
          kind: "improvement-area",
          actions: [
            {
              number: "17.1",
              externalId: "thurrock-wsoa-2019-3.17.1",
              text: "Develop a systematic process for strategically collecting information from plans and reviews to inform the JSNA and commissioning of services",
              successMeasures: "Services commissioned meets the needs of all children and young people",
              leadRole: "Strategic Lead School Effectiveness/SSEND; Service Manager Post 16",
              forums: [COMMISSIONING, SOG, SDB],
              timescale: "April 2020",
              updates: [
                u(JUL19, "red", NO_UPDATE),
                u(OCT19, "red", "Not started: depends on the data review (SW1, 7)."),
                u(JAN20, "amber", "Fields for needs and outcomes agreed for collection from plans and reviews."),
                u(APR20, "amber", "First extract delayed (COVID-19)."),
                u(JUL20, "amber", "First extract shared with the commissioning team; 19-25 data incomplete."),
                u(OCT20, "light-green", "Extract from plans and reviews now quarterly and used in the JSNA refresh."),
              ],
            },
          ],
        },
      ],
    },
  ],
};
