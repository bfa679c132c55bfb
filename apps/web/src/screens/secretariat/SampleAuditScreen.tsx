import { useMutation, useQuery } from '@apollo/client/react';
import {
  Accordion,
  Anchor,
  Button,
  Group,
  Modal,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { apiErrorOf, type ApiError } from '../../errors';
import {
  auditCriterionHelp,
  auditCriterionLabel,
  auditFindingLabel,
  cancerAreaLabel,
  days,
  formatDate,
  formatDateTime,
  formatInt,
  modalityLabel,
  options,
  pathwayStatusLabel,
  phaseLabel,
  regionLabel,
} from '../../format';
import { graphql } from '../../gql';
import type { SampleAuditQuery } from '../../gql/graphql';
import type { AuditFinding } from '../../gql/schema';
import { ApiErrorAlert, ErrorAlert, Loading, notifySuccess, PageHeader } from '../../ui';
import { AuditTrail, Offers, Pauses, Warnings } from '../PathwayEvidence';
import { auditPeriod, AuditStatusBadge, FindingBadge } from './sample-audit-parts';

const SampleAuditDocument = graphql(`
  query SampleAudit($id: ID!) {
    sampleAudit(id: $id) {
      ...SampleAuditSummary
      perRegion
      asOf
      conclusion
      closedAt
      strata {
        regionCode
        population
        sampled
      }
      sample {
        auditId
        pathwayId
        regionCode
        drawOrder
        finding
        note
        assessedAt
        pathway {
          ...PathwayEvidence
          status
          phase
          modality
          regionCode
          clockStart
          baseDeadline
          pausedDays
          deadline
          expectedDate
          treatedOn
        }
      }
    }
  }
`);

const RecordFindingDocument = graphql(`
  mutation RecordAuditFinding($input: RecordAuditFindingInput!) {
    recordAuditFinding(input: $input) {
      auditId
      pathwayId
      finding
      note
      assessedAt
      pathway {
        ...PathwayAuditTrail
      }
    }
  }
`);

const CloseSampleAuditDocument = graphql(`
  mutation CloseSampleAudit($input: CloseSampleAuditInput!) {
    closeSampleAudit(input: $input) {
      id
      status
      conclusion
      closedAt
    }
  }
`);

type Audit = SampleAuditQuery['sampleAudit'];
type Sampled = Audit['sample'][number];

/** The finding's note when the API refuses it (the shared hint for `note` is about decline reasons). */
const FINDING_HINTS: Record<string, string> = {
  note: 'Skriv en note om, hvorfor handlepligten ikke er opfyldt eller er uafklaret.',
  finding: 'Vælg en vurdering.',
};

/** One sample audit: how it was drawn, the sampled pathways per region with their evidence and findings, closing. */
export default function SampleAuditScreen() {
  const { id } = useParams();
  const { data, loading, error } = useQuery(SampleAuditDocument, { variables: { id: id! } });
  const a = data?.sampleAudit;
  if (!a && loading) return <Loading label="Henter stikprøven…" />;
  if (!a)
    return (
      <>
        <PageHeader title="Stikprøve" />
        <ErrorAlert error={error} title="Stikprøven kunne ikke vises" />
      </>
    );
  const open = a.status === 'OPEN';
  return (
    <>
      <Anchor component={Link} to="/stikproever" size="sm">
        ← Alle stikprøver
      </Anchor>
      <PageHeader
        title={a.title}
        sub={`${cancerAreaLabel[a.cancerArea]} · ${auditCriterionLabel[a.criterion]} · ${auditPeriod(a)}`}
      >
        <AuditStatusBadge status={a.status} />
      </PageHeader>
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
        <Draw a={a} />
        {open ? <CloseAudit a={a} /> : <Closed a={a} />}
      </SimpleGrid>
      {a.strata.map((s) => (
        <Region key={s.regionCode} a={a} stratum={s} />
      ))}
    </>
  );
}

function Draw({ a }: { a: Audit }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="draw-h">
      <Title order={2} size="h4" id="draw-h" mb="sm">
        Sådan blev stikprøven trukket
      </Title>
      <Table variant="vertical" withTableBorder={false} data-testid="draw">
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={220}>Kriterium</Table.Th>
            <Table.Td>{auditCriterionHelp[a.criterion]}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Forløb der opfylder kriteriet</Table.Th>
            <Table.Td>
              {formatInt(a.population)} i alle regioner, opgjort pr. {formatDate(a.asOf)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Udtrukket</Table.Th>
            <Table.Td>
              {formatInt(a.sample.length)} forløb, højst {formatInt(a.perRegion)} pr. region
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Startværdi (seed)</Table.Th>
            <Table.Td data-testid="seed">{a.seed}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Startet</Table.Th>
            <Table.Td>{formatDateTime(a.createdAt)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="xs">
        Med samme startværdi, kriterium, område og periode trækkes de samme forløb igen, så længe data er de samme.
      </Text>
    </Paper>
  );
}

/** Findings so far, as in the API's rule for closing: every sampled pathway needs one. */
function Progression({ a }: { a: Audit }) {
  const n = a.sample.length;
  const done = a.sample.filter((s) => s.finding).length;
  const count = (f: AuditFinding) => a.sample.filter((s) => s.finding === f).length;
  return (
    <Stack gap={4} data-testid="progress">
      <Text size="sm" fw={600} aria-live="polite">
        {formatInt(done)} af {formatInt(n)} forløb vurderet
      </Text>
      <Progress value={n ? (100 * done) / n : 0} size="lg" aria-label={`Vurderet: ${done} af ${n} forløb`} />
      <Text size="sm">
        {options(auditFindingLabel)
          .map((o) => `${o.label}: ${formatInt(count(o.value))}`)
          .join(' · ')}
      </Text>
    </Stack>
  );
}

function CloseAudit({ a }: { a: Audit }) {
  const [conclusion, setConclusion] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [close, { loading }] = useMutation(CloseSampleAuditDocument);
  const missing = a.sample.filter((s) => !s.finding).length;
  const submit = async () => {
    setError(null);
    try {
      await close({ variables: { input: { auditId: a.id, conclusion: conclusion.trim() || null } } });
      setConfirming(false);
      notifySuccess('Stikprøven er afsluttet. Vurderingerne kan ikke længere ændres.');
    } catch (err) {
      setConfirming(false);
      setError(apiErrorOf(err));
    }
  };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="close-h">
      <Title order={2} size="h4" id="close-h" mb="sm">
        Vurdering og afslutning
      </Title>
      <Stack gap="sm">
        <Progression a={a} />
        <ApiErrorAlert error={error} title="Stikprøven blev ikke afsluttet" />
        <Textarea
          label="Konklusion (valgfri)"
          description="Hvad stikprøven viste, og hvad afdelingerne kan lære af den. Kommer med i kapacitetsrapporten. Ingen personoplysninger."
          value={conclusion}
          onChange={(e) => setConclusion(e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={4000}
        />
        <Text size="sm" id="close-rule" data-testid="close-rule">
          {missing > 0
            ? `Alle udtrukne forløb skal være vurderet, før stikprøven kan afsluttes. Der mangler ${formatInt(missing)}.`
            : 'Alle forløb er vurderet. Når stikprøven er afsluttet, kan vurderingerne ikke ændres.'}
        </Text>
        <Group>
          <Button color="dark" disabled={missing > 0} aria-describedby="close-rule" onClick={() => setConfirming(true)}>
            Afslut stikprøve
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title="Afslut stikprøven?"
        centered
        closeButtonProps={{ 'aria-label': 'Luk' }}
      >
        <Stack>
          <Text size="sm">
            Vurderingerne af de {formatInt(a.sample.length)} forløb låses, og stikprøven kan derefter kun læses. Den
            kommer med i kapacitetsrapporten for perioden.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Annullér
            </Button>
            <Button color="dark" loading={loading} onClick={() => void submit()}>
              Afslut stikprøve
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

function Closed({ a }: { a: Audit }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="closed-h">
      <Title order={2} size="h4" id="closed-h" mb="sm">
        Afsluttet {formatDateTime(a.closedAt)}
      </Title>
      <Stack gap="sm">
        <Progression a={a} />
        <div>
          <Text size="sm" fw={600}>
            Konklusion
          </Text>
          <Text size="sm" data-testid="conclusion" style={{ whiteSpace: 'pre-wrap' }}>
            {a.conclusion ?? 'Ingen konklusion skrevet.'}
          </Text>
        </div>
        <Text size="sm" c="dimmed">
          Stikprøven er afsluttet og kan kun læses.
        </Text>
      </Stack>
    </Paper>
  );
}

function Region({ a, stratum }: { a: Audit; stratum: Audit['strata'][number] }) {
  const sample = a.sample.filter((s) => s.regionCode === stratum.regionCode);
  const h = `region-${stratum.regionCode}`;
  return (
    <section aria-labelledby={h} data-region={stratum.regionCode}>
      <Group justify="space-between" align="baseline" mt="lg" mb="xs">
        <Title order={2} size="h3" id={h}>
          {regionLabel(stratum.regionCode)}
        </Title>
        <Text size="sm" c="dimmed">
          {formatInt(stratum.sampled)} af {formatInt(stratum.population)} forløb udtrukket
        </Text>
      </Group>
      <Accordion multiple variant="separated" order={3} chevronPosition="left">
        {sample.map((s) => (
          <Accordion.Item key={s.pathwayId} value={s.pathwayId} data-pathway={s.pathway.reference}>
            <Accordion.Control>
              <Group justify="space-between" wrap="nowrap" gap="sm">
                <div>
                  <Text fw={600}>Forløb {s.pathway.reference}</Text>
                  <Text size="sm" c="dimmed">
                    {pathwayStatusLabel[s.pathway.status]} · frist {formatDate(s.pathway.deadline)}
                    {s.pathway.treatedOn ? ` · behandlet ${formatDate(s.pathway.treatedOn)}` : ''} ·{' '}
                    {formatInt(s.pathway.offers.length)} tilbud
                  </Text>
                </div>
                <FindingBadge finding={s.finding} />
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <SampledPathway s={s} open={a.status === 'OPEN'} />
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  );
}

function SampledPathway({ s, open }: { s: Sampled; open: boolean }) {
  const p = s.pathway;
  return (
    <Stack gap="sm">
      <Table variant="vertical" withTableBorder aria-label={`Forløb ${p.reference}`}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={220}>Forløb</Table.Th>
            <Table.Td>
              {phaseLabel[p.phase]} · {modalityLabel[p.modality]} · {pathwayStatusLabel[p.status]} · hjemregion{' '}
              {regionLabel(p.regionCode)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Fristens start</Table.Th>
            <Table.Td>{formatDate(p.clockStart)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Frist</Table.Th>
            <Table.Td>
              {formatDate(p.deadline)} (basisfrist {formatDate(p.baseDeadline)} + {days(p.pausedDays)} pause)
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Forventet dato i egen region</Table.Th>
            <Table.Td>{formatDate(p.expectedDate)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th>Behandlet</Table.Th>
            <Table.Td>{formatDate(p.treatedOn)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Offers p={p} order={4} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Pauses p={p} order={4} />
        <Warnings p={p} order={4} />
      </SimpleGrid>
      <AuditTrail p={p} order={4} />
      {open ? <FindingForm s={s} /> : <FindingRead s={s} />}
    </Stack>
  );
}

function FindingRead({ s }: { s: Sampled }) {
  return (
    <Paper withBorder p="md" bg="gray.0">
      <Title order={4} size="h4" mb="xs">
        Vurdering
      </Title>
      <Group gap="sm">
        <FindingBadge finding={s.finding} />
        {s.assessedAt ? <Text size="sm">{formatDateTime(s.assessedAt)}</Text> : null}
      </Group>
      {s.note ? (
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }}>
          {s.note}
        </Text>
      ) : null}
    </Paper>
  );
}

function FindingForm({ s }: { s: Sampled }) {
  const [finding, setFinding] = useState<AuditFinding | null>(s.finding ?? null);
  const [note, setNote] = useState(s.note ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const [record, { loading }] = useMutation(RecordFindingDocument);
  const ref = s.pathway.reference;
  const noteRequired = finding !== null && finding !== 'MET';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (!finding) return setError({ code: 'BAD_USER_INPUT', field: 'finding', message: FINDING_HINTS.finding });
    try {
      await record({
        variables: {
          input: { auditId: s.auditId, pathwayId: s.pathwayId, finding, note: note.trim() || null },
        },
      });
      notifySuccess(`Vurderingen af forløb ${ref} er gemt: ${auditFindingLabel[finding].toLowerCase()}.`);
    } catch (err) {
      setError(apiErrorOf(err, FINDING_HINTS));
    }
  };
  const fe = (f: string) => (error?.field === f ? error.message : undefined);
  return (
    <Paper withBorder p="md" bg="gray.0">
      <form onSubmit={submit} noValidate aria-label={`Vurdering af forløb ${ref}`}>
        <Stack gap="sm">
          <Title order={4} size="h4">
            Vurdering
          </Title>
          <ApiErrorAlert error={error} title="Vurderingen blev ikke gemt" />
          <Radio.Group
            label="Opfyldte regionen sin handlepligt?"
            value={finding}
            onChange={(v) => {
              setFinding(v as AuditFinding);
              setError(null);
            }}
            error={fe('finding')}
          >
            <Group mt="xs">
              {options(auditFindingLabel).map((o) => (
                <Radio key={o.value} value={o.value} label={o.label} />
              ))}
            </Group>
          </Radio.Group>
          <Textarea
            label="Note"
            description="Skal udfyldes, når handlepligten ikke er opfyldt eller er uafklaret: skriv hvorfor. Ingen personoplysninger."
            withAsterisk={noteRequired}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={fe('note')}
            autosize
            minRows={2}
            maxLength={2000}
          />
          <Group gap="sm">
            <Button type="submit" loading={loading}>
              Gem vurdering
            </Button>
            {s.assessedAt ? (
              <Text size="sm" c="dimmed">
                Senest gemt {formatDateTime(s.assessedAt)}
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
