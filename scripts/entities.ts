import { SampleAudit, SampledPathway } from '@app/audits';
import { CapacityImport, Slot, SlotSeries } from '@app/capacity';
import { AuditEntry, OutboxMessage, UserEntity } from '@app/core';
import { Meeting, MeetingDecision } from '@app/meetings';
import { Offer } from '@app/offers';
import { EarlyWarning, Pathway, PathwayPause, PatientAnswer } from '@app/pathways';
import { Agreement, Municipality, Provider, Region } from '@app/reference';
import { Report, ReportOutput } from '@app/reporting';

/** Every entity, for short-lived data sources outside Nest (CLI, seed, migration:generate, bench). */
export const ALL_ENTITIES = [
  UserEntity,
  AuditEntry,
  OutboxMessage,
  Region,
  Municipality,
  Provider,
  Agreement,
  Pathway,
  PathwayPause,
  EarlyWarning,
  PatientAnswer,
  Offer,
  Meeting,
  MeetingDecision,
  SlotSeries,
  Slot,
  CapacityImport,
  Report,
  ReportOutput,
  SampleAudit,
  SampledPathway,
];
