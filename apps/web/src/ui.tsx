// Small shared pieces: loading and empty states, error alert, page header, mutation feedback.
import { Alert, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { apiErrorOf, type ApiError } from './errors';

export function Loading({ label = 'Henter…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text>{label}</Text>
      </Group>
    </Center>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return (
    <Text c="dimmed" py="lg" ta="center" data-testid="empty">
      {children}
    </Text>
  );
}

export function ErrorAlert({ error, title = 'Det lykkedes ikke' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const e = apiErrorOf(error);
  return (
    <Alert color="red" title={title} role="alert" data-code={e.code}>
      <Text size="sm">{e.message}</Text>
      {e.detail && e.code !== 'NETWORK' ? (
        <Text size="xs" c="dimmed" mt={4}>
          Teknisk besked: {e.detail}
        </Text>
      ) : null}
    </Alert>
  );
}

/** A mutation's error already turned into words (e.g. kept in form state). */
export function ApiErrorAlert({ error, title = 'Det lykkedes ikke' }: { error: ApiError | null; title?: string }) {
  if (!error) return null;
  return (
    <Alert color="red" title={title} role="alert" data-code={error.code} data-field={error.field ?? ''}>
      <Text size="sm">{error.message}</Text>
      {error.detail && error.code !== 'NETWORK' ? (
        <Text size="xs" c="dimmed" mt={4}>
          Teknisk besked: {error.detail}
        </Text>
      ) : null}
    </Alert>
  );
}

export function PageHeader({ title, children, sub }: { title: string; sub?: ReactNode; children?: ReactNode }) {
  return (
    <Stack gap={4} mb="md">
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {title}
        </Title>
        {children ? <Group gap="sm">{children}</Group> : null}
      </Group>
      {sub ? (
        <Text c="dimmed" size="sm">
          {sub}
        </Text>
      ) : null}
    </Stack>
  );
}

export function notifySuccess(message: string) {
  notifications.show({
    color: 'green',
    title: 'Gemt',
    message,
    autoClose: 6000,
    closeButtonProps: { 'aria-label': 'Luk besked' },
  });
}

export function notifyError(err: unknown) {
  const e = apiErrorOf(err);
  notifications.show({
    color: 'red',
    title: 'Det lykkedes ikke',
    message: e.message,
    autoClose: 10000,
    closeButtonProps: { 'aria-label': 'Luk besked' },
  });
}
