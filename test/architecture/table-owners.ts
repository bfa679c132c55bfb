/**
 * Every table, function and trigger of the schema has one owning lib (docs/architecture.md). Other libs read and
 * change it only through the owner's exported service methods; table-ownership.spec.ts checks the source for it.
 */
export const LIBS = [
  'deadline',
  'core',
  'reference',
  'capacity',
  'pathways',
  'matching',
  'offers',
  'meetings',
  'audits',
  'reporting',
] as const;
export type Lib = (typeof LIBS)[number];

export const TABLE_OWNER: Record<string, Lib> = {
  // core: users, audit, outbox, heartbeat
  app_user: 'core',
  audit_log: 'core',
  outbox: 'core',
  worker_heartbeat: 'core',
  // reference data (created by the foundation migration)
  region: 'reference',
  municipality: 'reference',
  cancer_area: 'reference',
  modality: 'reference',
  provider: 'reference',
  agreement: 'reference',
  // capacity
  slot: 'capacity',
  slot_series: 'capacity',
  capacity_import: 'capacity',
  // pathways
  pathway: 'pathways',
  pathway_pause: 'pathways',
  early_warning: 'pathways',
  region_webhook: 'pathways',
  notification: 'pathways',
  pathway_answer: 'pathways',
  answer_daily: 'pathways',
  // offers
  offer: 'offers',
  // meetings
  meeting: 'meetings',
  meeting_decision: 'meetings',
  // sample audits
  sample_audit: 'audits',
  sample_audit_pathway: 'audits',
  // reporting
  report: 'reporting',
  report_output: 'reporting',
};

/**
 * SQL functions are the owner's API for SQL in other libs (a rule that must run inside a query, e.g. in an index
 * scan), so any lib may call them; each is pinned to its TypeScript twin by a parity test (test/parity.e2e-spec.ts).
 */
export const SQL_FUNCTION_OWNER: Record<string, Lib> = {
  effective_region: 'reference',
  agreement_valid_to: 'reference',
};

/**
 * Reporting's read models aggregate every table: that is its job, and they live in one place.
 * (Files under this folder may name any table.)
 */
export const READ_MODEL_DIR = 'libs/reporting/src/figures/';

/**
 * Known violations, each with the reason it is allowed. The check fails on any violation not listed here, and on a
 * listed one that no longer occurs (so the list only shrinks). Key: `<file>: <table>`. Empty: every lib reads other
 * libs' tables through the owner's query module (`*.queries.ts`) or service, and the few statements that must span
 * owners in one round trip (matching's candidate ranking, createOffer's write) are composed of the owners' SQL
 * builders.
 */
export const ALLOWED_VIOLATIONS: Record<string, string> = {};
