// Pieces shared by the sample-audit list and the audit itself (Stikprøver).
import { Badge } from '@mantine/core';
import { auditFindingLabel, formatDate, sampleAuditStatusLabel } from '../../format';
import { graphql } from '../../gql';
import type { AuditFinding, SampleAuditStatus } from '../../gql/schema';

/** What the list and the audit both show of an audit. */
graphql(`
  fragment SampleAuditSummary on SampleAudit {
    id
    title
    status
    cancerArea
    criterion
    periodFrom
    periodTo
    seed
    population
    createdAt
  }
`);

export const auditPeriod = (a: { periodFrom: string; periodTo: string }) =>
  `${formatDate(a.periodFrom)} – ${formatDate(a.periodTo)}`;

export function AuditStatusBadge({ status }: { status: SampleAuditStatus }) {
  return (
    <Badge variant={status === 'OPEN' ? 'filled' : 'outline'} color={status === 'OPEN' ? 'cx' : 'dark'}>
      {sampleAuditStatusLabel[status]}
    </Badge>
  );
}

/** Colours dark enough for white text (WCAG AA); the word says it too. */
const FINDING_COLOR: Record<AuditFinding, string> = { MET: '#1b5e20', NOT_MET: 'red.9', UNCLEAR: '#8a5a00' };

export function FindingBadge({ finding }: { finding: AuditFinding | null | undefined }) {
  return finding ? (
    <Badge color={FINDING_COLOR[finding]} data-finding={finding}>
      {auditFindingLabel[finding]}
    </Badge>
  ) : (
    <Badge variant="outline" color="dark" data-finding="">
      Ikke vurderet
    </Badge>
  );
}
