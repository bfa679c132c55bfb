import type { ApolloServerPlugin } from '@apollo/server';
import {
  DocumentNode,
  FragmentDefinitionNode,
  getArgumentValues,
  getNamedType,
  GraphQLCompositeType,
  GraphQLError,
  GraphQLField,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
} from 'graphql';

/** Declared cost of one field, keyed `Type.field` in a CostTable. */
export interface FieldCost {
  /** Own cost of resolving the field once (default: 1 for an object or list field, 0 for a leaf). */
  cost?: number;
  /** Cost per item of a paged or limited field (default 1 when it has `first`/`limit`, else 0), times the page size. */
  perItem?: number;
  /** Runs the allocation solver: at most `maxAllocations` of these per request. */
  allocation?: boolean;
}

export type CostTable = Readonly<Record<string, FieldCost>>;

export interface CostLimits {
  maxCost: number;
  maxAliases: number;
  maxAllocations: number;
}

export interface CostResult {
  cost: number;
  aliases: number;
  allocations: number;
}

const ZERO: CostResult = { cost: 0, aliases: 0, allocations: 0 };
// Saturate well above any limit so that huge multipliers cannot overflow into Infinity or NaN.
const CAP = 1e12;
const add = (a: number, b: number) => Math.min(CAP, a + b);
const mul = (a: number, b: number) => Math.min(CAP, a * b);

/** How many items a field returns at most: its page size (`first`) or `limit`; null if not paged. */
function pageSizeOf(args: Record<string, unknown>): number | null {
  const n = args.first ?? args.limit;
  return typeof n === 'number' && Number.isFinite(n) ? Math.max(1, n) : null;
}

/**
 * Cost of an operation with its variables: a field costs its declared cost plus (per-item cost + its children's
 * cost) times its page size (of a connection, only `nodes` counts per item; `pageInfo` and `totalCount` once), so
 * aliases and fragments multiply expensive fields as they would at execution. Each fragment is measured
 * once (memoised), so the analysis is linear in the document like the depth/width rule in limits.ts.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  table: CostTable,
): CostResult {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const memo = new Map<string, CostResult>();
  const inProgress = new Set<string>();

  const fragmentCost = (name: string, nodesTimes: number): CostResult => {
    const key = `${name}×${nodesTimes}`;
    const known = memo.get(key);
    if (known) return known;
    const def = fragments.get(name);
    const type = def && schema.getType(def.typeCondition.name.value);
    // Unknown, mistyped or cyclic fragments add nothing here; graphql's validation reports them.
    if (!def || !type || !isCompositeType(type) || inProgress.has(name)) return ZERO;
    inProgress.add(name);
    const result = measure(def.selectionSet, type, nodesTimes);
    inProgress.delete(name);
    memo.set(key, result);
    return result;
  };

  /** `nodesTimes`: the page size when `set` is the selection of a connection (only its `nodes` repeat per item). */
  function measure(set: SelectionSetNode, parent: GraphQLCompositeType, nodesTimes = 1): CostResult {
    let cost = 0;
    let aliases = 0;
    let allocations = 0;
    for (const sel of set.selections) {
      let inner: CostResult;
      if (sel.kind === Kind.FIELD) {
        const alias = sel.alias ? 1 : 0;
        const def: GraphQLField<unknown, unknown> | undefined =
          isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[sel.name.value] : undefined;
        if (!def) {
          inner = { cost: 0, aliases: alias, allocations: 0 };
        } else {
          const declared = table[`${parent.name}.${def.name}`];
          const type = getNamedType(def.type);
          let args: Record<string, unknown> = {};
          try {
            args = getArgumentValues(def, sel, variables);
          } catch {
            // Invalid arguments fail at execution with their own error; count the field once.
          }
          const page = pageSizeOf(args);
          const times = page ?? 1;
          const perItem = declared?.perItem ?? (page === null ? 0 : 1);
          // A connection repeats its nodes per item, not its pageInfo or totalCount; a list repeats everything.
          const connection = page !== null && isObjectType(type) && 'nodes' in type.getFields();
          const below =
            sel.selectionSet && isCompositeType(type) ? measure(sel.selectionSet, type, connection ? times : 1) : ZERO;
          const repeat = connection ? 1 : times;
          const own = def.name === 'nodes' ? nodesTimes : 1;
          inner = {
            cost: mul(
              own,
              add(declared?.cost ?? (isLeafType(type) ? 0 : 1), add(mul(times, perItem), mul(repeat, below.cost))),
            ),
            aliases: add(alias, below.aliases),
            allocations: mul(own, add(declared?.allocation ? 1 : 0, mul(repeat, below.allocations))),
          };
        }
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        inner = type && isCompositeType(type) ? measure(sel.selectionSet, type, nodesTimes) : ZERO;
      } else {
        inner = fragmentCost(sel.name.value, nodesTimes);
      }
      cost = add(cost, inner.cost);
      aliases = add(aliases, inner.aliases);
      allocations = add(allocations, inner.allocations);
    }
    return { cost, aliases, allocations };
  }

  const root = schema.getRootType(operation.operation);
  return root ? measure(operation.selectionSet, root) : ZERO;
}

/** Table entries must name real fields, so a renamed resolver cannot silently lose its cost. */
export function assertCostTableMatches(schema: GraphQLSchema, table: CostTable): void {
  for (const key of Object.keys(table)) {
    const [typeName, fieldName] = key.split('.');
    const type = schema.getType(typeName);
    if (!type || !(isObjectType(type) || isInterfaceType(type)) || !type.getFields()[fieldName]) {
      throw new Error(`Query cost table names ${key}, which is not a field of the schema`);
    }
  }
}

const refuse = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });

/**
 * Apollo plugin: after the operation is resolved (variables known) and before it executes, refuse it when its cost,
 * its number of aliases or its number of allocation runs exceeds the limits (BAD_USER_INPUT, HTTP 400).
 */
export function queryCostPlugin(table: CostTable, limits: CostLimits): ApolloServerPlugin {
  return {
    async serverWillStart({ schema }) {
      assertCostTableMatches(schema, table);
    },
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const r = operationCost(schema, document, operation, request.variables ?? {}, table);
          if (r.allocations > limits.maxAllocations) {
            throw refuse(
              `At most ${limits.maxAllocations} allocation per request (proposeAllocation or meetingAgenda); this asks for ${r.allocations}`,
            );
          }
          if (r.aliases > limits.maxAliases)
            throw refuse(`Query uses ${r.aliases} aliases; the limit is ${limits.maxAliases}`);
          if (r.cost > limits.maxCost) {
            throw refuse(
              `Query cost ${Math.round(r.cost)} exceeds the limit of ${limits.maxCost}; ask for smaller pages or fewer expensive fields`,
            );
          }
        },
      };
    },
  };
}
