// Tables shared by the meeting board and its presentation mode.
import { Badge, Table } from '@mantine/core';
import type { MeetingBoardQuery } from '../../gql/graphql';
import type { Modality } from '../../gql/schema';
import {
  formatDate,
  formatInt,
  formatNumber,
  modalityLabel,
  phaseLabel,
  providerKindLabel,
  regionLabel,
} from '../../format';
import type { BoardRow } from './board-data';
import { PHASES } from './board-data';
import { decisionKindShort, reasonDa } from './labels';

type Agenda = MeetingBoardQuery['meetingAgenda'];
type OverviewRow = MeetingBoardQuery['waitingOverview'][number];

const MODALITIES: Modality[] = ['DIAGNOSTIC', 'SURGERY', 'RADIOTHERAPY', 'CHEMOTHERAPY'];
const MODALITY_SHORT: Record<Modality, string> = {
  DIAGNOSTIC: 'Udredning',
  SURGERY: 'Operation',
  RADIOTHERAPY: 'Stråler',
  CHEMOTHERAPY: 'Kemo',
};

/** Per region on the meeting date: open and at-risk pathways, median days to deadline, free slots by modality and kind. */
export function RegionTable({ agenda }: { agenda: Agenda }) {
  const total = (r: Agenda['regions'][number], m: Modality) =>
    r.freeSlotsNext4Weeks.filter((s) => s.modality === m).reduce((a, s) => a + s.count, 0);
  const priv = (r: Agenda['regions'][number], m: Modality) =>
    r.freeSlotsNext4Weeks
      .filter((s) => s.modality === m && s.providerKind === 'PRIVATE')
      .reduce((a, s) => a + s.count, 0);
  return (
    <Table striped withTableBorder className="board-table" data-testid="agenda-regions">
      <Table.Caption>Ledige tider de næste 4 uger pr. behandling; i parentes hos privathospitaler.</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Region</Table.Th>
          <Table.Th className="num">Åbne forløb</Table.Th>
          <Table.Th className="num">I risiko</Table.Th>
          <Table.Th className="num">Median dage til frist</Table.Th>
          {MODALITIES.map((m) => (
            <Table.Th key={m} className="num" title={`Ledige tider: ${modalityLabel[m]}`}>
              {MODALITY_SHORT[m]}
            </Table.Th>
          ))}
          <Table.Th className="num">Tilbudt andre regioner</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {agenda.regions.map((r) => (
          <Table.Tr key={r.regionCode} data-region={r.regionCode}>
            <Table.Th scope="row">{r.regionName}</Table.Th>
            <Table.Td className="num">{formatInt(r.openPathways)}</Table.Td>
            <Table.Td className="num">
              {r.atRisk > 0 ? <strong className="at-risk">{formatInt(r.atRisk)}</strong> : '0'}
            </Table.Td>
            <Table.Td className="num">
              {formatNumber(r.medianDaysToDeadline, r.medianDaysToDeadline && r.medianDaysToDeadline % 1 ? 1 : 0)}
            </Table.Td>
            {MODALITIES.map((m) => {
              const p = priv(r, m);
              const breakdown = r.freeSlotsNext4Weeks
                .filter((s) => s.modality === m)
                .map((s) => `${providerKindLabel[s.providerKind]}: ${formatInt(s.count)}`)
                .join(', ');
              return (
                <Table.Td key={m} className="num" title={breakdown || 'Ingen ledige tider'}>
                  {formatInt(total(r, m))}
                  {p ? <span className="priv"> ({formatInt(p)})</span> : null}
                </Table.Td>
              );
            })}
            <Table.Td className="num">{formatInt(r.slotsOfferedToOthers)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Waiting overview per phase: open pathways, at risk and median days left per region. */
export function PhaseTable({ rows, regions }: { rows: OverviewRow[]; regions: Agenda['regions'] }) {
  const cell = (region: number, phase: string) => rows.find((r) => r.regionCode === region && r.phase === phase);
  return (
    <Table withTableBorder className="board-table" data-testid="agenda-phases">
      <Table.Caption>Åbne forløb / i risiko · median dage til frist</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Region</Table.Th>
          {PHASES.map((p) => (
            <Table.Th key={p}>{phaseLabel[p]}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {regions.map((r) => (
          <Table.Tr key={r.regionCode}>
            <Table.Th scope="row">{r.regionName}</Table.Th>
            {PHASES.map((p) => {
              const c = cell(r.regionCode, p);
              return (
                <Table.Td key={p} className="nowrap">
                  {c ? (
                    <>
                      {formatInt(c.openPathways)} /{' '}
                      {c.atRisk ? <strong className="at-risk">{formatInt(c.atRisk)}</strong> : '0'} ·{' '}
                      {formatNumber(c.medianDaysLeft)} d.
                    </>
                  ) : (
                    '–'
                  )}
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function RowStatus({ row }: { row: BoardRow }) {
  if (row.decision) {
    const color =
      row.decision.kind === 'OFFER_MADE' ? '#1b5e20' : row.decision.kind === 'ESCALATE' ? 'red.9' : 'gray.8';
    return (
      <Badge color={color} variant="filled" data-testid="decision-badge">
        {decisionKindShort[row.decision.kind]}
      </Badge>
    );
  }
  if (row.offer)
    return (
      <Badge color="#1b5e20" variant="outline" data-testid="offer-badge">
        Tilbud givet{row.offer.asProposed ? ' som foreslået' : ''}
      </Badge>
    );
  return (
    <Badge color="blue.9" variant="outline">
      Foreslået
    </Badge>
  );
}

export function ProposalCells({ row }: { row: BoardRow }) {
  const late = row.daysBeforeDeadline < 0;
  return (
    <>
      <Table.Td fw={700} className="nowrap">
        {row.reference}
      </Table.Td>
      <Table.Td>{regionLabel(row.regionCode)}</Table.Td>
      <Table.Td>{row.offer && !row.offer.asProposed ? row.offer.providerName : row.providerName}</Table.Td>
      <Table.Td className="nowrap">
        {formatDate(row.offer && !row.offer.asProposed ? row.offer.slotDate : row.date)}
      </Table.Td>
      <Table.Td className={`num${late ? ' late' : ''}`}>
        {late ? `${formatInt(-row.daysBeforeDeadline)} for sent` : formatInt(row.daysBeforeDeadline)}
      </Table.Td>
      <Table.Td className="num">{row.distanceKm === null ? '–' : `${formatNumber(row.distanceKm)} km`}</Table.Td>
    </>
  );
}

export function reasonsText(row: BoardRow): string {
  return row.reasons.map(reasonDa).join(' · ') || '–';
}
