import { Alert, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { currentToken } from '../../auth';
import { formatInt } from '../../format';
import { notifySuccess } from '../../ui';

/** The parts of POST /capacity/import's report the screen shows (libs/capacity ImportReport). */
interface ImportReport {
  committed: boolean;
  rows: number;
  validRows: number;
  slots: number;
  slotsNew: number;
  slotsExisting: number;
  errorCount: number;
  errors: { row: number; column: string; value: string; message: string }[];
}

interface ErrorBody {
  message?: string;
}

async function sendFile(file: File, mode: 'dry-run' | 'commit'): Promise<ImportReport> {
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(`/capacity/import?mode=${mode}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${currentToken() ?? ''}` },
    body,
  });
  const json = (await res.json().catch(() => ({}))) as ImportReport & ErrorBody;
  // 422 is a commit refused because of bad rows: the report says which.
  if (!res.ok && res.status !== 422) throw new Error(json.message ?? `Filen kunne ikke indlæses (HTTP ${res.status}).`);
  return json;
}

/**
 * Indlæs fil: the planner uploads the booking system's CSV or Excel file, sees what it would create and what is wrong
 * (row, column, value, message in Danish), and only then confirms; the whole file is written or nothing.
 */
export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (mode: 'dry-run' | 'commit') => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const r = await sendFile(file, mode);
      setReport(r);
      if (mode === 'commit' && r.committed) {
        notifySuccess(`${formatInt(r.slotsNew)} tider indlæst (${formatInt(r.slotsExisting)} fandtes allerede).`);
        setFile(null);
        setReport(null);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" maw={900}>
      <Text size="sm">
        Kolonner: Leverandør, Kræftområde, Modalitet, Start (dansk dato og tid), Varighed (minutter), Antal og evt.
        Eksternt id. CSV med semikolon eller komma, eller Excel (.xlsx); højst 10.000 rækker og 5 MB.
      </Text>
      <Group align="flex-end">
        <FileInput
          label="Fil med ledig kapacitet"
          placeholder="Vælg CSV- eller Excel-fil"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={(f) => {
            setFile(f);
            setReport(null);
            setError(null);
          }}
          w={360}
          clearable
          clearButtonProps={{ 'aria-label': 'Fjern valgt fil' }}
        />
        <Button onClick={() => void run('dry-run')} disabled={!file} loading={busy && !report}>
          Kontrollér fil
        </Button>
      </Group>
      {error ? (
        <Alert color="red" title="Filen kunne ikke indlæses" role="alert">
          {error}
        </Alert>
      ) : null}
      {report ? (
        <Stack gap="xs" data-testid="import-report">
          <Text>
            {formatInt(report.rows)} rækker · {formatInt(report.slotsNew)} nye tider · {formatInt(report.slotsExisting)}{' '}
            findes allerede · {formatInt(report.errorCount)} fejl
          </Text>
          {report.errors.length ? (
            <Table striped withTableBorder aria-label="Fejl i filen">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Række</Table.Th>
                  <Table.Th>Kolonne</Table.Th>
                  <Table.Th>Værdi</Table.Th>
                  <Table.Th>Hvad er galt</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.errors.map((e, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{e.row}</Table.Td>
                    <Table.Td>{e.column}</Table.Td>
                    <Table.Td>{e.value}</Table.Td>
                    <Table.Td>{e.message}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          ) : null}
          <Group>
            <Button
              onClick={() => void run('commit')}
              disabled={report.errorCount > 0 || report.slotsNew === 0}
              loading={busy}
            >
              Indlæs {formatInt(report.slotsNew)} tider
            </Button>
            {report.errorCount > 0 ? (
              <Text size="sm">Ret fejlene i filen og kontrollér den igen; intet indlæses, før filen er fejlfri.</Text>
            ) : null}
          </Group>
        </Stack>
      ) : null}
    </Stack>
  );
}
