import { useMutation, useQuery } from '@apollo/client/react';
import {
  Badge,
  Button,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useUser } from '../../auth';
import {
  addDaysLocal,
  cancerAreaLabel,
  formatDate,
  formatNumber,
  modalityLabel,
  options,
  providerKindLabel,
  regionLabel,
  regionNames,
  todayLocal,
} from '../../format';
import { graphql } from '../../gql';
import type { CatalogueQuery } from '../../gql/graphql';
import type { CancerArea, Modality, ProviderKind } from '../../gql/schema';
import { apiErrorOf } from '../../errors';
import { Empty, ErrorAlert, Loading, notifySuccess, PageHeader } from '../../ui';
import { daysBetween } from '../meeting/labels';
import { DateField } from '../meeting/DateField';

const CatalogueDocument = graphql(`
  query Catalogue {
    providers {
      id
      name
      kind
      regionCode
      country
      lat
      lon
      cancerAreas
      modalities
      key
      agreements {
        id
        providerId
        validFrom
        validTo
        cancerAreas
        modalities
        pricePerCourseDkk
        notes
      }
    }
  }
`);

const CreateProviderDocument = graphql(`
  mutation CreateProvider($input: CreateProviderInput!) {
    createProvider(input: $input) {
      id
      name
    }
  }
`);
const UpdateProviderDocument = graphql(`
  mutation UpdateProvider($input: UpdateProviderInput!) {
    updateProvider(input: $input) {
      id
      name
      lat
      lon
      cancerAreas
      modalities
    }
  }
`);
const CreateAgreementDocument = graphql(`
  mutation CreateAgreement($input: CreateAgreementInput!) {
    createAgreement(input: $input) {
      id
    }
  }
`);
const UpdateAgreementDocument = graphql(`
  mutation UpdateAgreement($input: UpdateAgreementInput!) {
    updateAgreement(input: $input) {
      id
      validFrom
      validTo
      cancerAreas
      modalities
      pricePerCourseDkk
      notes
    }
  }
`);

type Provider = CatalogueQuery['providers'][number];
type Agreement = Provider['agreements'][number];

const EXPIRY_WINDOW = 90;

/** Udbydere og aftaler: providers and the private/foreign agreements; agreements ending within 90 days stand out. */
export default function ProvidersScreen() {
  const user = useUser();
  const canEdit = user.role === 'SECRETARIAT';
  const { data, loading, error, refetch } = useQuery(CatalogueDocument);
  const [kind, setKind] = useState<string | null>(null);
  const [editProvider, setEditProvider] = useState<Provider | 'new' | null>(null);
  const [editAgreement, setEditAgreement] = useState<{ agreement?: Agreement; provider?: Provider } | null>(null);
  const today = todayLocal();
  const soon = addDaysLocal(today, EXPIRY_WINDOW);
  const providers = (data?.providers ?? []).filter((p) => !kind || p.kind === kind);
  const agreements = (data?.providers ?? [])
    .flatMap((p) => p.agreements.map((a) => ({ ...a, provider: p })))
    .sort((a, b) => a.validTo.localeCompare(b.validTo));
  const expiring = agreements.filter((a) => a.validTo >= today && a.validTo <= soon);

  return (
    <>
      <PageHeader
        title="Udbydere og aftaler"
        sub="Offentlige sygehuse, privathospitaler og udenlandske udbydere med aftaler om kræftbehandling"
      >
        {canEdit ? <Button onClick={() => setEditProvider('new')}>Opret udbyder</Button> : null}
        {canEdit ? (
          <Button variant="default" onClick={() => setEditAgreement({})}>
            Opret aftale
          </Button>
        ) : null}
      </PageHeader>
      <ErrorAlert error={error} title="Kataloget kunne ikke hentes" />
      {!data && loading ? <Loading label="Henter udbydere…" /> : null}
      {data ? (
        <Tabs defaultValue="aftaler" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="aftaler">Aftaler{expiring.length ? ` (${expiring.length} udløber snart)` : ''}</Tabs.Tab>
            <Tabs.Tab value="udbydere">Udbydere ({data.providers.length})</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="aftaler">
            {agreements.length === 0 ? (
              <Empty>Der er ingen aftaler.</Empty>
            ) : (
              <Table.ScrollContainer minWidth={1000}>
                <Table withTableBorder data-testid="agreements">
                  <Table.Caption>
                    Aftaler, der udløber inden for {EXPIRY_WINDOW} dage (til og med {formatDate(soon)}), er markeret.
                  </Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Udbyder</Table.Th>
                      <Table.Th>Type</Table.Th>
                      <Table.Th>Gyldig</Table.Th>
                      <Table.Th>Kræftområder</Table.Th>
                      <Table.Th>Behandlinger</Table.Th>
                      <Table.Th className="num">Pris pr. forløb</Table.Th>
                      <Table.Th>Status</Table.Th>
                      {canEdit ? <Table.Th>Handling</Table.Th> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {agreements.map((a) => {
                      const expired = a.validTo < today;
                      const ending = !expired && a.validTo <= soon;
                      return (
                        <Table.Tr
                          key={a.id}
                          data-agreement={a.id}
                          data-expiring={ending || undefined}
                          className={ending ? 'expiring' : undefined}
                          bg={ending ? 'orange.0' : undefined}
                        >
                          <Table.Td fw={600}>{a.provider.name}</Table.Td>
                          <Table.Td>{providerKindLabel[a.provider.kind]}</Table.Td>
                          <Table.Td className="nowrap">
                            {formatDate(a.validFrom)} – {formatDate(a.validTo)}
                          </Table.Td>
                          <Table.Td>{a.cancerAreas.map((x) => cancerAreaLabel[x]).join(', ')}</Table.Td>
                          <Table.Td>{a.modalities.map((x) => modalityLabel[x]).join(', ')}</Table.Td>
                          <Table.Td className="num">
                            {a.pricePerCourseDkk === null || a.pricePerCourseDkk === undefined
                              ? '–'
                              : `${formatNumber(a.pricePerCourseDkk)} kr.`}
                          </Table.Td>
                          <Table.Td className="nowrap">
                            {expired ? (
                              <Badge color="gray.8" variant="filled">
                                Udløbet
                              </Badge>
                            ) : ending ? (
                              <Badge color="#9a3412" variant="filled">
                                Udløber om {daysBetween(today, a.validTo)} dage
                              </Badge>
                            ) : a.validFrom > today ? (
                              <Badge color="blue.9" variant="light">
                                Fremtidig
                              </Badge>
                            ) : (
                              <Badge color="#1b5e20" variant="light">
                                Gyldig
                              </Badge>
                            )}
                          </Table.Td>
                          {canEdit ? (
                            <Table.Td>
                              <Button
                                size="compact-sm"
                                variant="default"
                                onClick={() => setEditAgreement({ agreement: a, provider: a.provider })}
                                aria-label={`Redigér aftale med ${a.provider.name}`}
                              >
                                Redigér
                              </Button>
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Tabs.Panel>
          <Tabs.Panel value="udbydere">
            <Select
              label="Type"
              placeholder="Alle typer"
              clearable
              w={220}
              mb="sm"
              value={kind}
              data={options(providerKindLabel)}
              onChange={setKind}
            />
            <Table.ScrollContainer minWidth={1000}>
              <Table striped withTableBorder data-testid="providers">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Navn</Table.Th>
                    <Table.Th>Type</Table.Th>
                    <Table.Th>Region / land</Table.Th>
                    <Table.Th>Kræftområder</Table.Th>
                    <Table.Th>Behandlinger</Table.Th>
                    <Table.Th className="num">Aftaler</Table.Th>
                    {canEdit ? <Table.Th>Handling</Table.Th> : null}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {providers.map((p) => (
                    <Table.Tr key={p.id} data-provider={p.name}>
                      <Table.Td fw={600}>{p.name}</Table.Td>
                      <Table.Td>{providerKindLabel[p.kind]}</Table.Td>
                      <Table.Td>{p.regionCode ? regionLabel(p.regionCode) : p.country}</Table.Td>
                      <Table.Td>{p.cancerAreas.map((x) => cancerAreaLabel[x]).join(', ')}</Table.Td>
                      <Table.Td>{p.modalities.map((x) => modalityLabel[x]).join(', ')}</Table.Td>
                      <Table.Td className="num">{p.kind === 'PUBLIC' ? '–' : p.agreements.length}</Table.Td>
                      {canEdit ? (
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Button
                              size="compact-sm"
                              variant="default"
                              onClick={() => setEditProvider(p)}
                              aria-label={`Redigér ${p.name}`}
                            >
                              Redigér
                            </Button>
                            {p.kind !== 'PUBLIC' ? (
                              <Button
                                size="compact-sm"
                                variant="light"
                                onClick={() => setEditAgreement({ provider: p })}
                                aria-label={`Ny aftale med ${p.name}`}
                              >
                                Ny aftale
                              </Button>
                            ) : null}
                          </Group>
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Tabs.Panel>
        </Tabs>
      ) : null}
      {editProvider ? (
        <ProviderForm
          provider={editProvider === 'new' ? undefined : editProvider}
          onClose={() => setEditProvider(null)}
          onSaved={() => void refetch()}
        />
      ) : null}
      {editAgreement && data ? (
        <AgreementForm
          agreement={editAgreement.agreement}
          provider={editAgreement.provider}
          providers={data.providers.filter((p) => p.kind !== 'PUBLIC')}
          onClose={() => setEditAgreement(null)}
          onSaved={() => void refetch()}
        />
      ) : null}
    </>
  );
}

const FIELD_MESSAGES: Record<string, string> = {
  name: 'Navnet skal være 2–200 tegn.',
  country: 'Angiv landet som en ISO-kode med to bogstaver, fx DE. Danske udbydere har DK, udenlandske et andet land.',
  regionCode: 'Vælg regionen for en dansk udbyder.',
  lat: 'Breddegraden er ugyldig.',
  lon: 'Længdegraden er ugyldig.',
  cancerAreas:
    'Kræftområderne passer ikke: vælg mindst ét, kun områder udbyderen tilbyder, og fjern ikke et område, som en aftale dækker.',
  modalities:
    'Behandlingerne passer ikke: vælg mindst én, kun behandlinger udbyderen tilbyder, og fjern ikke en, som en aftale dækker.',
  validFrom: 'Startdatoen er ugyldig.',
  validTo: 'Slutdatoen skal ligge på eller efter startdatoen.',
  providerId: 'Vælg et privathospital eller en udenlandsk udbyder.',
  pricePerCourseDkk: 'Prisen skal være mellem 0 og 100.000.000 kr.',
  key: 'Nøglen findes allerede.',
};

function useFieldErrors() {
  const [err, setErr] = useState<{ field?: string; message: string; detail?: string } | null>(null);
  return {
    err,
    clear: () => setErr(null),
    fail: (e: unknown) => {
      const a = apiErrorOf(e);
      setErr({
        field: a.field,
        message: (a.code === 'BAD_USER_INPUT' && a.field && FIELD_MESSAGES[a.field]) || a.message,
        detail: a.detail,
      });
    },
    at: (field: string) => (err?.field === field ? err.message : undefined),
  };
}

/**
 * The dialog both catalogue forms use: the fields, an API error that belongs to none of `fields` (shown above the
 * buttons), Annullér and the submit button.
 */
function FormDialog({
  title,
  fields,
  errors,
  saving,
  submitLabel,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  fields: string[];
  errors: ReturnType<typeof useFieldErrors>;
  saving: boolean;
  submitLabel: string;
  onSubmit: () => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { err } = errors;
  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Luk' }} title={title} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <Stack>
          {children}
          {err && !fields.includes(err.field ?? '') ? (
            <Text c="red.9" size="sm" role="alert">
              {err.message}
            </Text>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Annullér
            </Button>
            <Button type="submit" loading={saving}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function ProviderForm({
  provider,
  onClose,
  onSaved,
}: {
  provider?: Provider;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [name, setName] = useState(provider?.name ?? '');
  const [kind, setKind] = useState<ProviderKind>(provider?.kind ?? 'PRIVATE');
  const [regionCode, setRegionCode] = useState<string | null>(
    provider?.regionCode ? String(provider.regionCode) : null,
  );
  const [country, setCountry] = useState(provider?.country ?? 'DK');
  const [lat, setLat] = useState<number | string>(provider?.lat ?? '');
  const [lon, setLon] = useState<number | string>(provider?.lon ?? '');
  const [areas, setAreas] = useState<string[]>(provider?.cancerAreas ?? []);
  const [mods, setMods] = useState<string[]>(provider?.modalities ?? []);
  const [create, c] = useMutation(CreateProviderDocument);
  const [update, u] = useMutation(UpdateProviderDocument);
  const f = useFieldErrors();
  const save = async () => {
    f.clear();
    try {
      const common = {
        name: name.trim(),
        lat: Number(lat),
        lon: Number(lon),
        cancerAreas: areas as CancerArea[],
        modalities: mods as Modality[],
      };
      if (provider) await update({ variables: { input: { id: provider.id, ...common } } });
      else
        await create({
          variables: {
            input: {
              ...common,
              kind,
              country: country.trim().toUpperCase(),
              regionCode: kind === 'FOREIGN' ? null : Number(regionCode) || null,
            },
          },
        });
      notifySuccess(provider ? `${name} er opdateret.` : `${name} er oprettet.`);
      onSaved();
      onClose();
    } catch (e) {
      f.fail(e);
    }
  };
  return (
    <FormDialog
      title={provider ? `Redigér ${provider.name}` : 'Opret udbyder'}
      fields={['name', 'country', 'regionCode', 'lat', 'lon', 'cancerAreas', 'modalities']}
      errors={f}
      saving={c.loading || u.loading}
      submitLabel={provider ? 'Gem ændringer' : 'Opret udbyder'}
      onSubmit={save}
      onClose={onClose}
    >
      <TextInput
        label="Navn"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={f.at('name')}
        data-autofocus
      />
      <Group grow>
        <Select
          label="Type"
          required
          value={kind}
          disabled={!!provider}
          allowDeselect={false}
          data={options(providerKindLabel)}
          onChange={(v) => {
            if (v) {
              setKind(v as ProviderKind);
              setCountry(v === 'FOREIGN' ? '' : 'DK');
            }
          }}
        />
        {kind === 'FOREIGN' ? (
          <TextInput
            label="Land (ISO-kode, fx DE)"
            required
            value={country}
            disabled={!!provider}
            maxLength={2}
            onChange={(e) => setCountry(e.currentTarget.value)}
            error={f.at('country')}
          />
        ) : (
          <Select
            label="Region"
            required
            value={regionCode}
            disabled={!!provider}
            error={f.at('regionCode')}
            data={Object.entries(regionNames).map(([value, label]) => ({ value, label }))}
            onChange={setRegionCode}
          />
        )}
      </Group>
      <Group grow>
        <NumberInput label="Breddegrad" required decimalScale={5} value={lat} onChange={setLat} error={f.at('lat')} />
        <NumberInput label="Længdegrad" required decimalScale={5} value={lon} onChange={setLon} error={f.at('lon')} />
      </Group>
      <MultiSelect
        label="Kræftområder"
        required
        data={options(cancerAreaLabel)}
        value={areas}
        onChange={setAreas}
        error={f.at('cancerAreas')}
      />
      <MultiSelect
        label="Behandlinger"
        required
        data={options(modalityLabel)}
        value={mods}
        onChange={setMods}
        error={f.at('modalities')}
      />
    </FormDialog>
  );
}

function AgreementForm({
  agreement,
  provider,
  providers,
  onClose,
  onSaved,
}: {
  agreement?: Agreement;
  provider?: Provider;
  providers: Provider[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [providerId, setProviderId] = useState<string | null>(provider?.id ?? null);
  const [validFrom, setValidFrom] = useState(agreement?.validFrom ?? todayLocal());
  const [validTo, setValidTo] = useState(agreement?.validTo ?? addDaysLocal(todayLocal(), 365));
  const [areas, setAreas] = useState<string[]>(agreement?.cancerAreas ?? []);
  const [mods, setMods] = useState<string[]>(agreement?.modalities ?? []);
  const [price, setPrice] = useState<number | string>(agreement?.pricePerCourseDkk ?? '');
  const [notes, setNotes] = useState(agreement?.notes ?? '');
  const [create, c] = useMutation(CreateAgreementDocument);
  const [update, u] = useMutation(UpdateAgreementDocument);
  const f = useFieldErrors();
  const chosen = providers.find((p) => p.id === providerId);
  const save = async () => {
    f.clear();
    try {
      const common = {
        validFrom,
        validTo,
        cancerAreas: areas as CancerArea[],
        modalities: mods as Modality[],
        pricePerCourseDkk: price === '' ? null : Number(price),
        notes,
      };
      if (agreement) await update({ variables: { input: { id: agreement.id, ...common } } });
      else await create({ variables: { input: { providerId: providerId ?? '', ...common } } });
      notifySuccess(agreement ? 'Aftalen er opdateret.' : 'Aftalen er oprettet.');
      onSaved();
      onClose();
    } catch (e) {
      f.fail(e);
    }
  };
  return (
    <FormDialog
      title={agreement ? `Redigér aftale med ${provider?.name ?? ''}` : 'Opret aftale'}
      fields={['providerId', 'validFrom', 'validTo', 'cancerAreas', 'modalities', 'pricePerCourseDkk', 'notes']}
      errors={f}
      saving={c.loading || u.loading}
      submitLabel={agreement ? 'Gem ændringer' : 'Opret aftale'}
      onSubmit={save}
      onClose={onClose}
    >
      <Select
        label="Udbyder"
        required
        searchable
        disabled={!!agreement}
        value={providerId}
        onChange={setProviderId}
        error={f.at('providerId')}
        data={providers.map((p) => ({ value: p.id, label: `${p.name} (${providerKindLabel[p.kind]})` }))}
      />
      <Group grow>
        <DateField
          label="Gyldig fra"
          required
          value={validFrom}
          onChange={(v) => v && setValidFrom(v)}
          error={f.at('validFrom')}
        />
        <DateField
          label="Gyldig til"
          required
          value={validTo}
          onChange={(v) => v && setValidTo(v)}
          error={f.at('validTo')}
        />
      </Group>
      <MultiSelect
        label="Kræftområder"
        required
        value={areas}
        onChange={setAreas}
        error={f.at('cancerAreas')}
        data={options(cancerAreaLabel).filter((o) => !chosen || chosen.cancerAreas.includes(o.value))}
      />
      <MultiSelect
        label="Behandlinger"
        required
        value={mods}
        onChange={setMods}
        error={f.at('modalities')}
        data={options(modalityLabel).filter((o) => !chosen || chosen.modalities.includes(o.value))}
      />
      <NumberInput
        label="Pris pr. forløb (kr.)"
        min={0}
        thousandSeparator="."
        decimalSeparator=","
        value={price}
        onChange={setPrice}
        error={f.at('pricePerCourseDkk')}
      />
      <Textarea
        label="Noter"
        autosize
        minRows={2}
        value={notes}
        onChange={(e) => setNotes(e.currentTarget.value)}
        error={f.at('notes')}
      />
    </FormDialog>
  );
}
