import { buildSchema, Kind, parse, OperationDefinitionNode } from 'graphql';
import { assertCostTableMatches, CostTable, operationCost } from './cost';

const schema = buildSchema(`
  type Query {
    allocate: Proposal
    agenda: Agenda
    candidates(limit: Int = 10): [Candidate!]!
    items(first: Int = 50): ItemPage!
    me: User
  }
  type Proposal { placed: Int }
  type Agenda { date: String, proposal: Proposal }
  type Candidate { rank: Int, slot: Slot }
  type Slot { id: ID }
  type ItemPage { nodes: [Item!]!, pageInfo: PageInfo!, totalCount: Int! }
  type PageInfo { endCursor: String, hasNextPage: Boolean! }
  type Item { id: ID, owner: User }
  type User { id: ID, name: String }
`);
const table: CostTable = {
  'Query.allocate': { cost: 3000, allocation: true },
  'Query.agenda': { cost: 3000, allocation: true },
  'Query.candidates': { cost: 20, perItem: 10 },
  'ItemPage.totalCount': { cost: 50 },
};
const cost = (query: string, variables: Record<string, unknown> = {}) => {
  const doc = parse(query);
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  return operationCost(schema, doc, op, variables, table);
};

describe('query cost', () => {
  it('leaves cost 0, object fields 1, declared fields their cost', () => {
    expect(cost('{ me { id name } }').cost).toBe(1);
    expect(cost('{ allocate { placed } }')).toEqual({ cost: 3000, aliases: 0, allocations: 1 });
  });

  it('paged and limited fields scale with first / limit, from literals, variables or defaults', () => {
    expect(cost('{ items { nodes { id } } }').cost).toBe(1 + 50 * (1 + 1));
    expect(cost('query($n: Int) { items(first: $n) { nodes { id owner { id } } } }', { n: 200 }).cost).toBe(
      1 + 200 * (1 + 2),
    );
    expect(cost('{ candidates(limit: 100) { rank } }').cost).toBe(20 + 100 * 10);
    expect(cost('{ candidates { rank slot { id } } }').cost).toBe(20 + 10 * (10 + 1));
  });

  it('a connection repeats its nodes per item; pageInfo and totalCount count once, also in fragments', () => {
    const page = '{ nodes { id owner { id } } pageInfo { endCursor } totalCount }';
    expect(cost(`{ items(first: 200) ${page} }`).cost).toBe(1 + 200 * 1 + 200 * (1 + 1) + 1 + 50);
    expect(cost(`{ items(first: 10) ${page} }`).cost).toBe(1 + 10 + 10 * 2 + 1 + 50);
    const viaFragments = cost(
      '{ items(first: 10) { ...P ... on ItemPage { totalCount } } } fragment P on ItemPage { nodes { ...I } pageInfo { hasNextPage } } fragment I on Item { owner { id } }',
    );
    expect(viaFragments.cost).toBe(1 + 10 + 10 * 2 + 1 + 50);
  });

  it('aliases multiply: each alias is counted, and so are allocations', () => {
    const four = cost(
      '{ a: allocate { placed } b: allocate { placed } c: allocate { placed } d: allocate { placed } }',
    );
    expect(four).toEqual({ cost: 12000, aliases: 4, allocations: 4 });
    expect(cost('{ allocate { placed } agenda { date } }').allocations).toBe(2);
    const many = Array.from({ length: 1000 }, (_, i) => `m${i}: candidates(limit: 100) { rank }`).join(' ');
    expect(cost(`{ ${many} }`)).toMatchObject({ aliases: 1000, cost: 1000 * 1020 });
  });

  it('fragments count as often as they are spread, measured once each (linear even for a doubling chain)', () => {
    expect(
      cost('{ ...A } fragment A on Query { ...B ...B } fragment B on Query { allocate { placed } }').allocations,
    ).toBe(2);
    const n = 60;
    const frags = Array.from({ length: n }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(
      ' ',
    );
    const started = Date.now();
    const r = cost(`{ ...F0 } ${frags} fragment F${n} on Query { x: me { id } }`);
    expect(Date.now() - started).toBeLessThan(200);
    expect(r.aliases).toBeGreaterThan(1e9);
    expect(Number.isFinite(r.cost)).toBe(true);
  });

  it('a cost table entry that names no schema field is refused at start-up', () => {
    expect(() => assertCostTableMatches(schema, table)).not.toThrow();
    expect(() => assertCostTableMatches(schema, { 'Query.proposeAllocaton': { cost: 1 } })).toThrow(/proposeAllocaton/);
  });
});
