import { useQuery } from '@apollo/client/react';
import { Alert, Checkbox, Group, List, Select, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { useUser } from '../../auth';
import {
  addDaysLocal,
  cancerAreaLabel,
  formatDate,
  formatInt,
  formatNumber,
  options,
  phaseLabel,
  todayLocal,
} from '../../format';
import { graphql } from '../../gql';
import type { CancerArea, PathwayPhase } from '../../gql/schema';
import { useFollowingPages } from '../../paging';
import { Empty, ErrorAlert, Loading, PageHeader } from '../../ui';
import { DateField } from '../meeting/DateField';

const OverviewDocument = graphql(`
  query WaitingOverview($area: CancerArea, $asOf: LocalDate) {
    waitingOverview(cancerArea: $area, asOf: $asOf) {
      regionCode
      regionName
      cancerArea
      phase
      openPathways
      atRisk
      medianDaysLeft
      p90DaysLeft
    }
  }
`);

/** Early warnings as counts only (the warnings carry pathway ids; only the aggregate is shown); every page is fetched. */
const WarningCountsDocument = graphql(`
  query OverviewWarnings($since: LocalDate, $after: String) {
    warnings(filter: { since: $since }, first: 200, after: $after) {
      nodes {
        id
        regionCode
        cancerArea
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

/** A share of at-risk pathways above this in a cell is flagged as a warning on the overview. */
const AT_RISK_SHARE_WARNING = 0.25;

/** Overblik: the national waiting overview (region × cancer area × phase), filterable, with warnings. Aggregate only. */
export default function OverviewScreen() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const area = params.get('omraade') as CancerArea | null;
  const phase = params.get('fase') as PathwayPhase | null;
  const region = params.get('region');
  const onlyRisk = params.get('risiko') === '1';
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(params.get('dato') ?? '') ? params.get('dato')! : todayLocal();
  const set = (name: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const { data, previousData, loading, error } = useQuery(OverviewDocument, { variables: { area, asOf } });
  const canSeeWarnings = user.role === 'SECRETARIAT' || user.role === 'COLLABORATION';
  const since = addDaysLocal(todayLocal(), -30);
  const warnings = useQuery(WarningCountsDocument, { variables: { since }, skip: !canSeeWarnings });
  const allWarnings = useFollowingPages(warnings.data?.warnings, (after) =>
    warnings.fetchMore({ variables: { after } }),
  );
  const all = (data ?? previousData)?.waitingOverview;
  const regions = useMemo(
    () => [...new Map((all ?? []).map((r) => [String(r.regionCode), r.regionName])).entries()],
    [all],
  );
  const rows = (all ?? []).filter(
    (r) => (!phase || r.phase === phase) && (!region || String(r.regionCode) === region) && (!onlyRisk || r.atRisk > 0),
  );
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  const flagged = rows.filter((r) => r.openPathways >= 4 && r.atRisk / r.openPathways > AT_RISK_SHARE_WARNING);
  const overdue = rows.filter(
    (r) => r.medianDaysLeft !== null && r.medianDaysLeft !== undefined && r.medianDaysLeft < 0,
  );
  const warningCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const w of warnings.data?.warnings.nodes ?? []) {
      if (area && w.cancerArea !== area) continue;
      const k = `${w.regionCode}|${w.cancerArea}`;
      m.set(k, (m.get(k) ?? 0) + 1);
    }
    return m;
  }, [warnings.data, area]);

  return (
    <>
      <PageHeader
        title="Overblik"
        sub={`Ventetider på tværs af regioner pr. ${formatDate(asOf)} – kun samlede tal, ingen forløb`}
      />
      <Group gap="sm" mb="md" align="flex-end" role="search" aria-label="Filtrér overblikket">
        <Select
          label="Kræftområde"
          placeholder="Alle områder"
          clearable
          w={240}
          value={area}
          data={options(cancerAreaLabel)}
          onChange={(v) => set('omraade', v)}
        />
        <Select
          label="Region"
          placeholder="Alle regioner"
          clearable
          w={220}
          value={region}
          data={regions.map(([value, label]) => ({ value, label }))}
          onChange={(v) => set('region', v)}
        />
        <Select
          label="Fase"
          placeholder="Alle faser"
          clearable
          w={190}
          value={phase}
          data={options(phaseLabel)}
          onChange={(v) => set('fase', v)}
        />
        <DateField label="Opgjort pr." w={170} value={asOf} onChange={(v) => set('dato', v)} />
        <Checkbox
          label="Kun med forløb i risiko"
          checked={onlyRisk}
          onChange={(e) => set('risiko', e.currentTarget.checked ? '1' : null)}
          mb={8}
        />
      </Group>

      <ErrorAlert error={error} title="Overblikket kunne ikke hentes" />
      {(flagged.length || overdue.length) && all ? (
        <Alert color="#9a3412" title="Advarsler" mb="md" data-testid="overview-warnings">
          <List size="sm">
            {overdue.map((r) => (
              <List.Item key={`o${r.regionCode}${r.cancerArea}${r.phase}`}>
                {r.regionName}, {cancerAreaLabel[r.cancerArea].toLowerCase()}, {phaseLabel[r.phase].toLowerCase()}:
                medianen har overskredet fristen ({formatNumber(r.medianDaysLeft)} dage).
              </List.Item>
            ))}
            {flagged.map((r) => (
              <List.Item key={`f${r.regionCode}${r.cancerArea}${r.phase}`}>
                {r.regionName}, {cancerAreaLabel[r.cancerArea].toLowerCase()}, {phaseLabel[r.phase].toLowerCase()}:{' '}
                {formatInt(r.atRisk)} af {formatInt(r.openPathways)} forløb er i risiko.
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {!all && loading ? <Loading label="Henter overblik…" /> : null}
      {all && rows.length === 0 ? <Empty>Ingen åbne forløb matcher filtrene.</Empty> : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={900}>
          <Table striped withTableBorder data-testid="overview">
            <Table.Caption>
              {formatInt(rows.length)} rækker · {formatInt(sum((r) => r.openPathways))} åbne forløb ·{' '}
              {formatInt(sum((r) => r.atRisk))} i risiko
            </Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Region</Table.Th>
                <Table.Th>Kræftområde</Table.Th>
                <Table.Th>Fase</Table.Th>
                <Table.Th className="num">Åbne forløb</Table.Th>
                <Table.Th className="num">I risiko</Table.Th>
                <Table.Th className="num">Median dage til frist</Table.Th>
                <Table.Th className="num">90-percentil dage til frist</Table.Th>
                {canSeeWarnings ? <Table.Th className="num">Varsler 30 dage</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={`${r.regionCode}${r.cancerArea}${r.phase}`}>
                  <Table.Td>{r.regionName}</Table.Td>
                  <Table.Td>{cancerAreaLabel[r.cancerArea]}</Table.Td>
                  <Table.Td>{phaseLabel[r.phase]}</Table.Td>
                  <Table.Td className="num">{formatInt(r.openPathways)}</Table.Td>
                  <Table.Td className="num">
                    {r.atRisk ? (
                      <Text span fw={700} c="red.9">
                        {formatInt(r.atRisk)}
                      </Text>
                    ) : (
                      '0'
                    )}
                  </Table.Td>
                  <Table.Td className="num">{formatNumber(r.medianDaysLeft, 1)}</Table.Td>
                  <Table.Td className="num">{formatNumber(r.p90DaysLeft, 1)}</Table.Td>
                  {canSeeWarnings ? (
                    <Table.Td className="num">
                      {allWarnings.complete
                        ? formatInt(warningCounts.get(`${r.regionCode}|${r.cancerArea}`) ?? 0)
                        : '…'}
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {canSeeWarnings ? (
        <Text size="xs" c="dimmed" mt="xs">
          Varsler: tidlige varslinger om forløb tæt på fristen, rejst siden {formatDate(since)}, talt pr. region og
          kræftområde.
        </Text>
      ) : null}
      <Title order={2} size="h5" mt="lg" mb={4}>
        Om tallene
      </Title>
      <Text size="sm">
        Åbne forløb er forløb, der venter eller har fået et tilbud. 90-percentilen er det antal dage til fristen, som 90
        % af forløbene højst har.
      </Text>
    </>
  );
}
