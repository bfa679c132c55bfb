import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { apiErrorOf, type ApiError } from '../errors';
import {
  cancerAreaLabel,
  candidateReasons,
  countryLabel,
  days,
  formatDate,
  formatDateTime,
  formatInt,
  formatNumber,
  modalityLabel,
  pathwayStatusLabel,
  phaseLabel,
  providerKindLabel,
  regionLabel,
} from '../format';
import { graphql } from '../gql';
import type { FindSlotQuery } from '../gql/graphql';
import { ApiErrorAlert, Empty, ErrorAlert, Loading, notifySuccess, PageHeader } from '../ui';

const FindSlotPathwayDocument = graphql(`
  query FindSlotPathway($pathwayId: ID!) {
    pathway(id: $pathwayId) {
      id
      reference
      regionCode
      cancerArea
      phase
      modality
      status
      deadline
    }
  }
`);

// Asked only for a waiting pathway: the API refuses the others with INVALID_STATE.
const FindSlotDocument = graphql(`
  query FindSlot($pathwayId: ID!, $includeOwnRegion: Boolean) {
    matchCandidates(pathwayId: $pathwayId, limit: 20, includeOwnRegion: $includeOwnRegion) {
      rank
      slotId
      starts
      date
      durationMinutes
      providerKind
      distanceKm
      daysBeforeDeadline
      meetsDeadline
      agreementValidTo
      provider {
        id
        name
        regionCode
        country
      }
    }
  }
`);

const CreateOfferDocument = graphql(`
  mutation CreateOffer($input: CreateOfferInput!) {
    createOffer(input: $input) {
      id
      expiresAt
      slotStartsAt
      status
      provider {
        id
        name
      }
      pathway {
        id
        status
      }
    }
  }
`);

interface Made {
  id: string;
  provider: string;
  starts: string;
  expiresAt: string;
}

/** Find tid: ranked free slots in other regions, privately and abroad for one pathway; an offer holds the slot. */
export default function FindSlotScreen() {
  const { id } = useParams();
  const [includeOwnRegion, setIncludeOwnRegion] = useState(false);
  const pathway = useQuery(FindSlotPathwayDocument, { variables: { pathwayId: id! }, fetchPolicy: 'network-only' });
  const p = pathway.data?.pathway;
  const { data, previousData, loading, error, refetch } = useQuery(FindSlotDocument, {
    variables: { pathwayId: id!, includeOwnRegion },
    fetchPolicy: 'network-only',
    skip: p?.status !== 'WAITING',
  });
  const [createOffer] = useMutation(CreateOfferDocument, { refetchQueries: ['Worklist', 'Offers'] });
  const [pending, setPending] = useState<string | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const view = data ?? previousData;

  const offer = async (slotId: string) => {
    setPending(slotId);
    setFailure(null);
    setMade(null);
    try {
      const { data: res } = await createOffer({
        variables: { input: { pathwayId: id!, slotId, allowOwnRegion: includeOwnRegion } },
      });
      const o = res!.createOffer;
      setMade({ id: o.id, provider: o.provider.name, starts: o.slotStartsAt, expiresAt: o.expiresAt });
      notifySuccess(
        `Tilbud givet: ${o.provider.name} ${formatDateTime(o.slotStartsAt)}. Tiden er reserveret til ${formatDateTime(o.expiresAt)}.`,
      );
    } catch (err) {
      const e = apiErrorOf(err);
      setFailure(
        e.code === 'SLOT_NOT_AVAILABLE'
          ? { ...e, message: 'En anden region har netop taget tiden. Listen er opdateret – vælg en anden tid.' }
          : e,
      );
      if (e.code === 'SLOT_NOT_AVAILABLE') await refetch();
    } finally {
      setPending(null);
    }
  };

  if (!p && pathway.loading) return <Loading label="Henter forløbet…" />;
  if (!p)
    return (
      <>
        <PageHeader title="Find tid" />
        <ErrorAlert error={pathway.error} title="Forløbet kunne ikke vises" />
      </>
    );
  const candidates = p.status === 'WAITING' ? view?.matchCandidates : undefined;
  return (
    <>
      <PageHeader
        title={`Find tid til ${p.reference}`}
        sub={[
          regionLabel(p.regionCode),
          cancerAreaLabel[p.cancerArea],
          // A diagnostic pathway's phase and modality are both »Udredning«: say it once.
          ...new Set([phaseLabel[p.phase], modalityLabel[p.modality]]),
          `frist ${formatDate(p.deadline)}`,
        ].join(' · ')}
      >
        <Anchor component={Link} to={`/forloeb/${p.id}`}>
          Til forløbet
        </Anchor>
      </PageHeader>
      {made ? (
        <Alert color="green" title="Tilbuddet er givet" role="status" mb="md" data-testid="offer-made">
          {made.provider}, {formatDateTime(made.starts)}. Tiden er reserveret, og tilbuddet udløber{' '}
          {formatDateTime(made.expiresAt)}. Registrér patientens svar under{' '}
          <Anchor component={Link} to="/tilbud">
            Tilbud
          </Anchor>
          .
        </Alert>
      ) : null}
      {failure ? (
        <ApiErrorAlert
          error={failure}
          title={failure.code === 'SLOT_NOT_AVAILABLE' ? 'Tiden er væk' : 'Tilbuddet blev ikke givet'}
        />
      ) : null}
      {p.status !== 'WAITING' && !made ? (
        <Alert color="yellow" mb="md" title="Forløbet venter ikke" data-testid="not-waiting">
          Forløbet har status »{pathwayStatusLabel[p.status]}«. Der kan kun søges tider og gives tilbud til forløb, der
          venter.
          {p.status === 'OFFERED' ? (
            <>
              {' '}
              Registrér patientens svar, eller træk tilbuddet tilbage under{' '}
              <Anchor component={Link} to="/tilbud">
                Tilbud
              </Anchor>
              .
            </>
          ) : null}
        </Alert>
      ) : null}
      {p.status !== 'WAITING' ? null : !candidates ? (
        error ? (
          <ErrorAlert error={error} title="Der kunne ikke søges ledige tider" />
        ) : (
          <Loading label="Finder ledige tider…" />
        )
      ) : (
        <CandidateTable
          candidates={candidates}
          loading={loading}
          includeOwnRegion={includeOwnRegion}
          setIncludeOwnRegion={setIncludeOwnRegion}
          pending={pending}
          offer={offer}
        />
      )}
    </>
  );
}

type Candidate = FindSlotQuery['matchCandidates'][number];

function CandidateTable({
  candidates,
  loading,
  includeOwnRegion,
  setIncludeOwnRegion,
  pending,
  offer,
}: {
  candidates: Candidate[];
  loading: boolean;
  includeOwnRegion: boolean;
  setIncludeOwnRegion: (v: boolean) => void;
  pending: string | null;
  offer: (slotId: string) => Promise<void>;
}) {
  return (
    <>
      <Group my="md">
        <Checkbox
          label="Medtag tider i egen region"
          checked={includeOwnRegion}
          onChange={(e) => setIncludeOwnRegion(e.currentTarget.checked)}
        />
        {loading ? (
          <Text size="sm" role="status">
            Opdaterer…
          </Text>
        ) : null}
      </Group>
      {candidates.length === 0 ? (
        <Empty>Ingen ledige tider passer til forløbet lige nu.</Empty>
      ) : (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped data-testid="candidates" aria-busy={loading}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th className="num">Nr.</Table.Th>
                <Table.Th>Udbyder</Table.Th>
                <Table.Th>Tid</Table.Th>
                <Table.Th className="num">Dage før frist</Table.Th>
                <Table.Th className="num">Afstand</Table.Th>
                <Table.Th>Begrundelse</Table.Th>
                <Table.Th>Handling</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {candidates.map((c) => (
                <Table.Tr key={c.slotId} data-slot-id={c.slotId}>
                  <Table.Td className="num">{formatInt(c.rank)}</Table.Td>
                  <Table.Td>
                    <Text fw={600} size="sm">
                      {c.provider.name}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {providerKindLabel[c.providerKind]}
                      {c.provider.regionCode
                        ? ` · ${regionLabel(c.provider.regionCode)}`
                        : ` · ${countryLabel(c.provider.country)}`}
                    </Text>
                  </Table.Td>
                  <Table.Td className="nowrap">
                    {formatDateTime(c.starts)}
                    <Text size="xs" c="dimmed">
                      {formatInt(c.durationMinutes)} min.
                    </Text>
                  </Table.Td>
                  <Table.Td className="num">
                    {c.meetsDeadline ? (
                      days(c.daysBeforeDeadline)
                    ) : (
                      <Badge color="red.8">{days(-c.daysBeforeDeadline)} for sent</Badge>
                    )}
                  </Table.Td>
                  <Table.Td className="num">{formatNumber(c.distanceKm, 1)} km</Table.Td>
                  <Table.Td>
                    <List size="sm">
                      {candidateReasons(c).map((r) => (
                        <List.Item key={r}>{r}</List.Item>
                      ))}
                    </List>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      disabled={pending !== null}
                      loading={pending === c.slotId}
                      onClick={() => void offer(c.slotId)}
                      aria-label={`Giv tilbud: ${c.provider.name} ${formatDateTime(c.starts)}`}
                    >
                      Giv tilbud
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
