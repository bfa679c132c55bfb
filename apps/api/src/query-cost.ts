import { CostLimits, CostTable } from '@app/core';

/**
 * Declared costs of the expensive fields, in one table so they can be compared at a glance (a key that stops
 * naming a schema field fails start-up). Everything else costs 1 per object field and 0 per leaf; fields with
 * `first`/`limit` multiply their children (and 1 per item) by the page size, so aliases and pages add up as they run.
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
  // Queues a compile of a whole year's report in the worker.
  'Mutation.compileCapacityReport': { cost: 1000 },
};

export const QUERY_COST_LIMITS: CostLimits = { maxCost: 5000, maxAliases: 30, maxAllocations: 1 };
