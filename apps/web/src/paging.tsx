// The API's one paging convention on the screens: lists come in pages (`first`, `after` = pageInfo.endCursor). A list
// the user reads grows with "Vis flere"; a screen that needs every row (counts, the meeting board) fetches the following
// pages itself. Pages fetched with fetchMore are appended to the first page by the cache (apollo.ts, appendPages).
import { Button, Group, Text } from '@mantine/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { formatInt } from './format';
import { notifyError } from './ui';

interface Connection<N> {
  nodes: readonly N[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/** "Vis flere": fetches the page after the last one shown; errors are shown as a notification. */
export function useLoadMore(page: Connection<unknown> | undefined, fetchMore: (after: string) => Promise<unknown>) {
  const [loadingMore, setLoadingMore] = useState(false);
  const cursor = page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  const loadMore = useCallback(async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      await fetchMore(cursor);
    } catch (e) {
      notifyError(e);
    } finally {
      setLoadingMore(false);
    }
  }, [cursor, fetchMore]);
  return { loadMore, loadingMore, hasMore: !!cursor };
}

/** "Viser 50 af 120 tilbud" and, while more rows exist, a "Vis flere" button. */
export function LoadMore({
  shown,
  total,
  noun,
  hasMore,
  loading,
  onMore,
}: {
  shown: number;
  total: number | undefined;
  noun: string;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  return (
    <Group justify="space-between" mt="xs" data-testid="load-more">
      <Text size="sm" aria-live="polite">
        {total === undefined || total === shown
          ? `${formatInt(shown)} ${noun}`
          : `Viser ${formatInt(shown)} af ${formatInt(total)} ${noun}`}
      </Text>
      {hasMore ? (
        <Button variant="default" loading={loading} onClick={onMore}>
          Vis flere
        </Button>
      ) : null}
    </Group>
  );
}

/**
 * For screens that need more than the first page: fetches the following pages, one after the other, while
 * `wanted(nodes so far)` says so (default: every page). Returns whether the rows are complete.
 */
export function useFollowingPages<N>(
  page: Connection<N> | undefined,
  fetchMore: (after: string) => Promise<unknown>,
  wanted: (nodes: readonly N[]) => boolean = () => true,
): { complete: boolean } {
  const cursor =
    page?.pageInfo.hasNextPage && page.pageInfo.endCursor && wanted(page.nodes) ? page.pageInfo.endCursor : null;
  // One request at a time, once per version of the list: a poll or refetch that replaces the list starts again.
  const [busy, setBusy] = useState(false);
  const handled = useRef<unknown>(null);
  useEffect(() => {
    if (!cursor || busy || handled.current === page) return;
    handled.current = page;
    setBusy(true);
    fetchMore(cursor)
      .catch(notifyError)
      .finally(() => setBusy(false));
  }, [cursor, busy, page, fetchMore]);
  return { complete: !!page && !cursor };
}

/** Paging with Forrige/Næste: the cursors of the pages visited, back to the first page when `key` (the filter) changes. */
export function useCursorStack(key: string) {
  const [cursors, setCursors] = useState<{ key: string; stack: (string | null)[] }>({ key, stack: [null] });
  const stack = cursors.key === key ? cursors.stack : [null];
  return {
    after: stack[stack.length - 1],
    pageNo: stack.length,
    previous: () => setCursors({ key, stack: stack.slice(0, -1) }),
    next: (endCursor: string | null | undefined) => setCursors({ key, stack: [...stack, endCursor ?? null] }),
  };
}

/** The Forrige/Næste buttons and the page number under a paged table. */
export function PageNav({
  pages,
  page,
  labels = ['Forrige side', 'Næste side'],
}: {
  pages: ReturnType<typeof useCursorStack>;
  page: Connection<unknown>;
  labels?: [string, string];
}) {
  return (
    <Group justify="space-between" mt="md">
      <Button variant="default" disabled={pages.pageNo <= 1} onClick={pages.previous}>
        {labels[0]}
      </Button>
      <Text size="sm" aria-live="polite">
        Side {formatInt(pages.pageNo)}
      </Text>
      <Button
        variant="default"
        disabled={!page.pageInfo.hasNextPage}
        onClick={() => pages.next(page.pageInfo.endCursor)}
      >
        {labels[1]}
      </Button>
    </Group>
  );
}
