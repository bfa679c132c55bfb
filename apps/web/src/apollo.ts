import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache } from '@apollo/client';
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

export function createClient() {
  return new ApolloClient({
    link: ApolloLink.from([expiry, auth, new HttpLink({ uri: '/graphql' })]),
    cache: new InMemoryCache({
      typePolicies: {
        Query: { fields: { pathways: { keyArgs: ['filter', 'after', 'first'] } } },
        // A sampled pathway is one pathway in one audit: a recorded finding updates it in place.
        SampledPathway: { keyFields: ['auditId', 'pathwayId'] },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
}
