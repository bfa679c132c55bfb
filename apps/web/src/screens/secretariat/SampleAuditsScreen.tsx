import { useMutation, useQuery } from '@apollo/client/react';
import {
  Anchor,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { apiErrorOf, type ApiError } from '../../errors';
import { DateField } from '../../fields';
import { auditCriterionHelp, auditCriterionLabel, cancerAreaLabel, formatDate, formatInt, options } from '../../format';
import { graphql } from '../../gql';
import type { AuditCriterion, CancerArea } from '../../gql/schema';
import { LoadMore, useLoadMore } from '../../paging';
import { ApiErrorAlert, Empty, ErrorAlert, Loading, notifySuccess, PageHeader } from '../../ui';
import { auditPeriod, AuditStatusBadge } from './sample-audit-parts';

const SampleAuditsDocument = graphql(`
  query SampleAudits($after: String) {
    sampleAudits(after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...SampleAuditSummary
        findings {
          met
          notMet
          unclear
          notAssessed
        }
      }
    }
  }
`);

const StartSampleAuditDocument = graphql(`
  mutation StartSampleAudit($input: StartSampleAuditInput!) {
    startSampleAudit(input: $input) {
      id
      population
      seed
      findings {
        notAssessed
      }
    }
  }
`);

/** Help texts under the inputs, so the inputs of a row line up whatever the help texts' length. */
const BELOW: ('label' | 'input' | 'description' | 'error')[] = ['label', 'input', 'error', 'description'];
/** Whole numbers, range checked by the API (so its message, not a silent clamp, says what is allowed). */
const WHOLE = { allowDecimal: false, allowNegative: false, clampBehavior: 'none', inputWrapperOrder: BELOW } as const;

/** The API's largest seed (a PostgreSQL int). */
const MAX_SEED = 2147483647;
const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0] % (MAX_SEED + 1);

/** Stikprøver: the secretariat's sample audits, newest first, and the form that draws a new one. */
export default function SampleAuditsScreen() {
  const { data, loading, error, fetchMore } = useQuery(SampleAuditsDocument);
  const page = data?.sampleAudits;
  const audits = page?.nodes;
  const more = useLoadMore(page, (after) => fetchMore({ variables: { after } }));
  return (
    <>
      <PageHeader
        title="Stikprøver"
        sub="Tilfældigt udtrukne forløb pr. region i et kræftområde og en periode, hvor sekretariatet vurderer, om regionen opfyldte sin handlepligt"
      />
      <StartForm />
      <section aria-labelledby="audits-h">
        <Title order={2} size="h4" id="audits-h" mb="sm">
          Stikprøver
        </Title>
        <ErrorAlert error={error} title="Stikprøverne kunne ikke hentes" />
        {!audits && loading ? <Loading label="Henter stikprøver…" /> : null}
        {audits && audits.length === 0 ? <Empty>Der er endnu ingen stikprøver.</Empty> : null}
        {audits && audits.length > 0 ? (
          <Table.ScrollContainer minWidth={960}>
            <Table striped withTableBorder data-testid="sample-audits">
              <Table.Caption>Nyeste først. Vurderingerne er optalt pr. udtrukket forløb.</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th miw={220}>Stikprøve</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Område og kriterium</Table.Th>
                  <Table.Th>Periode</Table.Th>
                  <Table.Th ta="right">Startværdi</Table.Th>
                  <Table.Th ta="right">Udtrukket</Table.Th>
                  <Table.Th ta="right">Opfyldt</Table.Th>
                  <Table.Th ta="right">Ikke opfyldt</Table.Th>
                  <Table.Th ta="right">Uafklaret</Table.Th>
                  <Table.Th ta="right">Ikke vurderet</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audits.map((a) => {
                  const f = a.findings;
                  const sampled = f.met + f.notMet + f.unclear + f.notAssessed;
                  return (
                    <Table.Tr key={a.id} data-audit={a.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/stikproever/${a.id}`} fw={600}>
                          {a.title}
                        </Anchor>
                        <Text size="xs" c="dimmed">
                          Startet {formatDate(a.createdAt)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <AuditStatusBadge status={a.status} />
                      </Table.Td>
                      <Table.Td>
                        {cancerAreaLabel[a.cancerArea]}
                        <Text size="xs" c="dimmed">
                          {auditCriterionLabel[a.criterion]}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <span className="nowrap">{formatDate(a.periodFrom)}</span> –{' '}
                        <span className="nowrap">{formatDate(a.periodTo)}</span>
                      </Table.Td>
                      <Table.Td className="num">{a.seed}</Table.Td>
                      <Table.Td className="num">
                        {formatInt(sampled)} af {formatInt(a.population)}
                      </Table.Td>
                      <Table.Td className="num">{formatInt(f.met)}</Table.Td>
                      <Table.Td className="num">{formatInt(f.notMet)}</Table.Td>
                      <Table.Td className="num">{formatInt(f.unclear)}</Table.Td>
                      <Table.Td className="num">{formatInt(f.notAssessed)}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {page && audits && audits.length > 0 ? (
          <LoadMore
            shown={audits.length}
            total={page.totalCount}
            noun="stikprøver"
            hasMore={more.hasMore}
            loading={more.loadingMore}
            onMore={() => void more.loadMore()}
          />
        ) : null}
      </section>
    </>
  );
}

/** Danish words for the start form's fields when the API refuses them. */
const START_HINTS: Record<string, string> = {
  title: 'Skriv en titel på højst 200 tegn.',
  cancerArea: 'Vælg et kræftområde.',
  criterion:
    'Ingen forløb i kræftområdet og perioden opfylder kriteriet. Vælg et andet kriterium, kræftområde eller en anden periode.',
  from: 'Fra-datoen er ugyldig.',
  to: 'Perioden slutter, før den begynder: til-datoen skal ligge på eller efter fra-datoen.',
  perRegion: 'Antal forløb pr. region skal være et helt tal fra 1 til 100.',
  seed: `Startværdien skal være et helt tal fra 0 til ${formatInt(MAX_SEED)}.`,
};

function StartForm() {
  const lastYear = new Date().getFullYear() - 1;
  const navigate = useNavigate();
  const [area, setArea] = useState<CancerArea | null>(null);
  const [criterion, setCriterion] = useState<AuditCriterion | null>(null);
  const [from, setFrom] = useState<string | null>(`${lastYear}-01-01`);
  const [to, setTo] = useState<string | null>(`${lastYear}-12-31`);
  const [perRegion, setPerRegion] = useState<number | string>(3);
  const [seed, setSeed] = useState<number | string>(randomSeed);
  /** null: the title follows the choices until the user writes one. */
  const [title, setTitle] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [start, { loading }] = useMutation(StartSampleAuditDocument, { refetchQueries: ['SampleAudits'] });
  const autoTitle =
    area && criterion
      ? `${cancerAreaLabel[area]}: ${auditCriterionLabel[criterion].toLowerCase()}, ${from && to ? auditPeriod({ periodFrom: from, periodTo: to }) : ''}`
      : '';
  const shownTitle = title ?? autoTitle;
  const fe = (f: string) => (error?.field === f ? error.message : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const missing = !area ? 'cancerArea' : !criterion ? 'criterion' : !from ? 'from' : !to ? 'to' : null;
    if (missing) {
      const what = { cancerArea: 'et kræftområde', criterion: 'et kriterium', from: 'en fra-dato', to: 'en til-dato' };
      return setError({ code: 'BAD_USER_INPUT', field: missing, message: `Vælg ${what[missing]}.` });
    }
    try {
      const { data } = await start({
        variables: {
          input: {
            title: shownTitle.trim(),
            cancerArea: area!,
            criterion: criterion!,
            from: from!,
            to: to!,
            perRegion: perRegion === '' ? null : Number(perRegion),
            seed: seed === '' ? null : Number(seed),
          },
        },
      });
      const a = data!.startSampleAudit;
      notifySuccess(
        `Stikprøven er trukket med startværdi ${a.seed}: ${formatInt(a.findings.notAssessed)} af ${formatInt(a.population)} forløb.`,
      );
      navigate(`/stikproever/${a.id}`);
    } catch (err) {
      setError(apiErrorOf(err, START_HINTS));
    }
  };

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="start-h">
      <Title order={2} size="h4" id="start-h" mb="sm">
        Start en stikprøve
      </Title>
      <form onSubmit={submit} noValidate aria-labelledby="start-h">
        <Stack gap="sm">
          <ApiErrorAlert error={error} title="Stikprøven blev ikke startet" />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <Select
              label="Kræftområde"
              placeholder="Vælg"
              required
              data={options(cancerAreaLabel)}
              value={area}
              onChange={(v) => setArea(v as CancerArea | null)}
              error={fe('cancerArea')}
            />
            <Select
              label="Kriterium"
              inputWrapperOrder={BELOW}
              placeholder="Vælg"
              required
              data={options(auditCriterionLabel)}
              value={criterion}
              onChange={(v) => setCriterion(v as AuditCriterion | null)}
              description={criterion ? auditCriterionHelp[criterion] : 'Hvilke forløb der trækkes blandt'}
              error={fe('criterion')}
            />
            <DateField label="Periode fra" required value={from} onChange={setFrom} error={fe('from')} />
            <DateField label="Periode til (inkl.)" required value={to} onChange={setTo} error={fe('to')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            <NumberInput
              label="Forløb pr. region"
              {...WHOLE}
              description="1–100; færre hvor regionen har færre"
              value={perRegion}
              onChange={setPerRegion}
              min={1}
              max={100}
              error={fe('perRegion')}
            />
            <div>
              <NumberInput
                label="Startværdi (seed)"
                {...WHOLE}
                description="Samme startværdi og samme data trækker den samme stikprøve"
                value={seed}
                onChange={setSeed}
                min={0}
                max={MAX_SEED}
                error={fe('seed')}
              />
              <Anchor component="button" type="button" size="sm" mt={4} onClick={() => setSeed(randomSeed())}>
                Ny tilfældig startværdi
              </Anchor>
            </div>
            <TextInput
              label="Titel"
              inputWrapperOrder={BELOW}
              description="Foreslås ud fra valgene; kan rettes. Ingen personoplysninger."
              value={shownTitle}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={200}
              error={fe('title')}
              style={{ gridColumn: 'span 2' }}
            />
          </SimpleGrid>
          <Text size="sm" c="dimmed">
            Forløbene trækkes tilfældigt i hver region for sig (regionen som den var på periodens sidste dag).
            Startværdien gemmes med stikprøven, så den samme stikprøve kan trækkes igen og efterprøves.
          </Text>
          <Group>
            <Button type="submit" loading={loading}>
              Træk stikprøve
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
