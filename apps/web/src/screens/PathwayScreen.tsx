import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { apiErrorOf, type ApiError } from '../errors';
import { DateField } from '../fields';
import {
  cancerAreaLabel,
  days,
  formatDate,
  formatInt,
  modalityLabel,
  options,
  pathwayStatusLabel,
  pauseReasonLabel,
  phaseLabel,
  regionLabel,
} from '../format';
import { graphql } from '../gql';
import type { PathwayQuery } from '../gql/graphql';
import type { PathwayStatus, PauseReason } from '../gql/schema';
import { ApiErrorAlert, ErrorAlert, Loading, notifySuccess, PageHeader } from '../ui';
import { AuditTrail, Offers, Pauses, Warnings } from './PathwayEvidence';

const PathwayDocument = graphql(`
  query Pathway($id: ID!) {
    pathway(id: $id) {
      ...PathwayDeadline
      id
      reference
      regionCode
      cancerArea
      phase
      modality
      status
      clockStart
      expectedDate
      patientAcceptedOn
      treatedOn
      atRisk
      homeMunicipality {
        code
        name
      }
      ...PathwayEvidence
    }
  }
`);

graphql(`
  fragment PathwayDeadline on Pathway {
    id
    deadline
    baseDeadline
    pausedDays
    ruleSet
    atRisk
    status
    deadlineInfo {
      asOf
      baseDeadline
      deadline
      informationDeadline
      maxDays
      pausedDays
      daysLeft
      workingDaysLeft
      ruleSet
    }
  }
`);

const RecordPauseDocument = graphql(`
  mutation RecordPause($input: RecordPauseInput!) {
    recordPause(input: $input) {
      ...PathwayDeadline
      pauses {
        id
        fromDate
        toDate
        reason
        note
      }
      ...PathwayAuditTrail
    }
  }
`);

const UpdatePathwayDocument = graphql(`
  mutation UpdatePathway($input: UpdatePathwayInput!) {
    updatePathway(input: $input) {
      ...PathwayDeadline
      expectedDate
      patientAcceptedOn
      treatedOn
      ...PathwayAuditTrail
    }
  }
`);

type P = PathwayQuery['pathway'];

export default function PathwayScreen() {
  const { id } = useParams();
  const { data, loading, error } = useQuery(PathwayDocument, { variables: { id: id! } });
  const p = data?.pathway;
  if (!p && loading) return <Loading label="Henter forløbet…" />;
  if (!p)
    return (
      <>
        <PageHeader title="Forløb" />
        <ErrorAlert error={error} title="Forløbet kunne ikke vises" />
      </>
    );
  return (
    <>
      <PageHeader
        title={`Forløb ${p.reference}`}
        sub={`${regionLabel(p.regionCode)} · ${cancerAreaLabel[p.cancerArea]} · ${phaseLabel[p.phase]} · ${modalityLabel[p.modality]} · bopæl ${p.homeMunicipality.name}`}
      >
        <Badge size="lg" variant="outline" color="dark">
          {pathwayStatusLabel[p.status]}
        </Badge>
        {p.atRisk ? (
          <Badge size="lg" color="red.8">
            I risiko
          </Badge>
        ) : null}
        {p.status === 'WAITING' ? (
          <Button component={Link} to={`/forloeb/${p.id}/find-tid`}>
            Find tid
          </Button>
        ) : null}
      </PageHeader>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
        <DeadlineCard p={p} />
        <Stack>
          <PauseForm p={p} />
          <UpdateForm p={p} />
        </Stack>
      </SimpleGrid>
      <Stack gap="md">
        <Pauses p={p} />
        <Warnings p={p} />
        <Offers p={p} />
        <AuditTrail p={p} />
      </Stack>
    </>
  );
}

function DeadlineCard({ p }: { p: P }) {
  const d = p.deadlineInfo;
  return (
    <Card withBorder aria-labelledby="deadline-title" data-testid="deadline-breakdown">
      <Title order={2} size="h4" id="deadline-title" mb="sm">
        Fristberegning
      </Title>
      <Table variant="vertical" withTableBorder={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={260}>Fristens start (henvisning)</Table.Th>
            <Table.Td>{formatDate(p.clockStart)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Maksimal ventetid</Table.Th>
            <Table.Td>
              {days(d.maxDays)} ({d.ruleSet})
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Basisfrist</Table.Th>
            <Table.Td data-testid="base-deadline">{formatDate(d.baseDeadline)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Pausedage</Table.Th>
            <Table.Td data-testid="paused-days">{formatInt(d.pausedDays)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Frist</Table.Th>
            <Table.Td fw={700} data-testid="deadline">
              {formatDate(d.deadline)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Informationsfrist (§ 90, 8 hverdage)</Table.Th>
            <Table.Td data-testid="information-deadline">{formatDate(d.informationDeadline)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Tilbage pr. {formatDate(d.asOf)}</Table.Th>
            <Table.Td>
              {formatInt(d.workingDaysLeft)} hverdage · {days(d.daysLeft)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Forventet dato i egen region</Table.Th>
            <Table.Td>{formatDate(p.expectedDate)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function PauseForm({ p }: { p: P }) {
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [reason, setReason] = useState<PauseReason | null>('PATIENT_CHOICE');
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [record, { loading }] = useMutation(RecordPauseDocument);
  const open = ['WAITING', 'OFFERED', 'SCHEDULED'].includes(p.status);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!from || !to || !reason) {
      setError({
        code: 'BAD_USER_INPUT',
        field: !from ? 'from' : !to ? 'to' : 'reason',
        message: 'Udfyld fra, til og årsag.',
      });
      return;
    }
    try {
      const { data } = await record({
        variables: { input: { pathwayId: p.id, from, to, reason, note: note.trim() || null } },
      });
      const d = data!.recordPause.deadlineInfo;
      notifySuccess(
        `Pausen er registreret. Ny frist: ${formatDate(d.deadline)} (basisfrist ${formatDate(d.baseDeadline)} + ${days(d.pausedDays)} pause).`,
      );
      setFrom(null);
      setTo(null);
      setNote('');
    } catch (err) {
      setError(apiErrorOf(err));
    }
  };
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Registrér pause
      </Title>
      {!open ? (
        <Text size="sm">Forløbet er {pathwayStatusLabel[p.status].toLowerCase()} og kan ikke sættes på pause.</Text>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Registrér pause">
          <Stack gap="xs">
            <ApiErrorAlert error={error} title="Pausen blev ikke registreret" />
            <Group grow align="flex-start">
              <DateField
                label="Pause fra (første dag)"
                value={from}
                onChange={setFrom}
                error={error?.field === 'from' ? error.message : undefined}
              />
              <DateField
                label="Pause til (første dag efter)"
                value={to}
                onChange={setTo}
                error={error?.field === 'to' ? error.message : undefined}
              />
            </Group>
            <Select
              label="Årsag"
              data={options(pauseReasonLabel)}
              value={reason}
              allowDeselect={false}
              onChange={(v) => setReason(v as PauseReason | null)}
            />
            <Textarea
              label="Note (valgfri)"
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              autosize
              minRows={1}
            />
            <Group>
              <Button type="submit" loading={loading}>
                Registrér pause
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Card>
  );
}

const MANUAL_STATUSES: PathwayStatus[] = ['WAITING', 'SCHEDULED', 'TREATED', 'CLOSED'];

function UpdateForm({ p }: { p: P }) {
  const [expected, setExpected] = useState<string | null>(p.expectedDate ?? null);
  const [accepted, setAccepted] = useState<string | null>(p.patientAcceptedOn ?? null);
  const [status, setStatus] = useState<PathwayStatus>(p.status);
  const [treatedOn, setTreatedOn] = useState<string | null>(p.treatedOn ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [update, { loading }] = useMutation(UpdatePathwayDocument, { refetchQueries: ['Worklist'] });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await update({
        variables: {
          input: {
            pathwayId: p.id,
            expectedDate: expected,
            patientAcceptedOn: accepted,
            ...(status !== p.status ? { status } : {}),
            ...(status === 'TREATED' && status !== p.status ? { treatedOn } : {}),
          },
        },
      });
      notifySuccess(`Forløb ${p.reference} er opdateret.`);
    } catch (err) {
      setError(apiErrorOf(err));
    }
  };
  const statusOptions = options(pathwayStatusLabel).filter(
    (o) => o.value === p.status || MANUAL_STATUSES.includes(o.value),
  );
  return (
    <Card withBorder>
      <Title order={2} size="h4" mb="sm">
        Opdatér forløb
      </Title>
      <form onSubmit={submit} noValidate aria-label="Opdatér forløb">
        <Stack gap="xs">
          <ApiErrorAlert error={error} title="Forløbet blev ikke opdateret" />
          <Group grow align="flex-start">
            <DateField
              label="Forventet dato i egen region"
              clearable
              value={expected}
              onChange={setExpected}
              error={error?.field === 'expectedDate' ? error.message : undefined}
            />
            <DateField
              label="Patienten accepterede udredning/behandling"
              clearable
              value={accepted}
              onChange={setAccepted}
              error={error?.field === 'patientAcceptedOn' ? error.message : undefined}
            />
          </Group>
          <Group grow align="flex-start">
            <Select
              label="Status"
              data={statusOptions}
              value={status}
              allowDeselect={false}
              onChange={(v) => setStatus(v as PathwayStatus)}
            />
            {status === 'TREATED' && p.status !== 'TREATED' ? (
              <DateField
                label="Behandlet den"
                value={treatedOn}
                onChange={setTreatedOn}
                error={error?.field === 'treatedOn' ? error.message : undefined}
              />
            ) : (
              <div />
            )}
          </Group>
          <Group>
            <Button type="submit" variant="light" loading={loading}>
              Gem ændringer
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
