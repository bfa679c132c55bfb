import { useMutation, useQuery } from '@apollo/client/react';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { useUser } from '../auth';
import { apiErrorOf, type ApiError } from '../errors';
import { copenhagenDate, copenhagenInstant, DateField } from '../fields';
import {
  addDaysLocal,
  cancerAreaLabel,
  formatDate,
  formatInt,
  formatTime,
  formatWeekday,
  modalityLabel,
  providerKindLabel,
  regionNames,
  slotStatusLabel,
  todayLocal,
} from '../format';
import { graphql } from '../gql';
import type { CapacityWeekQuery, ProvidersQuery } from '../gql/graphql';
import type { CancerArea, Modality } from '../gql/schema';
import { ApiErrorAlert, Empty, ErrorAlert, Loading, notifyError, notifySuccess, PageHeader } from '../ui';
import { ImportPanel } from './capacity/ImportPanel';

const ProvidersDocument = graphql(`
  query Providers($filter: ProviderFilter) {
    providers(filter: $filter) {
      id
      name
      kind
      regionCode
      cancerAreas
      modalities
      active
    }
  }
`);

const CapacityWeekDocument = graphql(`
  query CapacityWeek($free: SlotFilter, $held: SlotFilter, $booked: SlotFilter) {
    free: slots(filter: $free, first: 200) {
      nodes {
        ...SlotCell
      }
      pageInfo {
        hasNextPage
      }
    }
    held: slots(filter: $held, first: 200) {
      nodes {
        ...SlotCell
      }
      pageInfo {
        hasNextPage
      }
    }
    booked: slots(filter: $booked, first: 200) {
      nodes {
        ...SlotCell
      }
      pageInfo {
        hasNextPage
      }
    }
  }
  fragment SlotCell on Slot {
    id
    starts
    durationMinutes
    cancerArea
    modality
    status
    seriesId
  }
`);

const PublishSlotsDocument = graphql(`
  mutation PublishSlots($input: PublishSlotsInput!) {
    publishSlots(input: $input) {
      id
      starts
    }
  }
`);

const PublishSeriesDocument = graphql(`
  mutation PublishSlotSeries($input: PublishSlotSeriesInput!) {
    publishSlotSeries(input: $input) {
      id
      slotCount
      fromDate
      toDate
    }
  }
`);

const WithdrawSlotDocument = graphql(`
  mutation WithdrawSlot($id: ID!) {
    withdrawSlot(id: $id) {
      id
      status
    }
  }
`);

type Provider = ProvidersQuery['providers'][number];
type SlotCell = CapacityWeekQuery['free']['nodes'][number];

function mondayOf(d: string): string {
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return addDaysLocal(d, -((wd + 6) % 7));
}

/** Kapacitet: the region's slots in a week view per provider; publish slots or a series, withdraw a free slot. */
export default function CapacityScreen() {
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const [region, setRegion] = useState<number | null>(user.regionCode ?? 1084);
  const providers = useQuery(ProvidersDocument, { variables: { filter: { regionCode: region } } });
  const list = (providers.data?.providers ?? []).filter((p) => p.active && p.kind !== 'FOREIGN');
  const providerId = params.get('udbyder') ?? list[0]?.id ?? null;
  const provider = list.find((p) => p.id === providerId) ?? null;
  const week = mondayOf(params.get('uge') ?? todayLocal());
  const setParam = (k: string, v: string) => {
    const n = new URLSearchParams(params);
    n.set(k, v);
    setParams(n, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Kapacitet"
        sub="Regionens ledige tider, som andre regioner kan tilbyde deres patienter. Tider er dansk tid."
      />
      <Group mb="md" align="flex-end">
        {user.regionCode ? null : (
          <Select
            label="Region"
            w={220}
            value={region ? String(region) : null}
            allowDeselect={false}
            data={Object.entries(regionNames).map(([value, label]) => ({ value, label }))}
            onChange={(v) => setRegion(Number(v))}
          />
        )}
        <Select
          label="Udbyder"
          w={360}
          value={providerId}
          allowDeselect={false}
          searchable
          data={list.map((p) => ({ value: p.id, label: `${p.name} (${providerKindLabel[p.kind]})` }))}
          onChange={(v) => v && setParam('udbyder', v)}
          nothingFoundMessage="Ingen udbydere"
        />
      </Group>
      <ErrorAlert error={providers.error} title="Udbyderne kunne ikke hentes" />
      {providers.loading && !providers.data ? <Loading label="Henter udbydere…" /> : null}
      {providers.data && list.length === 0 ? <Empty>Regionen har ingen udbydere.</Empty> : null}
      {provider ? (
        <>
          <Week provider={provider} week={week} onWeek={(w) => setParam('uge', w)} />
          <Tabs defaultValue="series" mt="lg" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="series">Udbyd serie</Tabs.Tab>
              <Tabs.Tab value="slots">Udbyd enkelte tider</Tabs.Tab>
              <Tabs.Tab value="import">Indlæs fil</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="series" pt="md">
              <SeriesForm provider={provider} />
            </Tabs.Panel>
            <Tabs.Panel value="slots" pt="md">
              <SlotsForm provider={provider} />
            </Tabs.Panel>
            <Tabs.Panel value="import" pt="md">
              <ImportPanel />
            </Tabs.Panel>
          </Tabs>
        </>
      ) : null}
    </>
  );
}

function Week({ provider, week, onWeek }: { provider: Provider; week: string; onWeek: (w: string) => void }) {
  const from = copenhagenInstant(week, '00:00');
  const to = copenhagenInstant(addDaysLocal(week, 7), '00:00');
  const base = { providerId: provider.id, from, to };
  const { data, previousData, loading, error } = useQuery(CapacityWeekDocument, {
    variables: {
      free: { ...base, status: 'FREE' },
      held: { ...base, status: 'HELD' },
      booked: { ...base, status: 'BOOKED' },
    },
    fetchPolicy: 'cache-and-network',
  });
  const [withdraw] = useMutation(WithdrawSlotDocument, { refetchQueries: ['CapacityWeek'] });
  const view = data ?? previousData;
  const byDay = useMemo(() => {
    const m = new Map<string, SlotCell[]>();
    for (const s of [...(view?.free.nodes ?? []), ...(view?.held.nodes ?? []), ...(view?.booked.nodes ?? [])]) {
      const d = copenhagenDate(s.starts);
      m.set(d, [...(m.get(d) ?? []), s]);
    }
    for (const l of m.values()) l.sort((a, b) => a.starts.localeCompare(b.starts));
    return m;
  }, [view]);
  const truncated =
    view && (view.free.pageInfo.hasNextPage || view.held.pageInfo.hasNextPage || view.booked.pageInfo.hasNextPage);
  const total = view ? view.free.nodes.length + view.held.nodes.length + view.booked.nodes.length : 0;
  const doWithdraw = async (s: SlotCell) => {
    try {
      await withdraw({ variables: { id: s.id } });
      notifySuccess(`Tiden ${formatDate(copenhagenDate(s.starts))} kl. ${formatTime(s.starts)} er trukket tilbage.`);
    } catch (err) {
      notifyError(err);
    }
  };
  return (
    <Card withBorder>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Uge med start {formatDate(week)}
        </Title>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => onWeek(addDaysLocal(week, -7))}>
            Forrige uge
          </Button>
          <Button variant="default" size="xs" onClick={() => onWeek(mondayOf(todayLocal()))}>
            Denne uge
          </Button>
          <Button variant="default" size="xs" onClick={() => onWeek(addDaysLocal(week, 7))}>
            Næste uge
          </Button>
        </Group>
      </Group>
      <ErrorAlert error={error} title="Tiderne kunne ikke hentes" />
      {!view && loading ? <Loading label="Henter tider…" /> : null}
      {view ? (
        <>
          <Text size="sm" mb="xs" role="status">
            {total === 0 ? 'Ingen tider i ugen.' : `${formatInt(total)} tider i ugen`}
            {truncated ? ' (viser de første 200 pr. status)' : ''}
          </Text>
          <div style={{ overflowX: 'auto' }}>
            <div className="week-grid" data-testid="week">
              {Array.from({ length: 7 }, (_, i) => addDaysLocal(week, i)).map((d) => (
                <section key={d} className="week-day" aria-label={formatWeekday(d)}>
                  <Text size="sm" fw={700} mb={4}>
                    {formatWeekday(d)}
                  </Text>
                  <Stack gap={4}>
                    {(byDay.get(d) ?? []).map((s) => (
                      <Paper key={s.id} withBorder p={4} data-slot-id={s.id} data-status={s.status}>
                        <Text size="xs" fw={600}>
                          {formatTime(s.starts)} · {formatInt(s.durationMinutes)} min.
                        </Text>
                        <Text size="xs">
                          {cancerAreaLabel[s.cancerArea]}, {modalityLabel[s.modality].toLowerCase()}
                        </Text>
                        <Group gap={4} justify="space-between" mt={2}>
                          <Badge
                            size="xs"
                            color={s.status === 'FREE' ? '#1b6e2a' : s.status === 'HELD' ? '#8a3c00' : 'dark'}
                            variant="filled"
                          >
                            {slotStatusLabel[s.status]}
                          </Badge>
                          <Button
                            size="compact-xs"
                            variant="default"
                            onClick={() => void doWithdraw(s)}
                            aria-label={`Træk tiden ${formatWeekday(d)} kl. ${formatTime(s.starts)} tilbage`}
                          >
                            Træk tilbage
                          </Button>
                        </Group>
                      </Paper>
                    ))}
                  </Stack>
                </section>
              ))}
            </div>
          </div>
        </>
      ) : null}
    </Card>
  );
}

function useAreaModality(provider: Provider) {
  const [area, setArea] = useState<CancerArea | null>(provider.cancerAreas[0] ?? null);
  const [modality, setModality] = useState<Modality | null>(provider.modalities[0] ?? null);
  useEffect(() => {
    setArea(provider.cancerAreas[0] ?? null);
    setModality(provider.modalities[0] ?? null);
  }, [provider]);
  const fields = (
    <>
      <Select
        label="Kræftområde"
        value={area}
        allowDeselect={false}
        data={provider.cancerAreas.map((a) => ({ value: a, label: cancerAreaLabel[a] }))}
        onChange={(v) => setArea(v as CancerArea)}
      />
      <Select
        label="Behandling"
        value={modality}
        allowDeselect={false}
        data={provider.modalities.map((m) => ({ value: m, label: modalityLabel[m] }))}
        onChange={(v) => setModality(v as Modality)}
      />
    </>
  );
  return { area, modality, fields };
}

const WEEKDAYS = ['Man', 'Tir', 'Ons', 'Tor', 'Fre', 'Lør', 'Søn'];

function SeriesForm({ provider }: { provider: Provider }) {
  const { area, modality, fields } = useAreaModality(provider);
  const [fromDate, setFromDate] = useState<string | null>(addDaysLocal(todayLocal(), 1));
  const [toDate, setToDate] = useState<string | null>(addDaysLocal(todayLocal(), 28));
  const [weekdays, setWeekdays] = useState<string[]>(['1', '3']);
  const [startTime, setStartTime] = useState('08:00');
  const [duration, setDuration] = useState<number | string>(60);
  const [count, setCount] = useState<number | string>(1);
  const [error, setError] = useState<ApiError | null>(null);
  const [publish, { loading }] = useMutation(PublishSeriesDocument, { refetchQueries: ['CapacityWeek'] });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const { data } = await publish({
        variables: {
          input: {
            providerId: provider.id,
            cancerArea: area!,
            modality: modality!,
            fromDate: fromDate ?? '',
            toDate: toDate ?? '',
            weekdays: weekdays.map(Number).sort(),
            startTime: startTime.trim(),
            durationMinutes: Number(duration),
            countPerOccurrence: Number(count),
          },
        },
      });
      const s = data!.publishSlotSeries;
      notifySuccess(
        `Serien er udbudt: ${formatInt(s.slotCount)} tider fra ${formatDate(s.fromDate)} til ${formatDate(s.toDate)}.`,
      );
    } catch (err) {
      setError(apiErrorOf(err));
    }
  };
  const fe = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <form onSubmit={submit} noValidate aria-label="Udbyd serie">
      <Stack maw={820}>
        <ApiErrorAlert error={error} title="Serien blev ikke udbudt" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields}
          <DateField label="Fra dato" value={fromDate} onChange={setFromDate} error={fe('fromDate')} />
          <DateField label="Til dato (inkl.)" value={toDate} onChange={setToDate} error={fe('toDate')} />
          <TextInput
            label="Starttidspunkt (TT:MM, dansk tid)"
            value={startTime}
            onChange={(e) => setStartTime(e.currentTarget.value)}
            error={fe('startTime')}
          />
          <NumberInput
            label="Varighed (minutter)"
            value={duration}
            onChange={setDuration}
            min={5}
            max={1440}
            error={fe('durationMinutes')}
          />
          <NumberInput
            label="Parallelle tider pr. gang"
            value={count}
            onChange={setCount}
            min={1}
            max={20}
            error={fe('countPerOccurrence')}
          />
        </SimpleGrid>
        <Checkbox.Group label="Ugedage" value={weekdays} onChange={setWeekdays} error={fe('weekdays')}>
          <Group mt="xs">
            {WEEKDAYS.map((w, i) => (
              <Checkbox key={w} value={String(i + 1)} label={w} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={loading}>
            Udbyd serie
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SlotsForm({ provider }: { provider: Provider }) {
  const { area, modality, fields } = useAreaModality(provider);
  const [date, setDate] = useState<string | null>(addDaysLocal(todayLocal(), 1));
  const [times, setTimes] = useState('09:00');
  const [duration, setDuration] = useState<number | string>(60);
  const [error, setError] = useState<ApiError | null>(null);
  const [publish, { loading }] = useMutation(PublishSlotsDocument, { refetchQueries: ['CapacityWeek'] });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const list = times.split(/[,\s]+/).filter(Boolean);
    if (!date || list.length === 0 || list.some((t) => !/^\d{1,2}[:.]\d{2}$/.test(t))) {
      return setError({
        code: 'BAD_USER_INPUT',
        field: 'starts',
        message: 'Angiv en dato og et eller flere klokkeslæt som TT:MM, adskilt af komma.',
      });
    }
    try {
      const { data } = await publish({
        variables: {
          input: {
            providerId: provider.id,
            cancerArea: area!,
            modality: modality!,
            durationMinutes: Number(duration),
            starts: list.map((t) => copenhagenInstant(date, t.replace('.', ':').padStart(5, '0'))),
          },
        },
      });
      notifySuccess(`${formatInt(data!.publishSlots.length)} tider er udbudt ${formatDate(date)}.`);
    } catch (err) {
      setError(apiErrorOf(err));
    }
  };
  const fe = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <form onSubmit={submit} noValidate aria-label="Udbyd enkelte tider">
      <Stack maw={820}>
        <ApiErrorAlert error={error} title="Tiderne blev ikke udbudt" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {fields}
          <DateField label="Dato" value={date} onChange={setDate} />
          <TextInput
            label="Klokkeslæt (TT:MM, adskilt af komma)"
            value={times}
            onChange={(e) => setTimes(e.currentTarget.value)}
            error={fe('starts')}
          />
          <NumberInput
            label="Varighed (minutter)"
            value={duration}
            onChange={setDuration}
            min={5}
            max={1440}
            error={fe('durationMinutes')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={loading}>
            Udbyd tider
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
