import { useEffect } from 'react';
import { Link } from 'react-router';
import { cancerAreaLabel, formatDate, formatInt, formatNumber, phaseLabel, regionLabel } from '../../format';
import { Loading } from '../../ui';
import { ErrorAlert } from '../../ui';
import { PHASES, useBoard, type BoardRow } from './board-data';
import { RegionTable } from './BoardTables';
import { decisionKindShort } from './labels';
import { useBoardParams } from './MeetingBoardScreen';
import './board.css';

const MAX_ROWS = 9;

/** Presentation mode: the board for the wall (1920×1080, large type, no scrolling), refreshed every 10 seconds. */
export default function PresentationScreen() {
  const { area, date, search } = useBoardParams();
  const { agenda, overview, derived, meeting, loading, error } = useBoard(area, date, 10_000);
  const decisions = meeting?.decisions ?? [];
  useEffect(() => {
    document.title = 'Mødetavle – præsentation';
  }, []);
  const rows = derived?.rows ?? [];
  const shown = rows.slice(0, MAX_ROWS);
  const fullscreen = () => void document.documentElement.requestFullscreen?.().catch(() => undefined);
  return (
    <main className="presentation" data-testid="presentation">
      <div className="pres-head">
        <h1>
          {area ? cancerAreaLabel[area] : 'Mødetavle'} · {formatDate(date)}
        </h1>
        {agenda ? (
          <div className="pres-facts">
            <span>
              I risiko: <strong>{formatInt(agenda.regions.reduce((a, r) => a + r.atRisk, 0))}</strong>
            </span>
            <span>
              Ledige tider i udlandet: <strong>{formatInt(agenda.freeSlotsAbroad)}</strong>
            </span>
            <span>
              Placeret:{' '}
              <strong>
                {formatInt(agenda.proposal.totals.placed)} af {formatInt(agenda.proposal.totals.pathways)}
              </strong>
            </span>
          </div>
        ) : null}
        <nav className="pres-controls" aria-label="Præsentation">
          <button type="button" onClick={fullscreen}>
            Fuld skærm
          </button>
          <Link to={`/moede${search}`}>Luk</Link>
        </nav>
      </div>
      <ErrorAlert error={error} title="Mødetavlen kunne ikke hentes" />
      {!agenda && loading ? <Loading label="Henter dagsorden…" /> : null}
      {agenda ? (
        <>
          <section aria-label="Regioner">
            <RegionTable agenda={agenda} />
          </section>
          <div className="pres-body">
            <section aria-labelledby="pres-proposal">
              <h2 id="pres-proposal">Fordelingsforslag</h2>
              <table>
                <thead>
                  <tr>
                    <th>Forløb</th>
                    <th>Region</th>
                    <th>Foreslået</th>
                    <th>Dato</th>
                    <th className="num">Før frist</th>
                    <th className="num">Km</th>
                    <th>Status</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.map((r) => (
                    <PresentationRow key={r.pathwayId} row={r} />
                  ))}
                </tbody>
              </table>
              {rows.length > MAX_ROWS ? (
                <p className="pres-more">+ {formatInt(rows.length - MAX_ROWS)} forslag mere på mødetavlen</p>
              ) : null}
              {rows.length === 0 ? <p>Ingen forløb i risiko kan placeres i de næste 4 uger.</p> : null}
              {agenda.proposal.unassigned.length ? (
                <p className="pres-more">Ikke placeret: {formatInt(agenda.proposal.unassigned.length)} forløb</p>
              ) : null}
            </section>
            <section aria-labelledby="pres-phase">
              <h2 id="pres-phase">Ventetid pr. fase</h2>
              <table>
                <thead>
                  <tr>
                    <th>Fase</th>
                    <th className="num">Åbne</th>
                    <th className="num">I risiko</th>
                  </tr>
                </thead>
                <tbody>
                  {PHASES.map((p) => {
                    const rs = overview.filter((o) => o.phase === p);
                    return (
                      <tr key={p}>
                        <th scope="row">{phaseLabel[p]}</th>
                        <td className="num">{formatInt(rs.reduce((a, o) => a + o.openPathways, 0))}</td>
                        <td className="num">{formatInt(rs.reduce((a, o) => a + o.atRisk, 0))}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <h2 id="pres-decisions" className="pres-gap">
                Beslutninger
              </h2>
              {decisions.length === 0 ? (
                <p>{meeting ? 'Ingen endnu.' : 'Mødet er ikke startet.'}</p>
              ) : (
                <ul className="pres-decisions" aria-labelledby="pres-decisions">
                  {decisions.slice(-5).map((d) => (
                    <li key={d.id}>
                      <strong>{decisionKindShort[d.kind]}</strong>
                      {d.pathwayId ? ` · ${derived?.references.get(d.pathwayId) ?? ''}` : ''}
                    </li>
                  ))}
                </ul>
              )}
              {decisions.length > 5 ? <p>+ {formatInt(decisions.length - 5)} flere i referatet</p> : null}
            </section>
          </div>
        </>
      ) : null}
    </main>
  );
}

function PresentationRow({ row }: { row: BoardRow }) {
  const late = row.daysBeforeDeadline < 0;
  const status = row.decision ? decisionKindShort[row.decision.kind] : row.offer ? 'Tilbud givet' : 'Foreslået';
  return (
    <tr data-reference={row.reference}>
      <td>
        <strong>{row.reference}</strong>
      </td>
      <td>{regionLabel(row.regionCode).replace('Region ', '')}</td>
      <td>
        <div className="clip">{row.offer && !row.offer.asProposed ? row.offer.providerName : row.providerName}</div>
      </td>
      <td className="nowrap">{formatDate(row.offer && !row.offer.asProposed ? row.offer.slotDate : row.date)}</td>
      <td className={`num${late ? ' late' : ''}`}>
        {late ? `${formatInt(-row.daysBeforeDeadline)} for sent` : formatInt(row.daysBeforeDeadline)}
      </td>
      <td className="num">{row.distanceKm === null ? '–' : formatNumber(row.distanceKm)}</td>
      <td className={row.decision ? 'badge-decided' : row.offer ? 'badge-offer' : undefined}>{status}</td>
    </tr>
  );
}
