import { useMutation } from '@apollo/client/react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useAuth } from '../auth';
import { apiErrorOf } from '../errors';
import { graphql } from '../gql';

const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      user {
        id
        email
        role
        regionCode
        cancerAreas
      }
    }
  }
`);

export function LoginScreen() {
  const { signIn, logoutReason } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [login, { loading }] = useMutation(LoginDocument);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const { data } = await login({ variables: { input: { email: email.trim(), password } } });
      if (!data) return;
      signIn(data.login.accessToken, data.login.user);
      const from = (location.state as { from?: string } | null)?.from;
      navigate(from && from !== '/login' ? from : '/', { replace: true });
    } catch (err) {
      const e = apiErrorOf(err);
      setMessage(e.code === 'UNAUTHENTICATED' ? 'Forkert e-mail eller adgangskode.' : e.message);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <Title order={1} size="h2">
              Kapacitetsbørsen
            </Title>
            <Text size="sm" c="dimmed">
              Specialenheden for patienter med livstruende sygdom. Log ind med din regions konto.
            </Text>
            {logoutReason === 'expired' && !message ? (
              <Alert color="yellow" role="status" title="Du er logget ud">
                Din session er udløbet. Log ind igen.
              </Alert>
            ) : null}
            {message ? (
              <Alert color="red" role="alert" title="Login mislykkedes">
                {message}
              </Alert>
            ) : null}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Adgangskode"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={loading}>
              Log ind
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
