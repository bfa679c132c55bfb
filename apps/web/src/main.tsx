import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import 'dayjs/locale/da';
import { ApolloProvider } from '@apollo/client/react';
import { createTheme, MantineProvider, type CSSVariablesResolver } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createClient } from './apollo';
import { App } from './App';
import { AuthProvider } from './auth';

// Darker primary shades than Mantine's default blue so text on filled buttons meets WCAG AA contrast.
const theme = createTheme({
  primaryColor: 'cx',
  primaryShade: 7,
  colors: {
    cx: ['#e7f0fb', '#cfe0f5', '#9dc0ea', '#6a9fe0', '#3f82d6', '#2569c0', '#1a56a3', '#144686', '#0f3768', '#0a284c'],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'sm',
});

// Mantine's default dimmed grey is below 4.5:1 on white; a darker grey keeps secondary text readable (WCAG AA).
const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#495057',
    '--mantine-color-error': '#b02525',
    '--mantine-color-placeholder': '#666d75',
    // Text of yellow (warning) alerts: Mantine's yellow 9 is below 3:1 on the alert's light yellow.
    '--mantine-color-yellow-light-color': '#7a4a00',
  },
  dark: {},
});

const client = createClient();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <DatesProvider settings={{ locale: 'da', firstDayOfWeek: 1 }}>
        <Notifications position="top-right" />
        <ApolloProvider client={client}>
          <AuthProvider>
            <BrowserRouter>
              <App />
            </BrowserRouter>
          </AuthProvider>
        </ApolloProvider>
      </DatesProvider>
    </MantineProvider>
  </StrictMode>,
);
