// Data of the meeting board: agenda + proposal + waiting overview + the meeting's decisions, and the offers made for
// the area since the meeting began. The proposal only holds WAITING pathways, so a pathway that got its offer drops out
// of it: the board remembers the rows it has shown for the meeting (localStorage) to keep showing what became an offer.
import { useQuery } from '@apollo/client/react';
import { useCallback, useMemo } from 'react';
import { graphql } from '../../gql';
import type { MeetingBoardQuery } from '../../gql/graphql';
import type { CancerArea, DecisionKind, PathwayPhase, ProviderKind } from '../../gql/schema';
import { useFollowingPages } from '../../paging';
import { daysBetween } from './labels';

export const MeetingBoardDocument = graphql(`
  query MeetingBoard($area: CancerArea!, $date: LocalDate!) {
    meetingAgenda(cancerArea: $area, date: $date) {
      cancerArea
      date
      freeSlotsAbroad
      regions {
        regionCode
        regionName
        openPathways
        atRisk
        medianDaysToDeadline
        slotsOfferedToOthers
        freeSlotsNext4Weeks {
          modality
          providerKind
          count
        }
      }
      proposal {
        totals {
          pathways
          placed
          placedInTime
          placedLate
        }
        assignments {
          pathwayId
          pathwayReference
          pathwayRegionCode
          slotId
          date
          daysBeforeDeadline
          distanceKm
          meetsDeadline
          reasons
          provider {
            id
            name
            kind
          }
        }
        unassigned {
          pathwayId
          pathwayReference
          reason
        }
      }
    }
    waitingOverview(cancerArea: $area, asOf: $date) {
      regionCode
      regionName
      phase
      openPathways
      atRisk
      medianDaysLeft
    }
    meetings(filter: { cancerArea: $area, from: $date, to: $date }, first: 1) {
      nodes {
        ...BoardMeeting
      }
    }
  }
  fragment BoardMeeting on Meeting {
    id
    title
    date
    createdAt
    decisions {
      id
      kind
      pathwayId
      offerId
      reason
      decidedAt
    }
  }
`);

/** The area's offers, newest first; the board fetches pages until it has every offer made since the meeting began. */
export const MeetingOffersDocument = graphql(`
  query MeetingOffers($area: CancerArea!, $after: String) {
    offers(filter: { cancerArea: $area }, first: 200, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        pathwayId
        slotId
        status
        offeredAt
        offeredOn
        slotDate
        deadlineAtOffer
        regionCode
        cancerArea
        provider {
          id
          name
          kind
        }
        pathway {
          reference
        }
      }
    }
  }
`);

export const CreateMeetingDocument = graphql(`
  mutation CreateMeeting($input: CreateMeetingInput!) {
    createMeeting(input: $input) {
      ...BoardMeeting
    }
  }
`);

export const RecordDecisionDocument = graphql(`
  mutation RecordMeetingDecision($input: RecordMeetingDecisionInput!) {
    recordMeetingDecision(input: $input) {
      id
      kind
      pathwayId
      offerId
      reason
      decidedAt
      meetingId
    }
  }
`);

export interface BoardRow {
  pathwayId: string;
  reference: string;
  regionCode: number;
  providerName: string;
  providerKind: ProviderKind;
  date: string;
  daysBeforeDeadline: number;
  distanceKm: number | null;
  reasons: string[];
  slotId: string;
  /** The offer made for the pathway since the meeting began, if any. */
  offer?: BoardOffer;
  decision?: { kind: DecisionKind; reason?: string | null };
}

export interface BoardOffer {
  id: string;
  providerName: string;
  slotDate: string;
  slotId: string;
  status: string;
  asProposed: boolean;
}

type Assignment = MeetingBoardQuery['meetingAgenda']['proposal']['assignments'][number];

const SNAPSHOT = (meetingId: string) => `cx.board.${meetingId}`;

function readSnapshot(meetingId: string | undefined): Record<string, Assignment> {
  if (!meetingId) return {};
  try {
    return JSON.parse(localStorage.getItem(SNAPSHOT(meetingId)) ?? '{}') as Record<string, Assignment>;
  } catch {
    return {};
  }
}

export function useBoard(area: CancerArea | null, date: string, pollInterval = 15_000) {
  const board = useQuery(MeetingBoardDocument, {
    variables: { area: area ?? 'BREAST', date },
    skip: !area,
    pollInterval,
    notifyOnNetworkStatusChange: false,
  });
  const offers = useQuery(MeetingOffersDocument, { variables: { area: area ?? 'BREAST' }, skip: !area, pollInterval });
  const data = board.data ?? board.previousData;
  const agenda = data?.meetingAgenda;
  const meeting = data?.meetings.nodes[0];
  // Offers made since the meeting began: newest first, so the pages are enough once the last row is older.
  const sinceMeeting = useCallback(
    (o: { offeredAt: string; offeredOn: string }) =>
      !!meeting && (o.offeredAt >= meeting.createdAt || o.offeredOn >= meeting.date),
    [meeting],
  );
  useFollowingPages(
    offers.data?.offers,
    (after) => offers.fetchMore({ variables: { after } }),
    (nodes) => nodes.length > 0 && sinceMeeting(nodes[nodes.length - 1]),
  );

  const derived = useMemo(() => {
    if (!agenda) return null;
    const areaOffers = (offers.data?.offers.nodes ?? []).filter(sinceMeeting);
    const offerByPathway = new Map<string, (typeof areaOffers)[number]>();
    for (const o of areaOffers) if (!offerByPathway.has(o.pathwayId)) offerByPathway.set(o.pathwayId, o); // newest first
    const decisions = meeting?.decisions ?? [];
    const decisionByPathway = new Map<string, (typeof decisions)[number]>();
    for (const d of decisions) if (d.pathwayId) decisionByPathway.set(d.pathwayId, d); // oldest first: the last wins

    // Remember every proposed row for this meeting, so rows that became offers stay on the board.
    const snapshot = readSnapshot(meeting?.id);
    for (const a of agenda.proposal.assignments) snapshot[a.pathwayId] ??= a;
    if (meeting) localStorage.setItem(SNAPSHOT(meeting.id), JSON.stringify(snapshot));

    const current = new Set(agenda.proposal.assignments.map((a) => a.pathwayId));
    const shown: Assignment[] = [
      ...agenda.proposal.assignments,
      ...Object.values(snapshot).filter(
        (a) => !current.has(a.pathwayId) && (offerByPathway.has(a.pathwayId) || decisionByPathway.has(a.pathwayId)),
      ),
    ];
    const rows: BoardRow[] = shown.map((a) => {
      const o = offerByPathway.get(a.pathwayId);
      const d = decisionByPathway.get(a.pathwayId);
      return {
        pathwayId: a.pathwayId,
        reference: a.pathwayReference,
        regionCode: a.pathwayRegionCode,
        providerName: a.provider.name,
        providerKind: a.provider.kind,
        date: a.date,
        daysBeforeDeadline: a.daysBeforeDeadline,
        distanceKm: a.distanceKm,
        reasons: a.reasons,
        slotId: a.slotId,
        offer: o
          ? {
              id: o.id,
              providerName: o.provider.name,
              slotDate: o.slotDate,
              slotId: o.slotId,
              status: o.status,
              asProposed: o.slotId === a.slotId,
            }
          : undefined,
        decision: d ? { kind: d.kind, reason: d.reason } : undefined,
      };
    });
    // Offers made during the meeting for pathways this board never showed (e.g. another screen): still on the board.
    const inRows = new Set(rows.map((r) => r.pathwayId));
    for (const o of offerByPathway.values()) {
      if (inRows.has(o.pathwayId)) continue;
      const d = decisionByPathway.get(o.pathwayId);
      rows.push({
        pathwayId: o.pathwayId,
        reference: o.pathway.reference,
        regionCode: o.regionCode,
        providerName: o.provider.name,
        providerKind: o.provider.kind,
        date: o.slotDate,
        daysBeforeDeadline: daysBetween(o.slotDate, o.deadlineAtOffer),
        distanceKm: null,
        reasons: [],
        slotId: o.slotId,
        offer: {
          id: o.id,
          providerName: o.provider.name,
          slotDate: o.slotDate,
          slotId: o.slotId,
          status: o.status,
          asProposed: false,
        },
        decision: d ? { kind: d.kind, reason: d.reason } : undefined,
      });
    }
    const references = new Map<string, string>();
    for (const r of rows) references.set(r.pathwayId, r.reference);
    for (const u of agenda.proposal.unassigned) references.set(u.pathwayId, u.pathwayReference);
    for (const a of Object.values(snapshot)) references.set(a.pathwayId, a.pathwayReference);
    const offerById = new Map(areaOffers.map((o) => [o.id, o]));
    return { rows, references, offerById, decisionByPathway };
  }, [agenda, meeting, offers.data, sinceMeeting]);

  const refetch = () => Promise.all([board.refetch(), offers.refetch()]);
  return {
    agenda,
    meeting,
    overview: data?.waitingOverview ?? [],
    derived,
    loading: board.loading,
    error: board.error ?? offers.error,
    refetch,
  };
}

export const PHASES: PathwayPhase[] = ['DIAGNOSTIC', 'PRIMARY_TREATMENT', 'ADJUVANT_TREATMENT'];
