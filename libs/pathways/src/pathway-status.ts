import { PathwayStatus } from './pathway.entities';

const { WAITING, OFFERED, SCHEDULED, TREATED, CLOSED } = PathwayStatus;

/** Status changes a planner may make by hand (updatePathway); OFFERED and its exits belong to the offer lifecycle. */
export const MANUAL_TRANSITIONS: Readonly<Record<PathwayStatus, readonly PathwayStatus[]>> = {
  [WAITING]: [SCHEDULED, TREATED, CLOSED],
  [OFFERED]: [],
  [SCHEDULED]: [WAITING, TREATED, CLOSED],
  [TREATED]: [],
  [CLOSED]: [],
};

/** Status changes made by the offer lifecycle (createOffer, respond, withdraw, expire) through PathwaysService.transition. */
export const PATHWAY_OFFER_MOVES = {
  offer: { from: [WAITING], to: OFFERED },
  accept: { from: [OFFERED], to: SCHEDULED },
  release: { from: [OFFERED], to: WAITING },
} as const satisfies Record<string, { from: readonly PathwayStatus[]; to: PathwayStatus }>;

/** Why a planner may not move a pathway from `from` to `to`, or null when the change is allowed. */
export function manualStatusChangeRefusal(from: PathwayStatus, to: PathwayStatus): string | null {
  if (from === to || MANUAL_TRANSITIONS[from].includes(to)) return null;
  const hint = from === OFFERED ? '; answer or withdraw the pending offer first' : '';
  return `A pathway cannot go from ${from} to ${to}${hint}`;
}

/** Every status a pathway can reach from `from` by any path (manual or offer lifecycle). */
export function reachableFrom(from: PathwayStatus): Set<PathwayStatus> {
  const next = (s: PathwayStatus) => [
    ...MANUAL_TRANSITIONS[s],
    ...Object.values(PATHWAY_OFFER_MOVES)
      .filter((t) => (t.from as readonly PathwayStatus[]).includes(s))
      .map((t) => t.to),
  ];
  const seen = new Set<PathwayStatus>();
  const todo = [...next(from)];
  while (todo.length) {
    const s = todo.pop()!;
    if (!seen.has(s)) {
      seen.add(s);
      todo.push(...next(s));
    }
  }
  return seen;
}
