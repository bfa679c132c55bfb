import { AuditEntry, OutboxMessage, UserEntity } from '@app/core';
import { Agreement, Municipality, Provider, Region } from '@app/reference';

/** Every entity, for short-lived data sources outside Nest (CLI, seed, migration:generate, bench). */
export const ALL_ENTITIES = [UserEntity, AuditEntry, OutboxMessage, Region, Municipality, Provider, Agreement];
