import { useMutation } from '@apollo/client/react';
import {
  Alert,
  Button,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useUser } from '../../auth';
import { cancerAreaLabel, formatDate, formatDateTime, formatInt, options, todayLocal } from '../../format';
import type { CancerArea, DecisionKind } from '../../gql/schema';
import { Empty, ErrorAlert, Loading, notifyError, notifySuccess, PageHeader } from '../../ui';
import { CreateMeetingDocument, RecordDecisionDocument, useBoard, type BoardRow } from './board-data';
import { PhaseTable, ProposalCells, reasonsText, RegionTable, RowStatus } from './BoardTables';
import { decisionKindLabel, unassignedReasonLabel } from './labels';
import { DateField } from './DateField';
import './board.css';

/** The area and date of the board from the URL (?omraade=BREAST&dato=2026-12-01); a collaboration sees its own areas. */
export function useBoardParams() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const areas: CancerArea[] =
    user.role === 'COLLABORATION' ? user.cancerAreas : (Object.keys(cancerAreaLabel) as CancerArea[]);
  const wanted = params.get('omraade') as CancerArea | null;
  const area = wanted && areas.includes(wanted) ? wanted : (areas[0] ?? null);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(params.get('dato') ?? '') ? params.get('dato')! : todayLocal();
  const set = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(name, value);
    setParams(next, { replace: true });
  };
  return { areas, area, date, set, search: `?omraade=${area ?? ''}&dato=${date}` };
}

interface DecisionDraft {
  kind: Exclude<DecisionKind, 'OFFER_MADE'>;
  pathwayId?: string;
  reference?: string;
}

/** Mødetavle: the agenda of a collaboration meeting, the allocation proposal, decisions and printable minutes. */
export default function MeetingBoardScreen() {
  const { areas, area, date, set, search } = useBoardParams();
  const { agenda, meeting, overview, derived, loading, error, refetch } = useBoard(area, date);
  const [createMeeting, created] = useMutation(CreateMeetingDocument);
  const [recordDecision, recording] = useMutation(RecordDecisionDocument);
  const [draft, setDraft] = useState<DecisionDraft | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  if (!area) return <Empty>Din bruger er ikke knyttet til et kræftområde.</Empty>;

  const start = async () => {
    try {
      await createMeeting({
        variables: { input: { cancerArea: area, date, title: `${cancerAreaLabel[area]} – møde ${formatDate(date)}` } },
      });
      await refetch();
      notifySuccess('Mødet er startet. Beslutninger skrives nu i referatet.');
    } catch (e) {
      notifyError(e);
    }
  };
  const decide = async (
    kind: DecisionKind,
    pathwayId: string | undefined,
    extra: { offerId?: string; reason?: string },
  ) => {
    if (!meeting) return false;
    try {
      await recordDecision({ variables: { input: { meetingId: meeting.id, kind, pathwayId, ...extra } } });
      await refetch();
      notifySuccess(`${decisionKindLabel[kind]} er skrevet i referatet.`);
      return true;
    } catch (e) {
      notifyError(e);
      return false;
    }
  };
  const openDraft = (d: DecisionDraft) => {
    setDraft(d);
    setReason('');
    setReasonError(null);
  };
  const saveDraft = async () => {
    if (!draft) return;
    if (!reason.trim()) {
      setReasonError('Skriv en begrundelse.');
      return;
    }
    if (await decide(draft.kind, draft.pathwayId, { reason: reason.trim() })) setDraft(null);
  };

  const rows = derived?.rows ?? [];
  const decisions = meeting?.decisions ?? [];
  return (
    <div className="board-screen">
      <div className="no-print">
        <PageHeader title="Mødetavle" sub="Dagsorden, fordelingsforslag og beslutninger til kræftsamarbejdets møde">
          <Button component={Link} to={`/moede/praesentation${search}`} variant="default">
            Præsentation
          </Button>
          <Button variant="default" onClick={() => void refetch()}>
            Opdatér
          </Button>
        </PageHeader>
        <Group gap="sm" mb="md" align="flex-end">
          <Select
            label="Kræftområde"
            w={260}
            value={area}
            allowDeselect={false}
            data={options(cancerAreaLabel).filter((o) => areas.includes(o.value))}
            onChange={(v) => v && set('omraade', v)}
          />
          <DateField label="Mødedato" w={180} value={date} onChange={(v) => v && set('dato', v)} />
          {meeting ? (
            <Text size="sm" pb={8} data-testid="meeting-status">
              Møde startet {formatDateTime(meeting.createdAt)} · {formatInt(decisions.length)} beslutninger
            </Text>
          ) : (
            <Button onClick={() => void start()} loading={created.loading}>
              Start møde
            </Button>
          )}
          {meeting ? (
            <Button color="red.9" variant="outline" onClick={() => openDraft({ kind: 'ESCALATE' })}>
              Eskalér kapacitetsproblem
            </Button>
          ) : null}
        </Group>
      </div>

      <ErrorAlert error={error} title="Mødetavlen kunne ikke hentes" />
      {!agenda && loading ? <Loading label="Henter dagsorden…" /> : null}
      {agenda ? (
        <Stack gap="lg">
          <section aria-labelledby="agenda-h" className="no-print">
            <Group justify="space-between" align="baseline">
              <Title order={2} size="h3" id="agenda-h">
                {cancerAreaLabel[agenda.cancerArea]} · {formatDate(agenda.date)}
              </Title>
              <Text data-testid="abroad">
                Ledige tider i udlandet de næste 4 uger: <strong>{formatInt(agenda.freeSlotsAbroad)}</strong>
              </Text>
            </Group>
            <Table.ScrollContainer minWidth={900}>
              <RegionTable agenda={agenda} />
            </Table.ScrollContainer>
          </section>
          <section aria-labelledby="phase-h" className="no-print">
            <Title order={2} size="h3" id="phase-h" mb="xs">
              Ventetid pr. fase
            </Title>
            <Table.ScrollContainer minWidth={700}>
              <PhaseTable rows={overview} regions={agenda.regions} />
            </Table.ScrollContainer>
          </section>

          <section aria-labelledby="proposal-h" className="no-print">
            <Group justify="space-between" align="baseline">
              <Title order={2} size="h3" id="proposal-h">
                Fordelingsforslag
              </Title>
              <Text size="sm">
                {formatInt(agenda.proposal.totals.placed)} af {formatInt(agenda.proposal.totals.pathways)} forløb i
                risiko placeret, {formatInt(agenda.proposal.totals.placedInTime)} inden fristen
              </Text>
            </Group>
            {!meeting ? (
              <Alert color="blue" mt="xs" title="Mødet er ikke startet">
                Start mødet for at registrere beslutninger.
              </Alert>
            ) : null}
            {rows.length === 0 ? (
              <Empty>Ingen forløb i risiko kan placeres i de næste 4 uger.</Empty>
            ) : (
              <Table striped withTableBorder className="board-table" data-testid="proposal">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Forløb</Table.Th>
                    <Table.Th>Hjemregion</Table.Th>
                    <Table.Th>Foreslået udbyder</Table.Th>
                    <Table.Th>Dato</Table.Th>
                    <Table.Th className="num">Dage før frist</Table.Th>
                    <Table.Th className="num">Afstand</Table.Th>
                    <Table.Th>Begrundelse</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>Beslutning</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {rows.map((r) => (
                    <Table.Tr key={r.pathwayId} data-reference={r.reference}>
                      <ProposalCells row={r} />
                      <Table.Td>{reasonsText(r)}</Table.Td>
                      <Table.Td className="nowrap">
                        <RowStatus row={r} />
                      </Table.Td>
                      <Table.Td>
                        {meeting ? (
                          <RowActions
                            row={r}
                            onOffer={(o) => void decide('OFFER_MADE', r.pathwayId, { offerId: o })}
                            onDraft={openDraft}
                            busy={recording.loading}
                          />
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {agenda.proposal.unassigned.length ? (
              <>
                <Title order={3} size="h4" mt="md" mb="xs">
                  Ikke placeret
                </Title>
                <Table withTableBorder data-testid="unassigned">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Forløb</Table.Th>
                      <Table.Th>Hvorfor</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Beslutning</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {agenda.proposal.unassigned.map((u) => {
                      const d = derived?.decisionByPathway.get(u.pathwayId);
                      return (
                        <Table.Tr key={u.pathwayId} data-reference={u.pathwayReference}>
                          <Table.Td fw={700}>{u.pathwayReference}</Table.Td>
                          <Table.Td>{unassignedReasonLabel[u.reason] ?? u.reason}</Table.Td>
                          <Table.Td>
                            {d ? (
                              <Text size="sm">{decisionKindLabel[d.kind]}</Text>
                            ) : meeting ? (
                              <Group gap={6} wrap="nowrap">
                                <Button
                                  size="compact-sm"
                                  variant="default"
                                  onClick={() =>
                                    openDraft({
                                      kind: 'NO_ACTION',
                                      pathwayId: u.pathwayId,
                                      reference: u.pathwayReference,
                                    })
                                  }
                                  aria-label={`Ingen handling for ${u.pathwayReference}`}
                                >
                                  Ingen handling
                                </Button>
                                <Button
                                  size="compact-sm"
                                  variant="outline"
                                  color="red.9"
                                  onClick={() =>
                                    openDraft({
                                      kind: 'ESCALATE',
                                      pathwayId: u.pathwayId,
                                      reference: u.pathwayReference,
                                    })
                                  }
                                  aria-label={`Eskalér ${u.pathwayReference}`}
                                >
                                  Eskalér
                                </Button>
                              </Group>
                            ) : null}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </>
            ) : null}
          </section>

          <Minutes
            agendaArea={agenda.cancerArea}
            date={agenda.date}
            meeting={meeting}
            references={derived?.references}
            offerById={derived?.offerById}
          />
        </Stack>
      ) : null}

      <Modal
        opened={draft !== null}
        onClose={() => setDraft(null)}
        closeButtonProps={{ 'aria-label': 'Luk' }}
        title={
          draft?.kind === 'ESCALATE'
            ? `Eskalér${draft.reference ? ` ${draft.reference}` : ' kapacitetsproblem'}`
            : `Ingen handling for ${draft?.reference ?? ''}`
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void saveDraft();
          }}
        >
          <Stack>
            <Text size="sm">
              {draft?.kind === 'ESCALATE'
                ? 'Et systematisk kapacitetsproblem sendes videre til de regionale sundhedsdirektører. Beskriv problemet.'
                : 'Skriv kort, hvorfor mødet ikke gør noget for forløbet.'}
            </Text>
            <Textarea
              label="Begrundelse"
              withAsterisk
              autosize
              minRows={3}
              value={reason}
              error={reasonError}
              onChange={(e) => setReason(e.currentTarget.value)}
              data-autofocus
            />
            <Text size="xs" c="dimmed">
              Skriv ingen personoplysninger.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDraft(null)}>
                Annullér
              </Button>
              <Button type="submit" loading={recording.loading}>
                Gem beslutning
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </div>
  );
}

function RowActions({
  row,
  onOffer,
  onDraft,
  busy,
}: {
  row: BoardRow;
  onOffer: (offerId: string) => void;
  onDraft: (d: DecisionDraft) => void;
  busy: boolean;
}) {
  if (row.decision) return null;
  return (
    <Group gap={6}>
      {row.offer ? (
        <Button
          size="compact-sm"
          color="#1b5e20"
          loading={busy}
          onClick={() => onOffer(row.offer!.id)}
          aria-label={`Registrér tilbud for ${row.reference}`}
        >
          Registrér tilbud
        </Button>
      ) : null}
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => onDraft({ kind: 'NO_ACTION', pathwayId: row.pathwayId, reference: row.reference })}
        aria-label={`Ingen handling for ${row.reference}`}
      >
        Ingen handling
      </Button>
      <Button
        size="compact-sm"
        variant="outline"
        color="red.9"
        onClick={() => onDraft({ kind: 'ESCALATE', pathwayId: row.pathwayId, reference: row.reference })}
        aria-label={`Eskalér ${row.reference}`}
      >
        Eskalér
      </Button>
    </Group>
  );
}

type Meeting = NonNullable<ReturnType<typeof useBoard>['meeting']>;
type OfferMap = NonNullable<ReturnType<typeof useBoard>['derived']>['offerById'];

/** The meeting's decisions as minutes; the print stylesheet prints only this on A4. */
function Minutes({
  agendaArea,
  date,
  meeting,
  references,
  offerById,
}: {
  agendaArea: CancerArea;
  date: string;
  meeting: Meeting | undefined;
  references?: Map<string, string>;
  offerById?: OfferMap;
}) {
  const decisions = meeting?.decisions ?? [];
  return (
    <section aria-labelledby="minutes-h" className="minutes" data-testid="minutes">
      <Group justify="space-between" align="baseline">
        <Title order={2} size="h3" id="minutes-h">
          Referat
        </Title>
        <Button variant="default" className="no-print" disabled={!decisions.length} onClick={() => window.print()}>
          Udskriv referat
        </Button>
      </Group>
      <Text className="print-only" mb="sm">
        {meeting?.title ?? cancerAreaLabel[agendaArea]} · {formatDate(date)} · {formatInt(decisions.length)}{' '}
        beslutninger
      </Text>
      {decisions.length === 0 ? (
        <Empty>{meeting ? 'Ingen beslutninger endnu.' : 'Mødet er ikke startet.'}</Empty>
      ) : (
        <Table withTableBorder className="minutes-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tid</Table.Th>
              <Table.Th>Beslutning</Table.Th>
              <Table.Th>Forløb</Table.Th>
              <Table.Th>Begrundelse / tilbud</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {decisions.map((d) => {
              const o = d.offerId ? offerById?.get(d.offerId) : undefined;
              return (
                <Table.Tr key={d.id} data-kind={d.kind}>
                  <Table.Td className="nowrap">{formatDateTime(d.decidedAt)}</Table.Td>
                  <Table.Td>{decisionKindLabel[d.kind]}</Table.Td>
                  <Table.Td fw={700}>{d.pathwayId ? (references?.get(d.pathwayId) ?? '–') : 'Generelt'}</Table.Td>
                  <Table.Td>
                    {d.kind === 'OFFER_MADE'
                      ? o
                        ? `${o.provider.name}, ${formatDate(o.slotDate)}`
                        : 'Tilbud givet'
                      : d.reason}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}
