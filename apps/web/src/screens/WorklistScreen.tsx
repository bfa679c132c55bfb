import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, Select, Table, VisuallyHidden } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useUser } from '../auth';
import {
  cancerAreaLabel,
  days,
  formatDate,
  formatInt,
  options,
  pathwayStatusLabel,
  phaseLabel,
  regionLabel,
} from '../format';
import { graphql } from '../gql';
import type { CancerArea, PathwayFilter, PathwayPhase, PathwayStatus } from '../gql/graphql';
import { PageNav, useCursorStack } from '../paging';
import { Empty, ErrorAlert, Loading, PageHeader } from '../ui';

export const WorklistDocument = graphql(`
  query Worklist($filter: PathwayFilter, $first: Int, $after: String) {
    pathways(filter: $filter, first: $first, after: $after) {
      nodes {
        id
        reference
        regionCode
        cancerArea
        phase
        status
        deadline
        atRisk
        expectedDate
        deadlineInfo {
          daysLeft
          workingDaysLeft
        }
        warningsRaised {
          id
          deadline
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PAGE_SIZE = 50;
const STATUS_ALL = 'ALL';

/** Forløb i risiko: the region's open pathways, most urgent (earliest deadline) first, keyset-paged for 50,000+ rows. */
export function WorklistScreen() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const area = params.get('omraade') as CancerArea | null;
  const phase = params.get('fase') as PathwayPhase | null;
  const status = params.get('status') ?? 'WAITING';
  const risk = params.get('risiko') ?? 'ALL';
  const filterKey = params.toString();
  const pages = useCursorStack(filterKey);

  const filter: PathwayFilter = {
    ...(area ? { cancerArea: area } : {}),
    ...(phase ? { phase } : {}),
    ...(status !== STATUS_ALL ? { status: status as PathwayStatus } : {}),
    ...(risk === 'YES' ? { atRisk: true } : risk === 'NO' ? { atRisk: false } : {}),
  };
  const { data, previousData, loading, error } = useQuery(WorklistDocument, {
    variables: { filter, first: PAGE_SIZE, after: pages.after },
    fetchPolicy: 'cache-and-network',
  });
  const page = (data ?? previousData)?.pathways;

  const setFilter = (name: string, value: string | null, fallback: string | null = null) => {
    const next = new URLSearchParams(params);
    if (value === null || value === fallback) next.delete(name);
    else next.set(name, value);
    setParams(next, { replace: true });
  };

  const pageNo = pages.pageNo;
  return (
    <>
      <PageHeader
        title="Forløb i risiko"
        sub={
          user.regionCode
            ? `${regionLabel(user.regionCode)} – mest presserende frist først`
            : 'Alle regioner – mest presserende frist først'
        }
      >
        <Button component={Link} to="/forloeb/ny">
          Registrér forløb
        </Button>
      </PageHeader>

      <Group gap="sm" mb="md" align="flex-end" role="search" aria-label="Filtrér forløb">
        <Select
          label="Kræftområde"
          placeholder="Alle områder"
          clearable
          w={230}
          value={area}
          data={options(cancerAreaLabel)}
          onChange={(v) => setFilter('omraade', v)}
        />
        <Select
          label="Fase"
          placeholder="Alle faser"
          clearable
          w={190}
          value={phase}
          data={options(phaseLabel)}
          onChange={(v) => setFilter('fase', v)}
        />
        <Select
          label="Status"
          w={170}
          value={status}
          allowDeselect={false}
          data={[...options(pathwayStatusLabel), { value: STATUS_ALL, label: 'Alle statusser' }]}
          onChange={(v) => setFilter('status', v, 'WAITING')}
        />
        <Select
          label="I risiko"
          w={150}
          value={risk}
          allowDeselect={false}
          data={[
            { value: 'ALL', label: 'Alle' },
            { value: 'YES', label: 'Kun i risiko' },
            { value: 'NO', label: 'Ikke i risiko' },
          ]}
          onChange={(v) => setFilter('risiko', v, 'ALL')}
        />
      </Group>

      <ErrorAlert error={error} title="Forløbene kunne ikke hentes" />
      {!page && loading ? <Loading label="Henter forløb…" /> : null}
      {page && page.nodes.length === 0 ? <Empty>Ingen forløb matcher filtrene.</Empty> : null}
      {page && page.nodes.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped highlightOnHover className="worklist-table" aria-busy={loading} data-testid="worklist">
            <Table.Caption>
              Side {formatInt(pageNo)} · {formatInt(page.nodes.length)} forløb på siden
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Forløb</Table.Th>
                {user.regionCode ? null : <Table.Th>Region</Table.Th>}
                <Table.Th>Kræftområde</Table.Th>
                <Table.Th>Fase</Table.Th>
                <Table.Th>Frist</Table.Th>
                <Table.Th className="num">Hverdage tilbage</Table.Th>
                <Table.Th className="num">Dage tilbage</Table.Th>
                <Table.Th>Varsel</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <VisuallyHidden>Handlinger</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.nodes.map((p) => (
                <Table.Tr key={p.id} data-reference={p.reference}>
                  <Table.Td className="nowrap">
                    <Anchor component={Link} to={`/forloeb/${p.id}`} fw={600}>
                      {p.reference}
                    </Anchor>
                  </Table.Td>
                  {user.regionCode ? null : <Table.Td>{regionLabel(p.regionCode)}</Table.Td>}
                  <Table.Td>{cancerAreaLabel[p.cancerArea]}</Table.Td>
                  <Table.Td>{phaseLabel[p.phase]}</Table.Td>
                  <Table.Td className="nowrap">{formatDate(p.deadline)}</Table.Td>
                  <Table.Td className="num">{formatInt(p.deadlineInfo.workingDaysLeft)}</Table.Td>
                  <Table.Td className="num">{formatInt(p.deadlineInfo.daysLeft)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {p.atRisk ? (
                        <Badge color="red.8" variant="filled">
                          I risiko
                        </Badge>
                      ) : null}
                      {p.warningsRaised.some((w) => w.deadline === p.deadline) ? (
                        <Badge color="#8a3c00" variant="filled" title="Tidlig varsling er sendt for denne frist">
                          Varslet
                        </Badge>
                      ) : null}
                      {p.deadlineInfo.daysLeft < 0 ? (
                        <Badge
                          color="dark"
                          variant="filled"
                          title={`Fristen er overskredet med ${days(-p.deadlineInfo.daysLeft)}`}
                        >
                          Overskredet
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{pathwayStatusLabel[p.status]}</Table.Td>
                  <Table.Td>
                    {p.status === 'WAITING' ? (
                      <Button
                        component={Link}
                        to={`/forloeb/${p.id}/find-tid`}
                        size="compact-sm"
                        variant="light"
                        aria-label={`Find tid til ${p.reference}`}
                      >
                        Find tid
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {page ? <PageNav pages={pages} page={page} /> : null}
    </>
  );
}
