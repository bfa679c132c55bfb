import {
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
  ValidationRule,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  /** Upper bound of field selections after expanding fragments (a cheap, predictable complexity measure). */
  maxFields: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 10, maxFields: 2000 };

interface Size {
  /** Field levels below the selection set's own level (a leaf field counts 1). */
  depth: number;
  /** Fields selected once every fragment is expanded, saturated just above the limit. */
  fields: number;
}

/**
 * Rejects over-deep or over-wide operations before they execute (BAD_USER_INPUT), so a single request cannot ask
 * for pathways → offers → pathway → offers … or expand fragments into millions of fields.
 *
 * Linear in the document: each fragment's size is computed once and memoised, so a chain of fragments that each
 * spread the next one twice (2^n expanded fields) costs n steps, not 2^n. Every field counts, `__typename` included.
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_LIMITS): ValidationRule {
  return (ctx: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of ctx.getDocument().definitions)
      if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
    const cap = limits.maxFields + 1;
    const memo = new Map<string, Size>();
    const inProgress = new Set<string>();

    const fragmentSize = (name: string): Size => {
      const known = memo.get(name);
      if (known) return known;
      const def = fragments.get(name);
      // Unknown or cyclic spreads add nothing here; graphql's own rules report them.
      if (!def || inProgress.has(name)) return { depth: 0, fields: 0 };
      inProgress.add(name);
      const size = measure(def.selectionSet);
      inProgress.delete(name);
      memo.set(name, size);
      return size;
    };

    function measure(set: SelectionSetNode): Size {
      let depth = 0;
      let fields = 0;
      for (const sel of set.selections) {
        let inner: Size;
        if (sel.kind === Kind.FIELD) {
          const below = sel.selectionSet ? measure(sel.selectionSet) : { depth: 0, fields: 0 };
          inner = { depth: below.depth + 1, fields: below.fields + 1 };
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          inner = measure(sel.selectionSet);
        } else {
          inner = fragmentSize(sel.name.value);
        }
        depth = Math.max(depth, inner.depth);
        fields = Math.min(cap, fields + inner.fields);
      }
      return { depth, fields };
    }

    return {
      OperationDefinition(op: OperationDefinitionNode) {
        const size = measure(op.selectionSet);
        if (size.depth > limits.maxDepth) {
          ctx.reportError(
            new GraphQLError(`Query is nested ${size.depth} levels deep; the limit is ${limits.maxDepth}`, {
              nodes: [op],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
        if (size.fields > limits.maxFields) {
          ctx.reportError(
            new GraphQLError(`Query selects more than ${limits.maxFields} fields; ask for less or page`, {
              nodes: [op],
              extensions: { code: 'BAD_USER_INPUT' },
            }),
          );
        }
      },
    };
  };
}
