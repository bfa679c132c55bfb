import { Foundation1764000000000 } from './1764000000000-foundation';
import { Capacity1764000000100 } from './1764000000100-capacity';
import { Pathways1764000000200 } from './1764000000200-pathways';
import { Offers1764000000300 } from './1764000000300-offers';
import { Meetings1764000000400 } from './1764000000400-meetings';
import { MatchingIndexes1764000000600 } from './1764000000600-matching-indexes';
import { AgreementFunction1764000000700 } from './1764000000700-agreement-function';
import { Reports1764000000500 } from './1764000000500-reports';
import { DemoUsers1764000001000 } from './1764000001000-demo-users';
import { SlotHeldFor1764000001001 } from './1764000001001-slot-held-for';
import { SampleAudits1764000001200 } from './1764000001200-sample-audits';
import { ReportPdf1764000001201 } from './1764000001201-report-pdf';
import { PatientAnswers1764000001300 } from './1764000001300-patient-answers';
import { CapacityImport1764000001400 } from './1764000001400-capacity-import';
import { PagingIndexes1764000001500 } from './1764000001500-paging-indexes';
import { AuditLogTimeOrder1764000001600 } from './1764000001600-audit-log-time-order';

/** Every migration, in order; listed as classes so one config works under ts-jest and from dist/. */
export const MIGRATIONS = [
  Foundation1764000000000,
  Capacity1764000000100,
  Pathways1764000000200,
  Offers1764000000300,
  Meetings1764000000400,
  Reports1764000000500,
  MatchingIndexes1764000000600,
  AgreementFunction1764000000700,
  DemoUsers1764000001000,
  SlotHeldFor1764000001001,
  SampleAudits1764000001200,
  ReportPdf1764000001201,
  PatientAnswers1764000001300,
  CapacityImport1764000001400,
  PagingIndexes1764000001500,
  AuditLogTimeOrder1764000001600,
];
