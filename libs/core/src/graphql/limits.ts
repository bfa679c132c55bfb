import {
  FieldNode, FragmentDefinitionNode, GraphQLError, InlineFragmentNode, Kind, OperationDefinitionNode, SelectionSetNode,
  ValidationContext, ValidationRule,
} from 'graphql';

export interface QueryLimits {
  maxDepth: number;
  /** Upper bound of field selections after expanding fragments (a cheap, predictable complexity measure). */
  maxFields: number;
}

export const DEFAULT_LIMITS: QueryLimits = { maxDepth: 10, maxFields: 2000 };

/**
 * Rejects over-deep or over-wide operations before they execute (BAD_USER_INPUT), so a single request cannot ask
 * for pathways → offers → pathway → offers … or expand fragments into millions of fields.
 */
export function queryLimitsRule(limits: QueryLimits = DEFAULT_LIMITS): ValidationRule {
  return (ctx: ValidationContext) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const d of ctx.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

    const measure = (set: SelectionSetNode, depth: number, seen: Set<string>): { depth: number; fields: number } => {
      let maxDepth = depth;
      let fields = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          const f = sel as FieldNode;
          if (f.name.value.startsWith('__')) continue;
          fields++;
          if (f.selectionSet) {
            const inner = measure(f.selectionSet, depth + 1, seen);
            maxDepth = Math.max(maxDepth, inner.depth);
            fields += inner.fields;
          }
        } else {
          const target = sel.kind === Kind.INLINE_FRAGMENT ? (sel as InlineFragmentNode) : fragments.get(sel.name.value);
          if (!target || (sel.kind === Kind.FRAGMENT_SPREAD && seen.has(sel.name.value))) continue;
          const next = sel.kind === Kind.FRAGMENT_SPREAD ? new Set([...seen, sel.name.value]) : seen;
          const inner = measure(target.selectionSet, depth, next);
          maxDepth = Math.max(maxDepth, inner.depth);
          fields += inner.fields;
        }
        if (fields > limits.maxFields) break;
      }
      return { depth: maxDepth, fields };
    };

    return {
      OperationDefinition(op: OperationDefinitionNode) {
        const { depth, fields } = measure(op.selectionSet, 1, new Set());
        if (depth > limits.maxDepth) {
          ctx.reportError(new GraphQLError(`Query is nested ${depth} levels deep; the limit is ${limits.maxDepth}`, { nodes: [op], extensions: { code: 'BAD_USER_INPUT' } }));
        }
        if (fields > limits.maxFields) {
          ctx.reportError(new GraphQLError(`Query selects more than ${limits.maxFields} fields; ask for less or page`, { nodes: [op], extensions: { code: 'BAD_USER_INPUT' } }));
        }
      },
    };
  };
}
