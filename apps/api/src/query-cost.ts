import { CostLimits, CostTable } from '@app/core';

/**
 * Declared costs of the expensive fields, in one table so they can be compared at a glance (a key that stops
 * naming a schema field fails start-up). Everything else costs 1 per object field and 0 per leaf; fields with
 * `first`/`limit` multiply their children (and 1 per item) by the page size, so aliases and pages add up as they run;
 * of a connection only `nodes` is multiplied. Every paged list takes `first` (default 50, at most 200), so a page of
 * `slots`, `pathways`, `warnings`, `offers`, `meetings`, `auditLog`, `reports` or `sampleAudits` costs 1 + first × (1 + its nodes).
 */
export const QUERY_COST_TABLE: CostTable = {
  // The min-cost-flow solver over every at-risk pathway and free slot of an area.
  'Query.proposeAllocation': { cost: 3000, allocation: true },
  // The agenda always carries an allocation proposal (MeetingsService.agenda runs the solver).
  'Query.meetingAgenda': { cost: 3000, allocation: true },
  // Ranking scans the free slots of the area; its work grows with limit.
  'Query.matchCandidates': { cost: 20, perItem: 10 },
  // Aggregates over all open pathways.
  'Query.waitingOverview': { cost: 300 },
  // totalCount is a second query counting every row matching the filter (all pages): priced like a default page.
  'SlotConnection.totalCount': { cost: 50 },
  'PathwayConnection.totalCount': { cost: 50 },
  'EarlyWarningConnection.totalCount': { cost: 50 },
  'OfferConnection.totalCount': { cost: 50 },
  'MeetingConnection.totalCount': { cost: 50 },
  'AuditEntryConnection.totalCount': { cost: 50 },
  'ReportJobConnection.totalCount': { cost: 50 },
  'SampleAuditConnection.totalCount': { cost: 50 },
  // Queues a compile of a whole year's report in the worker.
  'Mutation.compileCapacityReport': { cost: 1000 },
};

export const QUERY_COST_LIMITS: CostLimits = { maxCost: 5000, maxAliases: 30, maxAllocations: 1 };
