import { useQuery } from '@apollo/client/react';
import { Anchor, Autocomplete, Button, Code, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { formatDateTime, formatInt } from '../../format';
import { graphql } from '../../gql';
import type { AuditFilter } from '../../gql/schema';
import { PageNav, useCursorStack } from '../../paging';
import { Empty, ErrorAlert, Loading, PageHeader } from '../../ui';
import { DateField } from '../meeting/DateField';

const AuditDocument = graphql(`
  query AuditLog($filter: AuditFilter, $first: Int, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        at
        actorId
        actorLabel
        action
        entityType
        entityId
        before
        after
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PAGE = 50;

const entityLabel: Record<string, string> = {
  pathway: 'Forløb',
  offer: 'Tilbud',
  slot: 'Ledig tid',
  provider: 'Udbyder',
  agreement: 'Aftale',
  meeting: 'Møde',
  report: 'Rapport',
  user: 'Bruger',
};

const ACTIONS = [
  'pathway.register',
  'pathway.update',
  'pathway.pause',
  'offer.create',
  'offer.accepted',
  'offer.declined',
  'offer.expired',
  'offer.withdrawn',
  'slot.publish',
  'slotSeries.publish',
  'slot.hold',
  'slot.withdraw',
  'provider.create',
  'provider.update',
  'agreement.create',
  'agreement.update',
  'meeting.create',
  'meeting.decision',
  'report.compile',
  'report.done',
  'report.failed',
  'user.create',
];

/** Revisionsspor: the append-only audit log, newest first, filterable by entity, action, actor and time, paged. */
export default function AuditScreen() {
  const [params, setParams] = useSearchParams();
  const entityType = params.get('entitet');
  const entityId = params.get('id') ?? '';
  const action = params.get('handling') ?? '';
  const actorId = params.get('aktoer') ?? '';
  const since = params.get('fra') ?? '';
  const key = params.toString();
  const pages = useCursorStack(key);
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const filter: AuditFilter = {
    ...(entityType ? { entityType } : {}),
    ...(entityId.trim() ? { entityId: entityId.trim() } : {}),
    ...(action.trim() ? { action: action.trim() } : {}),
    ...(actorId ? { actorId } : {}),
    ...(since ? { since: new Date(`${since}T00:00:00`).toISOString() } : {}),
  };
  const { data, previousData, loading, error } = useQuery(AuditDocument, {
    variables: { filter, first: PAGE, after: pages.after },
  });
  const log = (data ?? previousData)?.auditLog;
  const page = log?.nodes;
  const actorName = actorId ? page?.find((e) => e.actorId === actorId)?.actorLabel : undefined;

  return (
    <>
      <PageHeader
        title="Revisionsspor"
        sub="Alle ændringer af forløb, tilbud, ledige tider, udbydere, aftaler, møder og rapporter – nyeste først"
      />
      <Group gap="sm" mb="md" align="flex-end" role="search" aria-label="Filtrér revisionssporet">
        <Select
          label="Entitet"
          placeholder="Alle"
          clearable
          w={160}
          value={entityType}
          data={Object.entries(entityLabel).map(([value, label]) => ({ value, label }))}
          onChange={(v) => set('entitet', v)}
        />
        <TextInput
          label="Entitets-id"
          w={300}
          value={entityId}
          onChange={(e) => set('id', e.currentTarget.value)}
          placeholder="UUID"
        />
        <Autocomplete
          label="Handling"
          w={200}
          value={action}
          data={ACTIONS}
          onChange={(v) => set('handling', v)}
          placeholder="Alle"
        />
        <DateField label="Fra dato" w={170} value={since || null} clearable onChange={(v) => set('fra', v)} />
        {actorId ? (
          <Button variant="light" onClick={() => set('aktoer', null)} aria-label="Fjern filter på aktør">
            Aktør: {actorName ?? actorId} ×
          </Button>
        ) : null}
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        Vælg en aktør i tabellen for kun at se vedkommendes ændringer.
      </Text>
      <ErrorAlert error={error} title="Revisionssporet kunne ikke hentes" />
      {!page && loading ? <Loading label="Henter revisionsspor…" /> : null}
      {page && page.length === 0 ? <Empty>Ingen poster matcher filtrene.</Empty> : null}
      {page && page.length > 0 ? (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped withTableBorder data-testid="audit" aria-busy={loading}>
            <Table.Caption>
              Side {formatInt(pages.pageNo)} · {formatInt(page.length)} poster
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Tidspunkt</Table.Th>
                <Table.Th>Aktør</Table.Th>
                <Table.Th>Handling</Table.Th>
                <Table.Th>Entitet</Table.Th>
                <Table.Th>Ændring</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.map((e) => (
                <Table.Tr key={e.id} data-entry={e.id}>
                  <Table.Td className="nowrap">{formatDateTime(e.at)}</Table.Td>
                  <Table.Td>
                    {e.actorId ? (
                      <Anchor component="button" type="button" onClick={() => set('aktoer', e.actorId!)}>
                        {e.actorLabel}
                      </Anchor>
                    ) : (
                      e.actorLabel
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Code>{e.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      onClick={() => {
                        set('entitet', e.entityType);
                      }}
                      title="Vis kun denne entitetstype"
                    >
                      {entityLabel[e.entityType] ?? e.entityType}
                    </Anchor>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {e.entityId}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={460}>
                    <Change before={e.before} after={e.after} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {log ? <PageNav pages={pages} page={log} labels={['Nyere', 'Ældre']} /> : null}
    </>
  );
}

/** The fields that changed (or, for a creation, the new record) in a compact, expandable form. */
function Change({
  before,
  after,
}: {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}) {
  const keys = after
    ? Object.keys(after).filter((k) => !before || JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    : [];
  const summary = before
    ? keys.map((k) => `${k}: ${short(before[k])} → ${short(after?.[k])}`).slice(0, 3)
    : keys.slice(0, 4).map((k) => `${k}: ${short(after?.[k])}`);
  if (!after && !before) return <>–</>;
  return (
    <details>
      <summary>
        <Text span size="sm">
          {summary.join(' · ') || 'Se detaljer'}
        </Text>
      </summary>
      <Code block mt={4}>
        {JSON.stringify(before ? { før: before, efter: after } : after, null, 2)}
      </Code>
    </details>
  );
}

function short(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? '–' : s.length > 40 ? `${s.slice(0, 39)}…` : s;
}
