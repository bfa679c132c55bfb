// A pathway's evidence trail (pauses, early warnings, offers with the patient's answers, audit trail): shown on the
// pathway screen and, for each sampled pathway, in a sample audit (Stikprøver).
import { Anchor, Card, Group, List, Table, Text, Title, type TitleOrder } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { downloadEvidence } from '../evidence';
import {
  declineReasonLabel,
  formatDate,
  formatDateTime,
  offerStatusLabel,
  pauseReasonLabel,
  providerKindLabel,
} from '../format';
import { graphql } from '../gql';
import type { PathwayEvidenceFragment } from '../gql/graphql';
import { Empty, notifyError } from '../ui';

graphql(`
  fragment PathwayEvidence on Pathway {
    id
    reference
    pauses {
      id
      fromDate
      toDate
      reason
      note
    }
    warningsRaised {
      id
      raisedOn
      deadline
    }
    offers {
      id
      status
      offeredAt
      expiresAt
      respondedAt
      slotStartsAt
      slotDate
      meetsDeadline
      deadlineAtOffer
      providerKind
      providerCountry
      declineReason
      note
      provider {
        id
        name
      }
    }
    ...PathwayAuditTrail
  }
`);

/** The audit trail, also what a mutation that writes to it asks for back. */
graphql(`
  fragment PathwayAuditTrail on Pathway {
    id
    auditTrail {
      id
      at
      action
      actorLabel
      before
      after
    }
  }
`);

type P = PathwayEvidenceFragment;
interface Props {
  p: P;
  /** Heading level of each part (2 on the pathway screen, deeper inside a sample audit). */
  order?: TitleOrder;
}

const AUDIT_ACTIONS: Record<string, string> = {
  'pathway.register': 'Forløb registreret',
  'pathway.update': 'Forløb opdateret',
  'pathway.pause': 'Pause registreret',
  'pathway.deadline': 'Frist genberegnet',
  'pathway.offered': 'Tilbud givet',
  'pathway.scheduled': 'Planlagt',
  'pathway.waiting': 'Venter igen',
  'pathway.treated': 'Behandlet',
  'pathway.closed': 'Afsluttet',
  'pathway.preferences': 'Patientens ønsker registreret',
  'pathway.wishes-override': 'Søgt uden for patientens ønsker',
  'pathway.early-warning': 'Tidligt varsel',
  'pathway.audit_finding': 'Vurderet i en stikprøve',
};

/** One part of the trail: a card with a heading, and its content or a line saying there is none. */
function Part(props: {
  title: string;
  order: TitleOrder;
  empty: string | null;
  action?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={props.order} size="h4">
          {props.title}
        </Title>
        {props.action}
      </Group>
      {props.empty ? <Empty>{props.empty}</Empty> : props.children}
    </Card>
  );
}

function Head({ cols }: { cols: string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {cols.map((c) => (
          <Table.Th key={c}>{c}</Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}

export function Pauses({ p, order = 2 }: Props) {
  return (
    <Part title="Pauser" order={order} empty={p.pauses.length ? null : 'Ingen pauser registreret.'}>
      <Table data-testid="pauses" aria-label={`Pauser i forløb ${p.reference}`}>
        <Head cols={['Fra', 'Til (første dag efter)', 'Årsag', 'Note']} />
        <Table.Tbody>
          {p.pauses.map((x) => (
            <Table.Tr key={x.id}>
              <Table.Td>{formatDate(x.fromDate)}</Table.Td>
              <Table.Td>{formatDate(x.toDate)}</Table.Td>
              <Table.Td>{pauseReasonLabel[x.reason]}</Table.Td>
              <Table.Td>{x.note ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Part>
  );
}

export function Warnings({ p, order = 2 }: Props) {
  return (
    <Part title="Varsler" order={order} empty={p.warningsRaised.length ? null : 'Ingen tidlige varsler.'}>
      <List data-testid="warnings">
        {p.warningsRaised.map((w) => (
          <List.Item key={w.id}>
            Varslet {formatDate(w.raisedOn)} om fristen {formatDate(w.deadline)}
          </List.Item>
        ))}
      </List>
    </Part>
  );
}

export function Offers({ p, order = 2 }: Props) {
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadEvidence(p.id, p.reference);
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Part
      title="Tilbud (handlepligt)"
      order={order}
      empty={p.offers.length ? null : 'Der er ikke givet tilbud.'}
      action={
        <Anchor component="button" type="button" onClick={download} disabled={busy} data-testid="evidence-link">
          Hent dokumentation (evidence.csv)
        </Anchor>
      }
    >
      <Table.ScrollContainer minWidth={900}>
        <Table data-testid="offers" aria-label={`Tilbud i forløb ${p.reference}`}>
          <Head cols={['Givet', 'Udbyder', 'Tid', 'Inden for frist', 'Status', 'Besvaret', 'Afslag']} />
          <Table.Tbody>
            {p.offers.map((o) => (
              <Table.Tr key={o.id}>
                <Table.Td className="nowrap">{formatDateTime(o.offeredAt)}</Table.Td>
                <Table.Td>
                  {o.provider.name}{' '}
                  <Text span size="xs" c="dimmed">
                    ({providerKindLabel[o.providerKind]})
                  </Text>
                </Table.Td>
                <Table.Td className="nowrap">{formatDateTime(o.slotStartsAt)}</Table.Td>
                <Table.Td>
                  {o.meetsDeadline ? 'Ja' : 'Nej'}{' '}
                  <Text span size="xs" c="dimmed">
                    (frist {formatDate(o.deadlineAtOffer)})
                  </Text>
                </Table.Td>
                <Table.Td>{offerStatusLabel[o.status]}</Table.Td>
                <Table.Td className="nowrap">{o.respondedAt ? formatDateTime(o.respondedAt) : '–'}</Table.Td>
                <Table.Td>
                  {o.declineReason ? declineReasonLabel[o.declineReason] : ''}
                  {o.note ? ` – ${o.note}` : ''}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Part>
  );
}

export function AuditTrail({ p, order = 2 }: Props) {
  return (
    <Part title="Revisionsspor" order={order} empty={p.auditTrail.length ? null : 'Ingen hændelser.'}>
      <Table data-testid="audit" aria-label={`Revisionsspor for forløb ${p.reference}`}>
        <Head cols={['Tidspunkt', 'Hændelse', 'Af']} />
        <Table.Tbody>
          {p.auditTrail.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td className="nowrap">{formatDateTime(a.at)}</Table.Td>
              <Table.Td>{AUDIT_ACTIONS[a.action] ?? a.action}</Table.Td>
              <Table.Td>{a.actorLabel}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Part>
  );
}
