// Southend-on-Sea: the implementation plan answering the LGA SEND and CWD peer review (December
// 2021), approved by Cabinet on 13 January 2022, as its progress sheet stood for People Scrutiny
// Committee on 15 March 2022 (the committee pack's Appendix 1, and its cover report), with a
// history running on to the closing table of the in-depth scrutiny project final report (June 2023).
//
// What is transcribed and what is not:
// - Recommendation titles, summary actions, timescales and the commentary are the council's words
//   from the progress sheet. Only PDF-extraction breakage is mended (cells split across lines or
//   pages, stray page numbers such as the "1" in recommendation 2, the "3" in 8 and the "4" beside
//   14). The council's own typos ("reginal", "OFSTED (2028)", "SIFF", "INSERT") are kept.
// - The sheet has no lead or forum columns. A lead role is given only where the action names one
//   (PFH, DSWEHYS); forums come from the text: every action reports to People Scrutiny Committee
//   and, as Cabinet agreed in January 2022, to the Children's Services Improvement Board, plus the
//   board the action itself names (SEND Strategic Partnership Board, Education Board, JCB).
// - The colours of the status cells are lost in the text extraction. The statuses at the sheet's
//   date were judged action by action from the commentary, against the cover report's key (seed
//   003, 4.2.1) and its summary. The cover report counts 86 "actions" (32 completed, 39 on track,
//   15 dates to be finalised, 0 red); the sheet prints 54 summary actions. The paper's 86 evidently
//   also counts the "additional action steps added into commentary", which are not numbered and
//   cannot be separated from progress notes reliably, so they stay in the commentary here. On the
//   54 actions the sheet reproduces the paper's proportions as closely as 54 allows:
//   20 completed (37%), 25 on track (46%), 9 dates to be finalised (17%), 0 limited progress (0%),
//   against the paper's 38% / 46% / 16% / 0%. demo-plans.test.ts pins these counts.
// - Updates: one on 13 January 2022 (the plan as approved; constructed), then the sheet's notes
//   split at the dates they carry ("Jan" = 31 January, "Feb" = 28 February, "17/2" = 17 February
//   ...), then the rest of the sheet's commentary on 7 March 2022 (see SHEET_DATE). Everything
//   after 7 March 2022 is ILLUSTRATIVE: written to be consistent with the June 2023 closing table
//   (completed / business as usual / carried into the Area SEND Strategic Action Plan / still to be
//   done by the Council) and with public events (SEND green paper 29 March 2022, SEND and AP
//   Improvement Plan 2 March 2023, the local area SEND inspection early in 2023), but not a record.
// - Numbering: the sheet numbers recommendations 1 to 15 with an extra "6a", printed between 6 and
//   5, and marks 4 and 6 "*intention is to merge 4&6". The committee and the cover report speak of
//   15 recommendations, so 6a is kept with its own number but nested under recommendation 6 (it is
//   starred like a sub-part of the merged graduated-response work); 4 and 6 stay separate because
//   the merge was only an intention in March 2022. The sheet's order (4, 6, 6a, 5, 7 ...) is kept.
//   Actions are numbered "<recommendation>.<n>", as the sheet itself refers to them ("3.3 above",
//   "9.2 above").
// - Where the sheet prints no timescale for an action, the timescale is "TBC" (noted at the item).
// - Closure dispositions (SPEC A12) have no field in PlanSeed; the June 2023 disposition is given
//   in the commentary of the last update instead.
import type { IsoDate } from "../../../domain/dates.ts";
import type { ActionUpdate, PlanSeed } from "../../../domain/plans/types.ts";

/** The four-state scheme's code for "Dates to be finalised" (src/domain/plans/schemes.ts). */
export const DATES_TBC = "dates-tbc";
type FourStateCode = "completed" | "on-track" | "limited-progress" | typeof DATES_TBC;

function u(date: IsoDate, status: FourStateCode, commentary: string): ActionUpdate {
  return { date, status, commentary };
}

/** The plan as Cabinet approved it. */
const APPROVED: IsoDate = "2022-01-13";
/**
 * The date the progress sheet speaks for. Its footer date is lost in the extraction (a stray
 * "7/2/20" in the left margin beside recommendation 10 is probably it, garbled); the notes treat
 * 1 and 3 March as past and 8, 9, 11 and 14 March as future, and the papers for 15 March went out
 * about a week before, so 7 March 2022 is used.
 */
const SHEET_DATE: IsoDate = "2022-03-07";
/** The June 2023 in-depth scrutiny final report and its closing table. */
const CLOSING: IsoDate = "2023-06-13";

const AGREED = "Action agreed in the implementation plan approved by Cabinet on 13 January 2022.";
const AGREED_TBC = "Action agreed in the implementation plan approved by Cabinet on 13 January 2022; date to be finalised.";

const PSC = "people-scrutiny";
const CSIB = "csib";
const SSPB = "send-spb";
const EDUCATION_BOARD = "education-board";
const JCB = "jcb";
/** Every action reports to both (cover report 3.1). */
const CORE = [PSC, CSIB];

export const southendPeerReview: PlanSeed = {
  externalId: "southend-peer-review-2022",
  title: "LGA SEND and CWD Peer Review Implementation Plan",
  type: "peer-review",
  source: {
    title: "LGA SEND Peer Review report",
    // Published December 2021; the day is not given in the papers.
    date: "2021-12-01",
  },
  owner: "Executive Director (Children and Public Health)",
  scheme: "four-state",
  cadence: "Reported to People Scrutiny Committee and the SEND Strategic Partnership Board; scrutinised at the Children's Services Improvement Board",
  approvedOn: APPROVED,
  forums: [
    {
      code: PSC,
      name: "People Scrutiny Committee",
      // 30 Nov 2021, 8 Feb 2022 and 15 Mar 2022 are in the papers; the 2022/23 dates are plausible (July and October 2022 meetings are mentioned in the June 2023 final report).
      meetings: ["2021-11-30", "2022-02-08", "2022-03-15", "2022-07-05", "2022-10-04", "2022-11-29", "2023-01-17", "2023-03-14", "2023-06-27"],
    },
    {
      code: CSIB,
      name: "Children's Services Improvement Board",
      // 29 Mar 2022 is in the cover report; the rest are plausible (the PFH's next quarterly report is "20/7").
      meetings: ["2022-03-29", "2022-07-20", "2022-10-18", "2023-01-24", "2023-04-25"],
    },
    {
      code: SSPB,
      name: "SEND Strategic Partnership Board",
      // Plausible dates (the sheet puts the roadmap to governance in April and complaints learning in June 2022).
      meetings: ["2022-04-26", "2022-06-21", "2022-09-20", "2022-12-13", "2023-03-21", "2023-06-20"],
    },
    {
      code: EDUCATION_BOARD,
      name: "Education Board",
      // 9 Mar 2022 is in the sheet ("Education Board Governance starting on 9/3"); the rest are plausible.
      meetings: ["2022-03-09", "2022-06-15", "2022-09-21", "2022-12-07", "2023-01-25", "2023-03-22"],
    },
    {
      code: JCB,
      name: "Joint Commissioning Board",
      // "6 times a year", a standing item "from January 2022 onwards"; dates plausible.
      meetings: ["2022-01-19", "2022-03-16", "2022-05-18", "2022-07-20", "2022-09-21", "2022-11-16", "2023-01-18", "2023-03-15", "2023-05-17"],
    },
  ],
  sections: [
    {
      number: "1",
      title: "Portfolio Holder (PFH) sample casework",
      kind: "recommendation",
      actions: [
        {
          number: "1.1",
          externalId: "southend-2022-1.1",
          text: "PFH orientation in system",
          leadRole: "Portfolio Holder (PFH)",
          forums: CORE,
          // No timescale is printed against this action on the sheet.
          timescale: "TBC",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u("2022-02-17", "completed", "PFH awareness session with HOS completed on 17th February 2022"),
          ],
        },
        {
          number: "1.2",
          externalId: "southend-2022-1.2",
          text: "Establish access to files/samples",
          leadRole: "Portfolio Holder (PFH)",
          forums: CORE,
          timescale: "Jan",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-17", "completed", "Initial sample files share with PFH, orientation session provided and QA template (17/2)"),
          ],
        },
        {
          number: "1.3",
          externalId: "southend-2022-1.3",
          text: "PFH undertakes first review of a sample of case files",
          leadRole: "Portfolio Holder (PFH)",
          forums: CORE,
          timescale: "Jan",
          updates: [u(APPROVED, "on-track", AGREED), u("2022-02-17", "completed", "First sample of cases reviewed 17th February 2022")],
        },
        {
          number: "1.4",
          externalId: "southend-2022-1.4",
          text: "PFH samples files on quarterly basis",
          leadRole: "Portfolio Holder (PFH)",
          forums: CORE,
          timescale: "Feb onwards",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              SHEET_DATE,
              "on-track",
              "Report from PFH on initial sample findings on agenda for CSIB on 29/3. Subsequent ¼ report scheduled, next 20/7",
            ),
            u("2022-03-29", "on-track", "PFH report on the initial sample findings presented to CSIB; next quarterly sample report due 20/7."),
            u("2022-07-20", "on-track", "Second quarterly sample of case files reviewed by the PFH and reported to CSIB."),
            u("2022-11-15", "on-track", "Quarterly sampling continuing; themes from the samples shared with the SEND service managers."),
            u(CLOSING, "completed", "Closing position (June 2023): business as usual – embed quarterly sampling of casework by PFH."),
          ],
        },
      ],
    },
    {
      number: "2",
      title: "Training for scrutiny and challenge of SEND",
      kind: "recommendation",
      actions: [
        {
          number: "2.1",
          externalId: "southend-2022-2.1",
          text: "Needs analysis undertaken with all elected members (current Councillors Feb/new Councillors July)",
          forums: CORE,
          // The sheet gives the timescale inside the action text; recorded here in the sheet's short form.
          timescale: "Feb/July",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-18", "on-track", "Needs analysis and sign up distributed to all Councillors 18/2, deadline for return 28/2"),
            u(SHEET_DATE, "on-track", "7 Councillors returned forms"),
            u("2022-07-05", "completed", "Needs analysis repeated with the Councillors elected in May 2022; returns passed to Democratic Services."),
          ],
        },
        {
          number: "2.2",
          externalId: "southend-2022-2.2",
          text: "Incremental training programme devised in conjunction with member services",
          forums: CORE,
          timescale: "March",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              SHEET_DATE,
              "on-track",
              "Initial orientation event planned, date confirmed as 28/3. Subsequent training event will be designed/commissioned following the return of the needs analysis. Analysis planned 1/3. Date for subsequent training session scheduled for 27/4",
            ),
            u(
              "2022-04-29",
              "completed",
              "Orientation event held 28/3 and the second session on 27/4; the two-level programme (L1 and L2) is agreed with Democratic Services.",
            ),
          ],
        },
        {
          number: "2.3",
          externalId: "southend-2022-2.3",
          text: "Training delivery confirmed",
          forums: CORE,
          timescale: "March",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "completed", "Dates confirmed for L1&L2. Intention to run both following the May elections"),
          ],
        },
        {
          number: "2.4",
          externalId: "southend-2022-2.4",
          text: "Regular programme of training established on a rolling programme",
          forums: CORE,
          timescale: "April/July",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u(SHEET_DATE, DATES_TBC, "To be confirmed via democratic services"),
            u(
              "2022-09-27",
              "limited-progress",
              "The rolling programme has not been scheduled: L1 and L2 ran after the May elections but no further dates are in the member training programme. Raised with Democratic Services.",
            ),
            u(
              "2023-03-07",
              "limited-progress",
              "Still no rolling programme; the in-depth scrutiny Project Team is reviewing the Councillor SEND training offer (April 2023).",
            ),
            u(
              CLOSING,
              "limited-progress",
              "Closing position (June 2023): action to be undertaken by the Council – co-produce basic SEND awareness training with the Councillor Development Group as 'essential' training, and ask Democratic Services to schedule a rolling programme with sessions twice a year.",
            ),
          ],
        },
      ],
    },
    {
      number: "3",
      title: "Refresh the draft SEND Strategy",
      kind: "recommendation",
      actions: [
        {
          number: "3.1",
          externalId: "southend-2022-3.1",
          text: "Current content fully reviewed",
          forums: [...CORE, SSPB],
          timescale: "Feb",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              "2022-02-28",
              "completed",
              "Action planning sessions with partnership completed, now forming part of the action plan that will support the strategy Feb",
            ),
          ],
        },
        {
          number: "3.2",
          externalId: "southend-2022-3.2",
          text: "Co-production from student voice commissioned",
          forums: [...CORE, SSPB],
          timescale: "Feb",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-28", "on-track", "Meeting with pupils rearranged Feb"),
            u("2022-03-31", "completed", "Rearranged meeting with pupils held; student voice work on the strategy commissioned."),
          ],
        },
        {
          number: "3.3",
          externalId: "southend-2022-3.3",
          text: "Parent groups initial consultation",
          forums: [...CORE, SSPB],
          timescale: "March",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u("2022-02-28", "on-track", "Dates for meeting with parent groups confirmed relating to content and format Feb"),
            u("2022-03-31", "completed", "Initial consultation meetings with parent groups held on the content and format of the strategy."),
          ],
        },
        {
          number: "3.4",
          externalId: "southend-2022-3.4",
          text: "Consultation with C&YP planned",
          forums: [...CORE, SSPB],
          timescale: "April",
          updates: [u(APPROVED, DATES_TBC, AGREED_TBC), u("2022-02-28", "completed", "Dates for meeting confirmed Feb")],
        },
        {
          number: "3.5",
          externalId: "southend-2022-3.5",
          text: "Format/scope of revised strategy confirmed",
          forums: [...CORE, SSPB],
          timescale: "April",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u(SHEET_DATE, "on-track", 'To be agreed as a result of "consultation" meetings (3.3 above)'),
            u(
              "2022-05-31",
              "completed",
              "Format and scope of the revised strategy agreed following the consultation meetings with parents and young people.",
            ),
          ],
        },
        {
          number: "3.6",
          externalId: "southend-2022-3.6",
          text: "Strategy for adoption by appropriate governance in place",
          forums: [...CORE, SSPB, EDUCATION_BOARD],
          timescale: "May",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u(SHEET_DATE, DATES_TBC, "Currently researching the required formal governance route and the formal consultation process necessary"),
            u(
              "2022-06-28",
              "on-track",
              "Governance route agreed: endorsement by the Education Board and the SEND Strategic Partnership Board, then Cabinet.",
            ),
            u("2023-01-25", "completed", "Draft four-year strategy endorsed by key partners through the Education Board."),
          ],
        },
        {
          number: "3.7",
          externalId: "southend-2022-3.7",
          text: "SBC cabinet sign off new strategy",
          forums: [...CORE, SSPB],
          timescale: "July",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-28", "on-track", "Strategy added to forward plan Feb"),
            u(
              "2022-06-28",
              "limited-progress",
              "July Cabinet will not be met: the strategy is being redrafted after the consultation and to take account of the SEND green paper. New date to be set on the forward plan.",
            ),
            u("2022-11-15", "limited-progress", "Cabinet sign-off now expected early in 2023, after partner endorsement."),
            u(
              "2023-03-07",
              "completed",
              "New four-year strategy endorsed by Cabinet in the early part of 2023. Mid and South Essex (MSE) ICB due to endorse by Autumn 2023.",
            ),
          ],
        },
      ],
    },
    {
      number: "4",
      title: "Increase the pace of support and challenge to schools in the graduated response *intention is to merge 4&6",
      kind: "recommendation",
      actions: [
        {
          number: "4.1",
          externalId: "southend-2022-4.1",
          text: "Southend Shared Expectations/SEND provision guidance document simplified and promoted",
          forums: [...CORE, EDUCATION_BOARD],
          timescale: "May",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              "2022-01-31",
              "on-track",
              "Series of coproduction workshops with area and professionals from health, education and social care taken place Jan. 10% sample of school SEN information reports and compliance undertaken Jan",
            ),
            u("2022-02-21", "on-track", "Coproduced Southend SEND Self Evaluation and Review guidance drafted Feb 21st"),
            u("2022-03-01", "on-track", "Wider consultation on draft at SENCO cluster meetings 1/3/22"),
            u(
              SHEET_DATE,
              "on-track",
              "City SENCO meetings focus on school information report and schools LO 27/4. All subsequent school reviews will be based upon new guidance",
            ),
            u(
              "2022-05-31",
              "completed",
              "Simplified guidance published and promoted to schools through the City SENCO meetings; school reviews now use it.",
            ),
            u(
              CLOSING,
              "completed",
              "Closing position (June 2023): recommendations 4 and 6 carried into the Area SEND Strategic Action Plan – implement the successful Alternative Provision applications by schools (confirmed July 2023) and identify other inclusion projects.",
            ),
          ],
        },
      ],
    },
    {
      number: "6",
      title: "Clear system wide understanding of the graduated response *intention is to merge 4&6",
      kind: "recommendation",
      actions: [
        {
          number: "6.1",
          externalId: "southend-2022-6.1",
          text: "Parent step by step guide for universal offer (all children; pre SEN Support; SEN Support to EHCP)",
          forums: [...CORE, SSPB],
          // No timescale is printed against this action; the commentary says "Step by step guide published June".
          timescale: "TBC",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u("2022-02-28", DATES_TBC, 'Meetings taken place with Parent carer Forum) PCF on coproduction of "guide" Jan-Feb'),
            u(
              SHEET_DATE,
              DATES_TBC,
              'Meeting with PCF 9/3/22 to determine engagement with wider parent groups and families. Series of deep dives to be undertaken in settings March. Focus groups with children, families and professionals "what is important to you" to be completed by Easter. Step by step guide published June. Accessible format to be devised with C&YP',
            ),
            u("2022-04-29", "on-track", "Focus groups completed by Easter; publication of the step by step guide agreed for June."),
            u("2022-06-28", "completed", "Step by step guide published on the Local Offer. Accessible format still being devised with C&YP."),
          ],
        },
        {
          number: "6.2",
          externalId: "southend-2022-6.2",
          text: "Schools engaged and active in improving wider inclusion project",
          forums: [...CORE, EDUCATION_BOARD],
          timescale: "June",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "on-track", "Inclusion to be taken through Education Board Governance starting on 9/3"),
            u("2022-06-15", "on-track", "Inclusion project reported to the Education Board; schools signing up through the SENCO clusters."),
            u("2022-11-15", "on-track", "Inclusion work continuing with schools; Alternative Provision bids being prepared by schools."),
            u(
              CLOSING,
              "on-track",
              "Closing position (June 2023): carried into the Area SEND Strategic Action Plan – SEND Strategic Partnership Board and Education Board to review and monitor the impact of the Alternative Provision funding on the wider graduated response in schools.",
            ),
          ],
        },
        {
          number: "6.3",
          externalId: "southend-2022-6.3",
          text: "Incorporate the new continuum of need at SEN support when published by the DfE later in 2022",
          forums: [...CORE, SSPB],
          timescale: "later in 2022",
          externalDependency: "Publication of the new continuum of need by the DfE (SEND green paper)",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u(SHEET_DATE, DATES_TBC, "Sense check against Green paper only possible when published and finalised"),
            u(
              "2022-06-28",
              DATES_TBC,
              "SEND and AP green paper published 29 March 2022 for consultation; the national continuum of need is not yet finalised.",
            ),
            u(
              "2023-03-14",
              DATES_TBC,
              "SEND and AP Improvement Plan published 2 March 2023; national standards still to come, so no date can be set.",
            ),
          ],
        },
      ],
      sections: [
        {
          number: "6a",
          title: '*Reduce the number of "refusal to assess" at initial stages of EHCNA decision',
          kind: "recommendation",
          actions: [
            {
              number: "6a.1",
              externalId: "southend-2022-6a.1",
              text: "Review undertaken of data and process mapping for panel assessment and procedures",
              forums: [...CORE, SSPB],
              timescale: "March",
              updates: [
                u(APPROVED, "on-track", AGREED),
                u(
                  SHEET_DATE,
                  "completed",
                  "NB the peer review team worked off 2020 date (48% Do Not Assess (DNA). The recent SEN2 submission to the DfE for 2021 indicates the DNA has significant reduced to 35%. It was disappointing that the peer review were not able to take account of this measure. This significant reduction places up below our reginal neighbours, and was s result of the changes made by the SEND team following OFSTED (2028) and prior to peer review. It should also be remembered that the peer review regarded positively the processes, administration, robustness of the multi agency panel during the review week. A fully analysis of the reasons for DNA was submitted to SEND governance in Dec 21, and the process changes that had already been put in place",
                ),
                u(
                  CLOSING,
                  "completed",
                  "Closing position (June 2023): business as usual – continue to review data and process mapping for panel assessment and procedures and monitor DNA levels.",
                ),
              ],
            },
            {
              number: "6a.2",
              externalId: "southend-2022-6a.2",
              text: "Clear guidelines produced for pre panel evidence gathering and expectations",
              forums: [...CORE, SSPB],
              timescale: "April",
              updates: [
                u(APPROVED, "on-track", AGREED),
                // The 6a commentary is spread over four rows in the extraction; these two notes are placed by meaning (guidance), not by line.
                u(
                  SHEET_DATE,
                  "on-track",
                  "Draft guidance presented to SEND governance in Dec 21. Subsequent finalised guidance due to be signed off April 22",
                ),
                u("2022-04-26", "completed", "Finalised pre-panel evidence guidance signed off at SEND governance."),
              ],
            },
            {
              number: "6a.3",
              externalId: "southend-2022-6a.3",
              text: "Process reinforced to commission/secure missing evidence ahead of panel with relevant stakeholders",
              forums: [...CORE, SSPB],
              timescale: "April",
              updates: [
                u(APPROVED, "on-track", AGREED),
                u(
                  SHEET_DATE,
                  "completed",
                  "The systems put in place to secure evidence ahead of the meeting are now proving more effective require and prompt evidence to be made available ahead of panel. Previously the absence of evidence could only result on DNA.",
                ),
              ],
            },
            {
              number: "6a.4",
              externalId: "southend-2022-6a.4",
              text: "Processes made clear to schools and parents",
              forums: [...CORE, SSPB],
              timescale: "May",
              updates: [
                u(APPROVED, "on-track", AGREED),
                // Placed by meaning: these two notes sit beside 6a.3 in the extraction but concern explaining the process to parents.
                u(
                  SHEET_DATE,
                  "on-track",
                  'SENDIASS/SIFF information event planned for 22/3. SEND team offer "way forward" meetings to all remaining DNA',
                ),
                u(
                  "2022-05-31",
                  "completed",
                  "Information event held 22/3; panel process and evidence expectations published on the Local Offer and sent to SENCOs.",
                ),
              ],
            },
          ],
        },
      ],
    },
    {
      number: "5",
      title: "Develop clear timescales and outcome measures for the joint commissioning roadmap",
      kind: "recommendation",
      actions: [
        {
          number: "5.1",
          externalId: "southend-2022-5.1",
          text: "Roadmap reviewed and revised to include clear timelines and outcomes",
          forums: [...CORE, JCB],
          timescale: "march",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-28", "on-track", "Format shared with PCF and approved Feb. Format signed off by SEND Governance Feb"),
            u(
              SHEET_DATE,
              "on-track",
              "Meeting with PCF planned for March 11th. Roadmap redesigned and formatted, to be populated with forward plan following parent meeting post March 11th. Roadmap draft ready April",
            ),
            u(
              "2022-04-29",
              "on-track",
              "Roadmap draft populated with the forward plan following the PCF meeting; outcome measures being agreed with health partners.",
            ),
            u(
              "2022-11-15",
              DATES_TBC,
              "Revision paused pending the refreshed SEND Strategy and the expected local area inspection; date for the revised roadmap to be agreed.",
            ),
            u(
              CLOSING,
              DATES_TBC,
              "Closing position (June 2023): carried into the Area SEND Strategic Action Plan – a Joint Commissioning Roadmap to be taken forward as part of the response to the inspection of SEND services in March 2023.",
            ),
          ],
        },
        {
          number: "5.2",
          externalId: "southend-2022-5.2",
          text: "Roadmap signed off by SSSPB/Joint Commissioning Board",
          forums: [...CORE, SSPB, JCB],
          timescale: "April",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              SHEET_DATE,
              "on-track",
              "Relevant parts of roadmap (accepting influence of strategy consultation) on agenda for governance in April. Live link to most current roadmap will be live on LO by May",
            ),
            u(
              "2022-04-26",
              "on-track",
              "Relevant parts of the roadmap considered by the SEND Strategic Partnership Board; full sign-off to follow the strategy consultation.",
            ),
            u("2022-11-15", DATES_TBC, "Full sign-off deferred to align with the refreshed SEND Strategy; date to be agreed."),
            u(CLOSING, DATES_TBC, "Closing position (June 2023): carried into the Area SEND Strategic Action Plan with 5.1."),
          ],
        },
        {
          number: "5.3",
          externalId: "southend-2022-5.3",
          text: "Accelerate Progress Plan (DfE/NHSE) meetings report progress in joint commissioning quarterly wef Jan 2022",
          forums: [...CORE, JCB],
          timescale: "quarterly wef Jan 2022",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              SHEET_DATE,
              "on-track",
              "DfE/NHSE monitoring meeting 21st March (deferred by DfE/NHSE from Jan). Weekly dialogue with DfE taking place with SEND representative as part of covid recovery",
            ),
            u("2022-03-21", "on-track", "DfE/NHSE monitoring meeting held; joint commissioning progress reported."),
            u("2022-07-13", "completed", "Quarterly reporting of joint commissioning progress to the DfE/NHSE monitoring meetings established."),
          ],
        },
        {
          number: "5.4",
          externalId: "southend-2022-5.4",
          text: "Progress of roadmap tracked by joint commissioning board 6 times a year",
          forums: [...CORE, JCB],
          timescale: "6 times a year",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-01-31", "completed", "Tracking standing item on all JCB meetings from January 2022 onwards"),
          ],
        },
      ],
    },
    {
      number: "7",
      title: "Update the threshold of need document",
      kind: "recommendation",
      actions: [
        {
          number: "7.1",
          externalId: "southend-2022-7.1",
          text: "New pathway document reviewed and redrafted and consulted on/coproduced by CWD team",
          forums: CORE,
          timescale: "April",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-28", "on-track", "Draft threshold pathways model produced Feb"),
            u("2022-03-02", "on-track", "Differentiation for Early Help/CWD included, progressing to Children's Service governance March 2nd"),
            u("2022-04-29", "on-track", "Draft pathway document being co-produced with the CWD team and parents."),
            u(
              "2022-07-13",
              "completed",
              "Pathway document redrafted and consulted on with the CWD team; wider partner review of the threshold document to follow.",
            ),
          ],
        },
        {
          number: "7.2",
          externalId: "southend-2022-7.2",
          text: "Two orientation events run for parents",
          forums: CORE,
          timescale: "May",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u(SHEET_DATE, DATES_TBC, "New youth groups established at two age ranges, operation from 14/3 onwards. Dates for orientation events TBC"),
            u("2022-09-27", DATES_TBC, "Orientation events to follow publication of the revised threshold document."),
            u(
              CLOSING,
              DATES_TBC,
              "Closing position (June 2023): business as usual – the threshold document is under review with partners; aim is to introduce the new document in Autumn 2023, with orientation for parents.",
            ),
          ],
        },
        {
          number: "7.3",
          externalId: "southend-2022-7.3",
          text: "Publish new threshold and pathway document on the Local Offer site",
          forums: CORE,
          timescale: "June",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "on-track", "Guidance planned for wider consultation May 22"),
            u("2022-06-28", "on-track", "Wider consultation on the guidance under way with partners."),
            u(
              "2022-11-15",
              DATES_TBC,
              "Threshold document for all Children's Services (launched July 2021) now under review with partners; publication date to be agreed.",
            ),
            u(CLOSING, DATES_TBC, "Closing position (June 2023): business as usual – aim is to introduce the new threshold document in Autumn 2023."),
          ],
        },
      ],
    },
    {
      number: "8",
      title: "Introduce specific training for staff working in SEND on Neurodiversity",
      kind: "recommendation",
      actions: [
        {
          number: "8.1",
          externalId: "southend-2022-8.1",
          text: "Work with parent groups to co-produce new training for area staff on Neurodiversity",
          forums: CORE,
          timescale: "March",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-01-31", "on-track", "A number of SBC staff complete autism awareness Jan"),
            u(
              "2022-02-28",
              "completed",
              "Audit of existing staff and requirement to complete training Feb. PCF three day conference on neurodiversity, available to staff Feb",
            ),
            u(SHEET_DATE, "completed", "SENCO theme of neurodiversity to extend basic autism awareness to schools Sept"),
          ],
        },
        {
          number: "8.2",
          externalId: "southend-2022-8.2",
          text: "Programme of training devised and implemented",
          forums: CORE,
          timescale: "April",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "completed", "PCF to take training programme over with effect from April. Rolling programme based upon demand established"),
            u(
              CLOSING,
              "completed",
              "Closing position (June 2023): business as usual – first round of training completed for Council SEND staff; neurodiversity training to be part of the SEND service induction, with refresher training every 2 years.",
            ),
          ],
        },
      ],
    },
    {
      number: "9",
      title: "Carry out an audit of children and young people where neurodiversity is a possibility",
      kind: "recommendation",
      actions: [
        {
          number: "9.1",
          externalId: "southend-2022-9.1",
          text: "Clear picture established on number open/closed cases",
          forums: CORE,
          timescale: "Feb",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-01-31", "on-track", "Audit of diagnosis of SEN support of autism undertaken from Jan census"),
            u("2022-02-28", "completed", "Analysis of plans stating ASD Feb for SEN support and dashboard March"),
          ],
        },
        {
          number: "9.2",
          externalId: "southend-2022-9.2",
          text: "Audit workshop to identify issues from parents perspective takes place",
          forums: CORE,
          timescale: "March",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            // "INSERT" is a placeholder left in the council's own paper.
            u(SHEET_DATE, DATES_TBC, "Date for parents meeting identified INSERT"),
            u("2022-09-27", DATES_TBC, "Parents' workshop not yet held; date to be agreed with the PCF."),
            u(
              CLOSING,
              DATES_TBC,
              "Closing position (June 2023): carried into the Area SEND Strategic Action Plan – Director, Education, Inclusion and Early Years, with partners, to review the number of open/closed cases over the last 12 months.",
            ),
          ],
        },
        {
          number: "9.3",
          externalId: "southend-2022-9.3",
          text: "Guidelines developed with parents to inform future identification and support",
          forums: CORE,
          timescale: "April",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u(SHEET_DATE, DATES_TBC, "To be undertaken at parents meeting (9.2 above)"),
            u(
              CLOSING,
              DATES_TBC,
              "Closing position (June 2023): carried into the Area SEND Strategic Action Plan – learning from the review to feed into the identification and commissioning of future services.",
            ),
          ],
        },
      ],
    },
    {
      number: "10",
      title: "Strengthen the early help offer for children with disabilities, including short breaks",
      kind: "recommendation",
      actions: [
        {
          number: "10.1",
          externalId: "southend-2022-10.1",
          text: "Research, review and report on current processes to CSIB",
          forums: CORE,
          timescale: "March",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              "2022-02-28",
              "on-track",
              "Detailed review and implementation plan drafted feb. Comparative work with other Las undertaken Feb. Short Breaks review undertaken new guidance document produced Feb, including legal framework",
            ),
            u(
              SHEET_DATE,
              "on-track",
              "18/3 consultation and implementation plan to be signed off through directorate leadership meeting. Bid submitted to DfE for one of five projects march",
            ),
            u("2022-03-29", "completed", "Review and implementation plan reported to CSIB on 29 March 2022."),
          ],
        },
        {
          number: "10.2",
          externalId: "southend-2022-10.2",
          text: "Cabinet approve new proposals for short breaks",
          forums: CORE,
          timescale: "July",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, DATES_TBC, "If required SB to be added to forward plan. Consultation on new guidance planed May 22"),
            u("2022-09-27", DATES_TBC, "Short breaks proposals to be taken with the 2023/24 budget; Cabinet date to be confirmed."),
            u("2023-03-07", "completed", "Increased resource for the Short Breaks offer agreed for 2023/24."),
          ],
        },
        {
          number: "10.3",
          externalId: "southend-2022-10.3",
          text: "New processes publicised on the Local Offer website and implemented",
          forums: CORE,
          timescale: "July",
          updates: [
            u(APPROVED, "on-track", AGREED),
            // The printed note ends without its closing bracket.
            u(
              SHEET_DATE,
              DATES_TBC,
              "Draft guidance to be operational in draft ahead of full formal consultation (date contingent upon date for Cabinet",
            ),
            u(
              CLOSING,
              DATES_TBC,
              "Closing position (June 2023): business as usual – build into the Area SEND Strategic Action Plan a focus to strengthen the Early Years offer and additional resources to deliver it.",
            ),
          ],
        },
      ],
    },
    {
      number: "11",
      title: "Consider the level of seniority of the chair of the Resource Allocation Panel",
      kind: "recommendation",
      actions: [
        {
          number: "11.1",
          externalId: "southend-2022-11.1",
          text: "DSWEHYS identifies and implements new chair of RAP",
          leadRole: "DSWEHYS",
          forums: CORE,
          timescale: "Feb",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-01", "completed", "New chair in place wef 1/2/22"),
            u(
              SHEET_DATE,
              "completed",
              "Two Heads of Service will take over chair of RAP following next meeting. Chair will rotate, to be reviewed after 6 months",
            ),
            u("2022-08-31", "completed", "Six-month review of the rotating chair completed; arrangement continues."),
          ],
        },
      ],
    },
    {
      number: "12",
      title: "Consider moving the SENDIASS service outside the SEND/CWD service",
      kind: "recommendation",
      actions: [
        {
          number: "12.1",
          externalId: "southend-2022-12.1",
          text: "Members of SENDIASS and SBC HR team consulted",
          forums: CORE,
          timescale: "Jan",
          updates: [u(APPROVED, "on-track", AGREED), u("2022-01-31", "completed", "Consultation with team manager and other officers jan")],
        },
        {
          number: "12.2",
          externalId: "southend-2022-12.2",
          text: "New appropriate line management arrangement identified",
          forums: CORE,
          timescale: "Jan",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              "2022-01-22",
              "completed",
              "Options appraisal considered undertaken, including outsource; Voluntary Sector; move within council and move within directorate. 22/1",
            ),
          ],
        },
        {
          number: "12.3",
          externalId: "southend-2022-12.3",
          text: "Implement the new line management arrangements",
          forums: CORE,
          timescale: "Feb",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-28", "completed", "New arrangements implemented with SENDIASS now reporting to HOS access and inclusion."),
          ],
        },
        {
          number: "12.4",
          externalId: "southend-2022-12.4",
          text: "Communicate new arrangements",
          forums: CORE,
          timescale: "Feb",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "completed", "New arrangements in place wef 1/4/22; to be reviewed after six months, by 1/10/22"),
            u("2022-09-30", "completed", "Six-month review of the SENDIASS line management arrangements completed; no change needed."),
          ],
        },
      ],
    },
    {
      number: "13",
      title:
        "Consider training and support for staff, councillors and other partners to strengthen resilience across the workforce. Aligned to recommendation 2",
      kind: "recommendation",
      actions: [
        {
          number: "13.1",
          externalId: "southend-2022-13.1",
          text: "Training programme for area, including Councillors established",
          forums: CORE,
          timescale: "March",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-28", "completed", "As above, two level training planned and needs analysis undertaken 28/2"),
          ],
        },
        {
          number: "13.2",
          externalId: "southend-2022-13.2",
          text: "Relevant officers and Councillors identified and invited",
          forums: CORE,
          timescale: "March",
          updates: [u(APPROVED, "on-track", AGREED), u(SHEET_DATE, "completed", "Dates made available to democratic services")],
        },
        {
          number: "13.3",
          externalId: "southend-2022-13.3",
          text: "Resilience feature in all relevant staff supervisions",
          forums: CORE,
          timescale: "April",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              SHEET_DATE,
              "on-track",
              "Resilience will feature as part of the annual conversations and supervisions for relevant staff April onwards",
            ),
            u("2022-06-28", "completed", "Resilience included in the annual conversation and supervision templates for relevant staff."),
          ],
        },
        {
          number: "13.4",
          externalId: "southend-2022-13.4",
          text: "Rolling programme for existing staff implemented",
          forums: CORE,
          timescale: "April",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              SHEET_DATE,
              "on-track",
              "Additional training needs analysis for relevant staff identified through annual conversation processes April onwards",
            ),
            u("2022-09-27", "on-track", "Needs from the annual conversations collated; first sessions for existing staff booked."),
            u("2022-11-15", "completed", "Rolling programme for existing staff running, based on needs from the annual conversations."),
          ],
        },
        {
          number: "13.5",
          externalId: "southend-2022-13.5",
          text: "Training forms part of induction for new staff and Councillors, in relation to resilience when dealing with ward members",
          forums: CORE,
          timescale: "Aug",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "on-track", "To form part of the rolling programme of training offered to Councillors, starting March 22"),
            u("2022-06-28", "completed", "Resilience module added to the induction for new SEND staff."),
            // A correction is a new entry (SPEC A5): the June 2022 rating covered staff only.
            u(
              "2022-09-27",
              DATES_TBC,
              "Correction to the June 2022 update: only the staff induction is in place. The Councillor induction element depends on the rolling Councillor programme (2.4), which is not yet scheduled; date to be finalised.",
            ),
            u(
              CLOSING,
              DATES_TBC,
              "Closing position (June 2023): action to be undertaken by the Council – part of the 'essential' Councillor SEND training to be co-produced with the Councillor Development Group.",
            ),
          ],
        },
      ],
    },
    {
      number: "14",
      title: "Incorporate learning from complaints as part of the quality assurance system",
      kind: "recommendation",
      actions: [
        {
          number: "14.1",
          externalId: "southend-2022-14.1",
          text: "Formal learning review process established",
          forums: CORE,
          timescale: "April",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-03-01", "on-track", "Initial conversation with corporate complaints team 1/3"),
            u(
              SHEET_DATE,
              "on-track",
              "Current complaints reports identified, including annual Children's and Adults complaints report at People Scrutiny annually. Scrutiny of report and annual statistics collated and analysed March. Relevant themes identified from annual report and current caseload April to inform teams through Children's Services Improvement Board April",
            ),
            u(
              "2022-04-29",
              "completed",
              "Learning review process agreed with the corporate complaints team; themes from the annual report taken to CSIB.",
            ),
          ],
        },
        {
          number: "14.2",
          externalId: "southend-2022-14.2",
          text: "Quality Assurance learning informs all future processes and decisions",
          forums: CORE,
          timescale: "May",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(
              SHEET_DATE,
              "on-track",
              "Review of process flow chart to be devised for all learning at corporate and statutory complaints; MP complaints, Local Government Ombudsman, Tribunal and Councillor complaints May. Review to inform practice through CSIB and relevant teams May",
            ),
            u("2022-07-20", "completed", "Process flow chart for learning from all complaint routes agreed; learning reported through CSIB."),
          ],
        },
        {
          number: "14.3",
          externalId: "southend-2022-14.3",
          text: "Learning also taken in conjunction with wider council complaints and that of the area partnership",
          forums: [...CORE, SSPB],
          timescale: "May",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "on-track", "Matter to be raised at SEND Strategic Partnership Board in terms of shared learning and understanding June"),
            u("2022-06-21", "completed", "Shared learning from complaints raised at the SEND Strategic Partnership Board."),
            u(
              CLOSING,
              "completed",
              "Closing position (June 2023): business as usual – Director of Education, Inclusion and Early Years to review all complaints routinely and feed any actions into the SEND Strategic Partnership Board.",
            ),
          ],
        },
      ],
    },
    {
      number: "15",
      title: "Develop a trauma informed approach for those families who are angry and distressed about their experience",
      kind: "recommendation",
      actions: [
        {
          number: "15.1",
          externalId: "southend-2022-15.1",
          text: "Other authorities experiences and approach to trauma Informed practice researched",
          forums: CORE,
          timescale: "March",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u("2022-02-28", "on-track", "Literature review undertaken by Principal Educational Psychologist (PEP) Feb"),
            u("2022-03-03", "on-track", "Possible external support being evaluated March 3rd"),
            u(
              SHEET_DATE,
              "completed",
              "Generic matter on agenda for Regional PEP meeting 14/3; LA network March. Working with regional HE project April",
            ),
          ],
        },
        {
          number: "15.2",
          externalId: "southend-2022-15.2",
          text: "Parent groups consulted on an appropriate third party to co-produce a way forward",
          forums: CORE,
          timescale: "May",
          updates: [
            u(APPROVED, DATES_TBC, AGREED_TBC),
            u(
              SHEET_DATE,
              "on-track",
              "SENDIASS/EPS presenting at parents meeting 8 March. Key principles of Trauma Informed practice co-produced May",
            ),
            u("2022-06-28", "on-track", "Key principles discussed with parent groups; third party not yet agreed."),
            u(
              "2022-09-27",
              DATES_TBC,
              "No third party agreed; parent groups to be consulted again once the refreshed SEND Strategy is out. Date to be finalised.",
            ),
            u(
              CLOSING,
              DATES_TBC,
              "Closing position (June 2023): carried into the Area SEND Strategic Action Plan under 'Build trust with parents and carers' – identify if / how to develop a trauma informed approach for those families who are angry and distressed about their previous experience.",
            ),
          ],
        },
        {
          number: "15.3",
          externalId: "southend-2022-15.3",
          text: "Trauma informed training for particular staff involved introduced",
          forums: CORE,
          timescale: "June",
          updates: [
            u(APPROVED, "on-track", AGREED),
            u(SHEET_DATE, "on-track", "Needs identified as part of annual conversation process April onwards"),
            u("2022-11-15", DATES_TBC, "Training to follow the co-produced principles (15.2); date to be finalised."),
            u(CLOSING, DATES_TBC, "Closing position (June 2023): carried into the Area SEND Strategic Action Plan with 15.2."),
          ],
        },
      ],
    },
  ],
};
