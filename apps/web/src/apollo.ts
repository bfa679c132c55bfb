import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
import type { FieldPolicy } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { currentToken, sessionExpired } from './auth';

const auth = new SetContextLink((prev) => {
  const token = currentToken();
  return token ? { headers: { ...prev.headers, authorization: `Bearer ${token}` } } : {};
});

// A signed-in request answered with UNAUTHENTICATED means the token expired or the user was deactivated.
const expiry = new ErrorLink(({ error, operation }) => {
  if (operation.operationName === 'Login') return;
  if (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED'))
    sessionExpired();
});

/**
 * Cache policy of a list read with "Vis flere" (paging.tsx): one cache entry per `keyArgs` (the filter, the order); a
 * page fetched with `after` is appended to it, and the first page (a refetch, a poll) replaces it.
 */
function appendPages(keyArgs: string[]): FieldPolicy<{ nodes: readonly unknown[] }> {
  return {
    keyArgs,
    merge(existing, incoming, { args }) {
      if (!args?.after || !existing) return incoming;
      return { ...incoming, nodes: [...existing.nodes, ...incoming.nodes] };
    },
  };
}

export function createClient() {
  return new ApolloClient({
    link: ApolloLink.from([expiry, auth, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: {
          fields: {
            // Paged with Forrige/Næste: one cache entry per page.
            pathways: { keyArgs: ['filter', 'after', 'first'] },
            auditLog: { keyArgs: ['filter', 'after', 'first'] },
            // Read with "Vis flere" or fetched page after page: the pages of one filter and order form one list.
            offers: appendPages(['filter', 'orderBy']),
            reports: appendPages(['year']),
            sampleAudits: appendPages(['filter']),
            warnings: appendPages(['filter', 'orderBy']),
          },
        },
        // A sampled pathway is one pathway in one audit: a recorded finding updates it in place.
        SampledPathway: { keyFields: ['auditId', 'pathwayId'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
