// Offline GraphiQL for demo mode: Monaco and its workers are bundled by Vite, nothing is fetched from a CDN.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { buildSchema } from 'graphql';
import { createRoot } from 'react-dom/client';
import sdl from '../../../../schema.gql?raw';

// Reuse the web app's session, so a signed-in user can query right away.
function sessionHeaders(): string {
  try {
    const s = JSON.parse(localStorage.getItem('cx.session') ?? 'null') as { token?: string } | null;
    return s?.token ? JSON.stringify({ authorization: `Bearer ${s.token}` }, null, 2) : '';
  } catch {
    return '';
  }
}

// The schema is bundled from schema.gql: GraphiQL's introspection query is deeper than the api's depth limit (10).
const schema = buildSchema(sdl);
const fetcher = createGraphiQLFetcher({ url: `${location.origin}/graphql` });
const DEFAULT_QUERY = `# Log in first, then put the token in the Headers tab as {"authorization": "Bearer <accessToken>"}
mutation {
  login(input: { email: "planner.hovedstaden@demo.dk", password: "demo" }) {
    accessToken
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(
  <GraphiQL
    fetcher={fetcher}
    schema={schema}
    defaultQuery={DEFAULT_QUERY}
    initialHeaders={sessionHeaders()}
    shouldPersistHeaders
  />,
);
