import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, Paper, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useUser } from '../../auth';
import { formatDateTime, formatInt } from '../../format';
import { graphql } from '../../gql';
import type { ReportStatus } from '../../gql/schema';
import { LoadMore, useLoadMore } from '../../paging';
import { Empty, ErrorAlert, Loading, notifyError, PageHeader } from '../../ui';
import { openInNewTab, saveAs } from './download';

const ReportsDocument = graphql(`
  query Reports($after: String) {
    reports(after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        year
        quarter
        status
        progress
        finishedAt
        sha256
      }
    }
  }
`);

const ReportJobDocument = graphql(`
  query ReportJob($id: ID!) {
    reportJob(id: $id) {
      id
      year
      quarter
      status
      progress
      error
      runs
      startedAt
      finishedAt
    }
  }
`);

const CompileReportDocument = graphql(`
  mutation CompileCapacityReport($input: CompileCapacityReportInput!) {
    compileCapacityReport(input: $input) {
      id
      year
      quarter
      status
      progress
    }
  }
`);

const statusLabel: Record<ReportStatus, string> = {
  QUEUED: 'I kø',
  RUNNING: 'Udarbejdes',
  DONE: 'Færdig',
  FAILED: 'Fejlet',
};

const period = (r: { year: number; quarter?: number | null }) =>
  r.quarter ? `${r.quarter}. kvartal ${r.year}` : `Året ${r.year}`;
const fileName = (r: { year: number; quarter?: number | null }, ext: string) =>
  `kapacitetsrapport-${r.year}${r.quarter ? `-k${r.quarter}` : ''}.${ext}`;

/** Rapporter: compile the annual (or quarterly) capacity status report with live progress; open finished reports. */
export default function ReportsScreen() {
  const user = useUser();
  const canCompile = user.role === 'SECRETARIAT';
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(String(thisYear));
  const [quarter, setQuarter] = useState('0');
  const [jobId, setJobId] = useState<string | null>(null);
  const reports = useQuery(ReportsDocument);
  const finishedReports = reports.data?.reports;
  const more = useLoadMore(finishedReports, (after) => reports.fetchMore({ variables: { after } }));
  const [compile, compiling] = useMutation(CompileReportDocument);
  const [finishedId, setFinishedId] = useState<string | null>(null);
  const job = useQuery(ReportJobDocument, {
    variables: { id: jobId ?? '' },
    skip: !jobId,
    pollInterval: finishedId === jobId ? 0 : 500,
    fetchPolicy: 'network-only',
  });
  const j = job.data?.reportJob;
  const finished = !!j && (j.status === 'DONE' || j.status === 'FAILED');
  const refetchReports = reports.refetch;
  useEffect(() => {
    if (!finished || !j) return;
    setFinishedId(j.id);
    if (j.status === 'DONE') void refetchReports();
  }, [finished, j, refetchReports]);

  const start = async () => {
    try {
      const r = await compile({
        variables: { input: { year: Number(year), quarter: quarter === '0' ? null : Number(quarter) } },
      });
      setJobId(r.data!.compileCapacityReport.id);
    } catch (e) {
      notifyError(e);
    }
  };
  const open = (id: string) => openInNewTab(`/reports/${id}.html`).catch(notifyError);

  return (
    <>
      <PageHeader
        title="Rapporter"
        sub="Den årlige kapacitetsstatusrapport (eller et kvartal) med tal fra alle regioner"
      />
      {canCompile ? (
        <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="compile-h">
          <Title order={2} size="h4" id="compile-h" mb="sm">
            Udarbejd rapport
          </Title>
          <Group align="flex-end" gap="sm">
            <Select
              label="År"
              w={120}
              value={year}
              allowDeselect={false}
              onChange={(v) => v && setYear(v)}
              data={Array.from({ length: 6 }, (_, i) => String(thisYear - i))}
            />
            <Select
              label="Periode"
              w={180}
              value={quarter}
              allowDeselect={false}
              onChange={(v) => v && setQuarter(v)}
              data={[
                { value: '0', label: 'Hele året' },
                ...[1, 2, 3, 4].map((q) => ({ value: String(q), label: `${q}. kvartal` })),
              ]}
            />
            <Button onClick={() => void start()} loading={compiling.loading} disabled={!!j && !finished}>
              Udarbejd rapport
            </Button>
          </Group>
          {j ? (
            <Stack gap={4} mt="md" data-testid="report-progress">
              <Group justify="space-between">
                <Text size="sm">
                  {period(j)}: {statusLabel[j.status]}
                </Text>
                <Text size="sm" aria-live="polite">
                  {formatInt(j.progress)} %
                </Text>
              </Group>
              <Progress
                value={j.progress}
                size="xl"
                color={j.status === 'FAILED' ? 'red.8' : j.status === 'DONE' ? '#1b5e20' : 'cx'}
                aria-label={`Fremdrift for rapporten ${period(j)}`}
                striped={!finished}
                animated={!finished}
              />
              {j.status === 'DONE' ? (
                <Group gap="sm" mt="xs">
                  <Text size="sm">Færdig {formatDateTime(j.finishedAt)}.</Text>
                  <Button size="compact-sm" onClick={() => void open(j.id)}>
                    Åbn rapporten
                  </Button>
                </Group>
              ) : null}
              {j.status === 'FAILED' ? (
                <Text size="sm" c="red.9" role="alert">
                  Rapporten kunne ikke udarbejdes. Prøv igen, eller kontakt support.
                </Text>
              ) : null}
              {j.error && j.status !== 'FAILED' ? (
                <Text size="xs" c="dimmed">
                  Forsøg {formatInt(j.runs)}: prøver igen…
                </Text>
              ) : null}
            </Stack>
          ) : null}
          <ErrorAlert error={job.error} title="Status kunne ikke hentes" />
        </Paper>
      ) : null}

      <section aria-labelledby="reports-h">
        <Title order={2} size="h4" id="reports-h" mb="sm">
          Færdige rapporter
        </Title>
        <ErrorAlert error={reports.error} title="Rapporterne kunne ikke hentes" />
        {!reports.data && reports.loading ? <Loading label="Henter rapporter…" /> : null}
        {finishedReports && finishedReports.nodes.length === 0 ? (
          <Empty>Der er endnu ingen færdige rapporter.</Empty>
        ) : null}
        {finishedReports && finishedReports.nodes.length > 0 ? (
          <Table striped withTableBorder data-testid="reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Periode</Table.Th>
                <Table.Th>Færdig</Table.Th>
                <Table.Th>Kontrolsum (SHA-256)</Table.Th>
                <Table.Th>Åbn</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {finishedReports.nodes.map((r) => (
                <Table.Tr key={r.id} data-report={r.id}>
                  <Table.Td fw={600}>{period(r)}</Table.Td>
                  <Table.Td>{formatDateTime(r.finishedAt)}</Table.Td>
                  <Table.Td>
                    <code title={r.sha256 ?? ''}>{r.sha256?.slice(0, 12) ?? '–'}…</code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Button
                        size="compact-sm"
                        onClick={() => void open(r.id)}
                        aria-label={`Åbn ${period(r)} som HTML`}
                      >
                        HTML
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => void saveAs(`/reports/${r.id}.csv`, fileName(r, 'csv')).catch(notifyError)}
                        aria-label={`Hent ${period(r)} som CSV`}
                      >
                        CSV
                      </Button>
                      <Button
                        size="compact-sm"
                        variant="default"
                        onClick={() => void saveAs(`/reports/${r.id}.json`, fileName(r, 'json')).catch(notifyError)}
                        aria-label={`Hent ${period(r)} som JSON`}
                      >
                        JSON
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        {finishedReports && finishedReports.nodes.length > 0 ? (
          <LoadMore
            shown={finishedReports.nodes.length}
            total={finishedReports.totalCount}
            noun="rapporter"
            hasMore={more.hasMore}
            loading={more.loadingMore}
            onMore={() => void more.loadMore()}
          />
        ) : null}
      </section>
    </>
  );
}
