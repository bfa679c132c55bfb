import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useUser } from '../auth';
import { apiErrorOf, type ApiError } from '../errors';
import { DateField } from '../fields';
import { cancerAreaLabel, formatDate, modalityLabel, options, phaseLabel, todayLocal } from '../format';
import { graphql } from '../gql';
import type { CancerArea, Modality, PathwayPhase } from '../gql/schema';
import { ApiErrorAlert, notifySuccess, PageHeader } from '../ui';

const MunicipalitiesDocument = graphql(`
  query Municipalities($regionCode: Int) {
    municipalities(regionCode: $regionCode) {
      code
      name
    }
  }
`);

const RegisterPathwayDocument = graphql(`
  mutation RegisterPathway($input: RegisterPathwayInput!) {
    registerPathway(input: $input) {
      id
      reference
      deadline
      status
    }
  }
`);

export default function RegisterPathwayScreen() {
  const user = useUser();
  const navigate = useNavigate();
  const munis = useQuery(MunicipalitiesDocument, { variables: { regionCode: user.regionCode ?? null } });
  const [register, { loading }] = useMutation(RegisterPathwayDocument, { refetchQueries: ['Worklist'] });
  const [form, setForm] = useState({
    reference: '',
    cancerArea: null as CancerArea | null,
    phase: null as PathwayPhase | null,
    modality: null as Modality | null,
    homeMunicipalityCode: null as string | null,
    clockStart: todayLocal() as string | null,
    expectedDate: null as string | null,
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const fieldError = (name: string) =>
    missing[name] ? 'Skal udfyldes' : error?.field === name ? error.message : undefined;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const required = ['reference', 'cancerArea', 'phase', 'modality', 'homeMunicipalityCode', 'clockStart'] as const;
    const miss = Object.fromEntries(required.filter((k) => !form[k]).map((k) => [k, true]));
    setMissing(miss);
    if (Object.keys(miss).length) return;
    try {
      const { data } = await register({
        variables: {
          input: {
            reference: form.reference.trim(),
            cancerArea: form.cancerArea!,
            phase: form.phase!,
            modality: form.modality!,
            homeMunicipalityCode: Number(form.homeMunicipalityCode),
            clockStart: form.clockStart!,
            expectedDate: form.expectedDate || null,
          },
        },
      });
      if (!data) return;
      notifySuccess(
        `Forløb ${data.registerPathway.reference} er registreret. Frist: ${formatDate(data.registerPathway.deadline)}.`,
      );
      navigate(`/forloeb/${data.registerPathway.id}`);
    } catch (err) {
      setError(apiErrorOf(err));
    }
  };

  const muniOptions = (munis.data?.municipalities ?? [])
    .map((m) => ({ value: String(m.code), label: m.name }))
    .sort((a, b) => a.label.localeCompare(b.label, 'da'));

  return (
    <>
      <PageHeader
        title="Registrér forløb"
        sub="Kun regionens eget pseudonyme forløbsnummer – aldrig CPR-nummer eller navn."
      />
      <Paper withBorder p="md" maw={820}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <ApiErrorAlert error={error} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Forløbsnummer"
                description="Regionens pseudonyme sagsnummer"
                required
                value={form.reference}
                error={fieldError('reference')}
                onChange={(e) => set('reference', e.currentTarget.value)}
              />
              <Select
                label="Bopælskommune"
                required
                searchable
                data={muniOptions}
                value={form.homeMunicipalityCode}
                error={fieldError('homeMunicipalityCode')}
                onChange={(v) => set('homeMunicipalityCode', v)}
                nothingFoundMessage="Ingen kommune med det navn"
              />
              <Select
                label="Kræftområde"
                required
                data={options(cancerAreaLabel)}
                value={form.cancerArea}
                error={fieldError('cancerArea')}
                onChange={(v) => set('cancerArea', v as CancerArea | null)}
              />
              <Select
                label="Fase"
                required
                data={options(phaseLabel)}
                value={form.phase}
                error={fieldError('phase')}
                onChange={(v) => set('phase', v as PathwayPhase | null)}
              />
              <Select
                label="Behandling"
                required
                data={options(modalityLabel)}
                value={form.modality}
                error={fieldError('modality')}
                onChange={(v) => set('modality', v as Modality | null)}
              />
              <DateField
                label="Henvisning modtaget (fristens start)"
                required
                value={form.clockStart}
                error={fieldError('clockStart')}
                onChange={(v) => set('clockStart', v)}
              />
              <DateField
                label="Forventet dato i egen region"
                clearable
                value={form.expectedDate}
                error={fieldError('expectedDate')}
                onChange={(v) => set('expectedDate', v)}
              />
            </SimpleGrid>
            <Group>
              <Button type="submit" loading={loading}>
                Registrér forløb
              </Button>
              <Button variant="default" component={Link} to="/">
                Annullér
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
