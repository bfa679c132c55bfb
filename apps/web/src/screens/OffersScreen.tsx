import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, Modal, Radio, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useUser } from '../auth';
import { apiErrorOf, type ApiError } from '../errors';
import {
  cancerAreaLabel,
  declineReasonLabel,
  formatDate,
  formatDateTime,
  offerStatusLabel,
  options,
  providerKindLabel,
  regionLabel,
  timeUntil,
} from '../format';
import { graphql } from '../gql';
import type { OffersQuery, OffersQueryVariables } from '../gql/graphql';
import type { DeclineReason, OfferStatus } from '../gql/schema';
import { LoadMore, useLoadMore } from '../paging';
import { ApiErrorAlert, Empty, ErrorAlert, Loading, notifyError, notifySuccess, PageHeader } from '../ui';

const OffersDocument = graphql(`
  query Offers($filter: OfferFilter, $orderBy: OfferOrder, $after: String) {
    offers(filter: $filter, orderBy: $orderBy, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        status
        expiresAt
        offeredAt
        respondedAt
        slotStartsAt
        slotDate
        meetsDeadline
        deadlineAtOffer
        providerKind
        regionCode
        cancerArea
        declineReason
        note
        provider {
          id
          name
        }
        pathway {
          id
          reference
        }
      }
    }
  }
`);

const RespondDocument = graphql(`
  mutation RespondToOffer($input: RespondToOfferInput!) {
    respondToOffer(input: $input) {
      id
      status
      respondedAt
      declineReason
      note
      pathway {
        id
        status
        expectedDate
      }
    }
  }
`);

const WithdrawOfferDocument = graphql(`
  mutation WithdrawOffer($offerId: ID!) {
    withdrawOffer(offerId: $offerId) {
      id
      status
      pathway {
        id
        status
      }
    }
  }
`);

type Offer = OffersQuery['offers']['nodes'][number];

/**
 * An answered or withdrawn offer leaves the pending list in the cache itself, so the pages loaded with "Vis flere"
 * stay (a refetch would replace them with the first page). Keyset cursors do not shift when a row goes, so the next
 * "Vis flere" continues after the last row shown. Written without `after`, the list replaces its cached value
 * (apollo.ts, appendPages).
 */
function dropFromList(cache: ApolloCache, variables: OffersQueryVariables, offerId: string): void {
  cache.updateQuery({ query: OffersDocument, variables }, (d) => {
    if (!d || !d.offers.nodes.some((n) => n.id === offerId)) return undefined;
    return {
      offers: {
        ...d.offers,
        nodes: d.offers.nodes.filter((n) => n.id !== offerId),
        totalCount: d.offers.totalCount - 1,
      },
    };
  });
}

/** Tilbud: the region's offers, pending ones by time to expiry, others newest first; record the answer or withdraw. */
export default function OffersScreen() {
  const user = useUser();
  const [status, setStatus] = useState<OfferStatus>('PENDING');
  const variables: OffersQueryVariables = {
    filter: { status, ...(user.regionCode ? { regionCode: user.regionCode } : {}) },
    orderBy: status === 'PENDING' ? 'EXPIRES_ASC' : 'OFFERED_DESC',
  };
  const { data, previousData, loading, error, fetchMore } = useQuery(OffersDocument, {
    variables,
    fetchPolicy: 'cache-and-network',
  });
  const [answering, setAnswering] = useState<Offer | null>(null);
  // The pathway's new status comes back with the offer; the worklist fetches itself again when it is opened.
  const [withdraw] = useMutation(WithdrawOfferDocument);
  const [, tick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(t);
  }, []);

  const view = data ?? previousData;
  const offers = view?.offers.nodes ?? [];
  const more = useLoadMore(view?.offers, (after) => fetchMore({ variables: { after } }));

  const doWithdraw = async (o: Offer) => {
    if (!window.confirm(`Træk tilbuddet til ${o.pathway.reference} tilbage? Tiden bliver ledig igen.`)) return;
    try {
      await withdraw({ variables: { offerId: o.id }, update: (cache) => dropFromList(cache, variables, o.id) });
      notifySuccess(`Tilbuddet til ${o.pathway.reference} er trukket tilbage, og tiden er ledig igen.`);
    } catch (err) {
      notifyError(err);
    }
  };

  return (
    <>
      <PageHeader
        title="Tilbud"
        sub={
          user.regionCode ? `${regionLabel(user.regionCode)} – tilbud givet til regionens patienter` : 'Alle regioner'
        }
      />
      <Group mb="md">
        <Select
          label="Status"
          w={220}
          value={status}
          allowDeselect={false}
          data={options(offerStatusLabel)}
          onChange={(v) => setStatus(v as OfferStatus)}
        />
      </Group>
      <ErrorAlert error={error} title="Tilbuddene kunne ikke hentes" />
      {!view && loading ? <Loading label="Henter tilbud…" /> : null}
      {view && offers.length === 0 ? (
        <Empty>{status === 'PENDING' ? 'Ingen tilbud afventer svar.' : 'Ingen tilbud med denne status.'}</Empty>
      ) : null}
      {offers.length > 0 ? (
        <Table.ScrollContainer minWidth={1000}>
          <Table striped data-testid="offers" aria-busy={loading}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Forløb</Table.Th>
                <Table.Th>Kræftområde</Table.Th>
                <Table.Th>Udbyder</Table.Th>
                <Table.Th>Tid</Table.Th>
                <Table.Th>Inden for frist</Table.Th>
                {status === 'PENDING' ? <Table.Th>Udløber</Table.Th> : <Table.Th>Svar</Table.Th>}
                {status === 'PENDING' ? <Table.Th>Handlinger</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {offers.map((o) => (
                <Table.Tr key={o.id} data-offer={o.id} data-reference={o.pathway.reference}>
                  <Table.Td>
                    <Anchor component={Link} to={`/forloeb/${o.pathway.id}`} fw={600}>
                      {o.pathway.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{cancerAreaLabel[o.cancerArea]}</Table.Td>
                  <Table.Td>
                    {o.provider.name}
                    <Text size="xs" c="dimmed">
                      {providerKindLabel[o.providerKind]}
                    </Text>
                  </Table.Td>
                  <Table.Td className="nowrap">{formatDateTime(o.slotStartsAt)}</Table.Td>
                  <Table.Td>
                    {o.meetsDeadline ? 'Ja' : <Badge color="red.8">Nej – frist {formatDate(o.deadlineAtOffer)}</Badge>}
                  </Table.Td>
                  {status === 'PENDING' ? (
                    <Table.Td className="nowrap">
                      {formatDateTime(o.expiresAt)}
                      <Text size="xs" c="dimmed">
                        om {timeUntil(o.expiresAt)}
                      </Text>
                    </Table.Td>
                  ) : (
                    <Table.Td>
                      {offerStatusLabel[o.status]}
                      {o.respondedAt ? ` ${formatDateTime(o.respondedAt)}` : ''}
                      {o.declineReason ? (
                        <Text size="xs">
                          {declineReasonLabel[o.declineReason]}
                          {o.note ? ` – ${o.note}` : ''}
                        </Text>
                      ) : null}
                    </Table.Td>
                  )}
                  {status === 'PENDING' ? (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          onClick={() => setAnswering(o)}
                          aria-label={`Registrér svar for ${o.pathway.reference}`}
                        >
                          Registrér svar
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => void doWithdraw(o)}
                          aria-label={`Træk tilbuddet til ${o.pathway.reference} tilbage`}
                        >
                          Træk tilbage
                        </Button>
                      </Group>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {view && offers.length > 0 ? (
        <LoadMore
          shown={offers.length}
          total={view.offers.totalCount}
          noun="tilbud"
          hasMore={more.hasMore}
          loading={more.loadingMore}
          onMore={() => void more.loadMore()}
        />
      ) : null}
      <AnswerModal offer={answering} listVariables={variables} onClose={() => setAnswering(null)} />
    </>
  );
}

function AnswerModal({
  offer,
  listVariables,
  onClose,
}: {
  offer: Offer | null;
  listVariables: OffersQueryVariables;
  onClose: () => void;
}) {
  const [answer, setAnswer] = useState<'ACCEPTED' | 'DECLINED'>('ACCEPTED');
  const [reason, setReason] = useState<DeclineReason | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [respond, { loading }] = useMutation(RespondDocument);
  useEffect(() => {
    setAnswer('ACCEPTED');
    setReason(null);
    setNote('');
    setError(null);
  }, [offer]);
  if (!offer) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (answer === 'DECLINED' && !reason)
      return setError({ code: 'BAD_USER_INPUT', field: 'declineReason', message: 'Vælg en årsag til afslaget.' });
    if (answer === 'DECLINED' && reason === 'OTHER' && !note.trim()) {
      return setError({ code: 'BAD_USER_INPUT', field: 'note', message: 'Skriv en note, når årsagen er »Andet«.' });
    }
    try {
      await respond({
        variables: {
          input: {
            offerId: offer.id,
            response: answer,
            ...(answer === 'DECLINED' ? { declineReason: reason, note: note.trim() || null } : {}),
          },
        },
        update: (cache) => dropFromList(cache, listVariables, offer.id),
      });
      notifySuccess(
        answer === 'ACCEPTED'
          ? `Tilbuddet til ${offer.pathway.reference} er accepteret; tiden er booket.`
          : `Afslaget for ${offer.pathway.reference} er registreret (${declineReasonLabel[reason!]}). Forløbet venter igen.`,
      );
      onClose();
    } catch (err) {
      setError(apiErrorOf(err));
    }
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={`Patientens svar – ${offer.pathway.reference}`}
      centered
      closeButtonProps={{ 'aria-label': 'Luk' }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            {offer.provider.name}, {formatDateTime(offer.slotStartsAt)}
          </Text>
          <ApiErrorAlert error={error} title="Svaret blev ikke registreret" />
          <Radio.Group
            label="Svar"
            value={answer}
            onChange={(v) => {
              setAnswer(v as 'ACCEPTED' | 'DECLINED');
              setError(null);
            }}
          >
            <Group mt="xs">
              <Radio value="ACCEPTED" label="Accepteret" />
              <Radio value="DECLINED" label="Afslået" />
            </Group>
          </Radio.Group>
          {answer === 'DECLINED' ? (
            <>
              <Select
                label="Årsag til afslag"
                data={options(declineReasonLabel)}
                value={reason}
                required
                onChange={(v) => {
                  setReason(v as DeclineReason | null);
                  setError(null);
                }}
                error={error?.field === 'declineReason' ? error.message : undefined}
              />
              <Textarea
                label={reason === 'OTHER' ? 'Note' : 'Note (valgfri)'}
                required={reason === 'OTHER'}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                error={error?.field === 'note' ? error.message : undefined}
                autosize
                minRows={2}
              />
            </>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annullér
            </Button>
            <Button type="submit" loading={loading}>
              Gem svar
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
