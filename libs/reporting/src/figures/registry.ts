/**
 * Every figure of the annual capacity status report, defined once: key, Danish label, definition and the SQL that
 * computes it. The compiler runs one aggregate query per section (its `source` grouped over the dimensions) and the
 * report's appendix prints these same definitions, so the text and the numbers cannot drift apart.
 *
 * SQL conventions: `$1` is the first day of the period, `$2` the day after its last (`date >= $1 AND date < $2`).
 * `region_on(code, on_date, eff)` maps a stored region code to the region valid on a date of the period via
 * effective_region() (Hovedstaden and Sjælland → Østdanmark from 2027-01-01, domain.md §3).
 */

import { DISTANCE_SECTION } from './distance';

export * from './types';
import { FigureDef, SectionDef } from './types';

const REGION_NOTE = 'Regionen er den, der var gældende på datoen (effective_region).';

export const SECTIONS: readonly SectionDef[] = [
  {
    key: 'slots',
    empty: 'Ingen udbudte tider i perioden.',
    title: 'Udbudt kapacitet',
    intro: 'Tider (slots) med dato i perioden, fordelt på udbyderens region og type.',
    dims: ['cancerArea', 'region', 'providerKind', 'month'],
    source: `SELECT s.cancer_area, ro.eff::text AS region, s.provider_kind, to_char(s.slot_date, 'YYYY-MM') AS month,
       s.status, s.region_code IS NOT NULL AS domestic,
       (o.id IS NOT NULL AND s.region_code IS NOT NULL AND oro.eff <> ro.eff) AS other_region
  FROM slot s
  LEFT JOIN region_on ro ON ro.code = s.region_code AND ro.on_date = s.slot_date
  LEFT JOIN offer o ON o.slot_id = s.id AND o.status = 'ACCEPTED'
  LEFT JOIN region_on oro ON oro.code = o.region_code AND oro.on_date = s.slot_date
 WHERE s.slot_date >= $1 AND s.slot_date < $2`,
    figures: [
      {
        key: 'slots.published',
        label: 'Udbudte tider',
        unit: 'count',
        definition: `Alle tider med dato i perioden, uanset status nu (ledig, reserveret, booket, trukket tilbage, udløbet). Udbyderens region. ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'slots.booked',
        label: 'Bookede tider',
        unit: 'count',
        definition: 'Tider med dato i perioden og status BOOKED (et tilbud på tiden er accepteret).',
        sql: "count(*) FILTER (WHERE status = 'BOOKED')",
      },
      {
        key: 'slots.withdrawn',
        label: 'Tilbagetrukne tider',
        unit: 'count',
        definition: 'Tider med dato i perioden, som udbyderen har trukket tilbage (status WITHDRAWN).',
        sql: "count(*) FILTER (WHERE status = 'WITHDRAWN')",
      },
      {
        key: 'slots.expired',
        label: 'Udløbne tider',
        unit: 'count',
        definition: 'Tider med dato i perioden, der passerede uden at blive brugt (status EXPIRED).',
        sql: "count(*) FILTER (WHERE status = 'EXPIRED')",
      },
      {
        key: 'slots.used_by_other_regions',
        label: 'Tider brugt af andre regioner',
        unit: 'count',
        definition:
          'Tider hos danske udbydere, hvis accepterede tilbud gælder en patient fra en anden region end udbyderens; begge regioner henført til tidens dato. Udenlandske tider tælles ikke.',
        sql: 'count(*) FILTER (WHERE other_region)',
      },
      {
        key: 'slots.share_used_by_other_regions',
        label: 'Andel af udbudt kapacitet brugt af andre regioner',
        unit: 'share',
        definition:
          'Tider brugt af andre regioner ÷ udbudte tider hos udbydere med en dansk region (0–1, fire decimaler).',
        sql: 'round(count(*) FILTER (WHERE other_region)::numeric / NULLIF(count(*) FILTER (WHERE domestic), 0), 4)',
      },
    ],
  },
  {
    key: 'offers',
    empty: 'Ingen tilbud i perioden.',
    title: 'Tilbud om behandling andetsteds',
    intro: 'Tilbud givet i perioden (tilbudsdato), fordelt på patientens bopælsregion og udbyderens type.',
    dims: ['cancerArea', 'region', 'providerKind', 'month'],
    source: `SELECT o.cancer_area, ro.eff::text AS region, o.provider_kind, to_char(o.offered_on, 'YYYY-MM') AS month, o.status
  FROM offer o
  JOIN region_on ro ON ro.code = o.region_code AND ro.on_date = o.offered_on
 WHERE o.offered_on >= $1 AND o.offered_on < $2`,
    figures: [
      {
        key: 'offers.made',
        label: 'Tilbud givet',
        unit: 'count',
        definition: `Alle tilbud med tilbudsdato i perioden, uanset svar. Patientens bopælsregion (forløbets region). ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'offers.accepted',
        label: 'Accepteret',
        unit: 'count',
        definition: 'Tilbud givet i perioden, som patienten accepterede.',
        sql: "count(*) FILTER (WHERE status = 'ACCEPTED')",
      },
      {
        key: 'offers.declined',
        label: 'Afslået',
        unit: 'count',
        definition: 'Tilbud givet i perioden, som patienten afslog (med en årsag).',
        sql: "count(*) FILTER (WHERE status = 'DECLINED')",
      },
      {
        key: 'offers.expired',
        label: 'Udløbet',
        unit: 'count',
        definition: 'Tilbud givet i perioden, som udløb uden svar.',
        sql: "count(*) FILTER (WHERE status = 'EXPIRED')",
      },
      {
        key: 'offers.withdrawn',
        label: 'Trukket tilbage',
        unit: 'count',
        definition: 'Tilbud givet i perioden, som regionen trak tilbage.',
        sql: "count(*) FILTER (WHERE status = 'WITHDRAWN')",
      },
      {
        key: 'offers.pending',
        label: 'Afventer svar',
        unit: 'count',
        definition: 'Tilbud givet i perioden, som ved kompileringen endnu ikke var besvaret.',
        sql: "count(*) FILTER (WHERE status = 'PENDING')",
      },
    ],
  },
  {
    key: 'declines',
    empty: 'Ingen afslag i perioden.',
    title: 'Afslag fordelt på årsag',
    intro: 'Afslåede tilbud givet i perioden, fordelt på patientens årsag.',
    dims: ['cancerArea', 'region', 'providerKind', 'month'],
    category: { label: 'Årsag', kind: 'declineReason' },
    source: `SELECT o.cancer_area, ro.eff::text AS region, o.provider_kind, to_char(o.offered_on, 'YYYY-MM') AS month, o.decline_reason AS category
  FROM offer o
  JOIN region_on ro ON ro.code = o.region_code AND ro.on_date = o.offered_on
 WHERE o.status = 'DECLINED' AND o.offered_on >= $1 AND o.offered_on < $2`,
    figures: [
      {
        key: 'declines.by_reason',
        label: 'Afslag',
        unit: 'count',
        definition:
          'Afslåede tilbud med tilbudsdato i perioden pr. registreret årsag; summen over årsager er "Afslået".',
        sql: 'count(*)',
      },
    ],
  },
  {
    key: 'abroad',
    empty: 'Ingen tilbud i udlandet i perioden.',
    title: 'Tilbud om behandling i udlandet',
    intro:
      'Task Forcens spørgsmål: hvor mange patienter fik tilbud om behandling i udlandet, og hvor mange takkede nej?',
    dims: ['cancerArea', 'region', 'month'],
    fixed: { providerKind: 'FOREIGN' },
    source: `SELECT o.cancer_area, ro.eff::text AS region, to_char(o.offered_on, 'YYYY-MM') AS month, o.status
  FROM offer o
  JOIN region_on ro ON ro.code = o.region_code AND ro.on_date = o.offered_on
 WHERE o.provider_kind = 'FOREIGN' AND o.offered_on >= $1 AND o.offered_on < $2`,
    figures: [
      {
        key: 'abroad.made',
        label: 'Tilbud i udlandet',
        unit: 'count',
        definition:
          'Tilbud med tilbudsdato i perioden hos en udenlandsk udbyder (udbydertype FOREIGN på tilbudstidspunktet).',
        sql: 'count(*)',
      },
      {
        key: 'abroad.accepted',
        label: 'Accepteret',
        unit: 'count',
        definition: 'Tilbud i udlandet, som patienten accepterede.',
        sql: "count(*) FILTER (WHERE status = 'ACCEPTED')",
      },
      {
        key: 'abroad.declined',
        label: 'Afslået',
        unit: 'count',
        definition: 'Tilbud i udlandet, som patienten afslog.',
        sql: "count(*) FILTER (WHERE status = 'DECLINED')",
      },
      {
        key: 'abroad.declined_share',
        label: 'Andel afslået af besvarede',
        unit: 'share',
        definition:
          'Afslåede ÷ (accepterede + afslåede) tilbud i udlandet; ubesvarede, udløbne og tilbagetrukne tilbud indgår ikke.',
        sql: "round(count(*) FILTER (WHERE status = 'DECLINED')::numeric / NULLIF(count(*) FILTER (WHERE status IN ('ACCEPTED','DECLINED')), 0), 4)",
      },
    ],
  },
  {
    key: 'abroad_reasons',
    empty: 'Ingen afslag på tilbud i udlandet i perioden.',
    title: 'Afslag på tilbud i udlandet fordelt på årsag',
    intro: 'Hvorfor patienterne takkede nej til behandling i udlandet.',
    dims: ['cancerArea', 'region', 'month'],
    fixed: { providerKind: 'FOREIGN' },
    category: { label: 'Årsag', kind: 'declineReason' },
    source: `SELECT o.cancer_area, ro.eff::text AS region, to_char(o.offered_on, 'YYYY-MM') AS month, o.decline_reason AS category
  FROM offer o
  JOIN region_on ro ON ro.code = o.region_code AND ro.on_date = o.offered_on
 WHERE o.provider_kind = 'FOREIGN' AND o.status = 'DECLINED' AND o.offered_on >= $1 AND o.offered_on < $2`,
    figures: [
      {
        key: 'abroad.declined_by_reason',
        label: 'Afslag på tilbud i udlandet',
        unit: 'count',
        definition: 'Afslåede tilbud i udlandet med tilbudsdato i perioden pr. registreret årsag.',
        sql: 'count(*)',
      },
    ],
  },
  {
    key: 'time_to_offer',
    empty: 'Ingen forløb fik deres første tilbud i perioden.',
    title: 'Tid fra henvisning til første tilbud',
    intro:
      'Dage fra forløbets urstart (modtaget henvisning) til det første tilbud, for forløb hvis første tilbud faldt i perioden.',
    dims: ['cancerArea', 'region', 'providerKind', 'month'],
    source: `SELECT p.cancer_area, ro.eff::text AS region, f.provider_kind, to_char(f.offered_on, 'YYYY-MM') AS month,
       f.offered_on - p.clock_start AS days
  FROM (SELECT DISTINCT ON (o.pathway_id) o.pathway_id, o.offered_on, o.provider_kind
          FROM offer o WHERE o.offered_on < $2
         ORDER BY o.pathway_id, o.offered_at, o.id) f
  JOIN pathway p ON p.id = f.pathway_id
  JOIN region_on ro ON ro.code = p.region_code AND ro.on_date = f.offered_on
 WHERE f.offered_on >= $1`,
    figures: [
      {
        key: 'time_to_offer.pathways',
        label: 'Forløb med første tilbud',
        unit: 'count',
        definition: `Forløb, hvis første tilbud nogensinde (tidligste tilbudstidspunkt) har tilbudsdato i perioden. Udbydertype = det første tilbuds. ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'time_to_offer.median_days',
        label: 'Median, dage til første tilbud',
        unit: 'days',
        definition: 'Median (percentile_cont 0,5) af første tilbudsdato − urstart i kalenderdage; én decimal.',
        sql: 'round((percentile_cont(0.5) WITHIN GROUP (ORDER BY days))::numeric, 1)',
      },
      {
        key: 'time_to_offer.p90_days',
        label: '90-percentil, dage til første tilbud',
        unit: 'days',
        definition:
          '90-percentilen (percentile_cont 0,9, lineær interpolation) af første tilbudsdato − urstart i kalenderdage; én decimal.',
        sql: 'round((percentile_cont(0.9) WITHIN GROUP (ORDER BY days))::numeric, 1)',
      },
    ],
  },
  {
    key: 'at_risk',
    empty: 'Ingen forløb i risiko i perioden.',
    title: 'Forløb i risiko',
    intro: 'Forløb, der er eller har været i risiko for at overskride den maksimale ventetid.',
    dims: ['cancerArea', 'region', 'month'],
    source: `SELECT p.cancer_area, ro.eff::text AS region, to_char(d.on_date, 'YYYY-MM') AS month, d.open_at_risk, d.warned
  FROM pathway p
  LEFT JOIN (SELECT pathway_id, min(raised_on) AS first_raised FROM early_warning
              WHERE raised_on >= $1 AND raised_on < $2 GROUP BY pathway_id) w ON w.pathway_id = p.id
  CROSS JOIN LATERAL (SELECT coalesce(w.first_raised, p.clock_start) AS on_date,
                             p.at_risk AND p.clock_start >= $1 AND p.clock_start < $2 AS open_at_risk,
                             w.first_raised IS NOT NULL AS warned) d
  JOIN region_on ro ON ro.code = p.region_code AND ro.on_date = d.on_date
 WHERE d.open_at_risk OR d.warned`,
    figures: [
      {
        key: 'at_risk.pathways',
        label: 'Forløb i risiko',
        unit: 'count',
        definition: `Forløb med urstart i perioden, der ved kompileringen er åbne (WAITING/OFFERED) og i risiko (ingen forventet dato eller forventet dato efter fristen), eller som fik et tidligt varsel i perioden; hvert forløb tælles én gang, i måneden for første varsel i perioden ellers urstart. ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'at_risk.open_now',
        label: 'Heraf åbne og i risiko nu',
        unit: 'count',
        definition: 'Forløb med urstart i perioden, som ved kompileringen er åbne og i risiko.',
        sql: 'count(*) FILTER (WHERE open_at_risk)',
      },
      {
        key: 'at_risk.warned',
        label: 'Heraf med tidligt varsel i perioden',
        unit: 'count',
        definition: 'Forløb, der fik mindst ét tidligt varsel med dato i perioden.',
        sql: 'count(*) FILTER (WHERE warned)',
      },
    ],
  },
  {
    key: 'early_warnings',
    empty: 'Ingen tidlige varsler i perioden.',
    title: 'Tidlige varsler',
    intro: 'Varsler fra den daglige kørsel om forløb tæt på fristen uden en tid i tide.',
    dims: ['cancerArea', 'region', 'month'],
    source: `SELECT w.cancer_area, ro.eff::text AS region, to_char(w.raised_on, 'YYYY-MM') AS month, w.pathway_id
  FROM early_warning w
  JOIN region_on ro ON ro.code = w.region_code AND ro.on_date = w.raised_on
 WHERE w.raised_on >= $1 AND w.raised_on < $2`,
    figures: [
      {
        key: 'early_warnings.raised',
        label: 'Tidlige varsler',
        unit: 'count',
        definition: `Varsler med varslingsdato i perioden (et forløb varsles igen, hvis fristen flyttes). ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'early_warnings.pathways',
        label: 'Forløb med varsel',
        unit: 'count',
        definition: 'Forskellige forløb med mindst ét varsel i perioden.',
        sql: 'count(DISTINCT pathway_id)',
      },
    ],
  },
  {
    key: 'outcome',
    empty: 'Ingen forløb med tilbud blev behandlet i perioden.',
    title: 'Behandlet i tide efter tilbud',
    intro: 'Forløb, der fik mindst ét tilbud og blev behandlet i perioden: i tide eller for sent?',
    dims: ['cancerArea', 'region', 'providerKind', 'month'],
    source: `SELECT p.cancer_area, ro.eff::text AS region, coalesce(a.provider_kind, '') AS provider_kind,
       to_char(p.treated_on, 'YYYY-MM') AS month, p.treated_on <= p.deadline AS in_time
  FROM pathway p
  CROSS JOIN LATERAL (SELECT (SELECT o.provider_kind FROM offer o WHERE o.pathway_id = p.id AND o.status = 'ACCEPTED'
                               ORDER BY o.offered_at DESC, o.id DESC LIMIT 1) AS provider_kind) a
  JOIN region_on ro ON ro.code = p.region_code AND ro.on_date = p.treated_on
 WHERE p.treated_on >= $1 AND p.treated_on < $2
   AND EXISTS (SELECT 1 FROM offer o WHERE o.pathway_id = p.id)`,
    figures: [
      {
        key: 'outcome.treated',
        label: 'Behandlet efter tilbud',
        unit: 'count',
        definition: `Forløb med behandlingsdato i perioden, som fik mindst ét tilbud. Udbydertype = det senest accepterede tilbuds; tom, hvis intet tilbud blev accepteret. ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'outcome.in_time',
        label: 'Behandlet i tide',
        unit: 'count',
        definition:
          'Behandlingsdato på eller før forløbets frist (fristen efter pauser, som beregnet af fristmodulet).',
        sql: 'count(*) FILTER (WHERE in_time)',
      },
      {
        key: 'outcome.late',
        label: 'Behandlet for sent',
        unit: 'count',
        definition: 'Behandlingsdato efter forløbets frist.',
        sql: 'count(*) FILTER (WHERE NOT in_time)',
      },
    ],
  },
  {
    key: 'sst_outcome',
    empty: 'Ingen afsluttede forløb i perioden.',
    title: "Udfald for afsluttede forløb (SST's kategorier)",
    intro:
      'Forløb, der blev afsluttet med behandling i perioden, fordelt på Sundhedsstyrelsens monitoreringskategorier: behandlet inden for den maksimale ventetid, eller hvorfor fristen blev overskredet.',
    dims: ['cancerArea', 'region'],
    category: { label: 'Udfald', kind: 'outcome', totals: true },
    // The CASE is libs/deadline's classifyOutcome() in SQL: the same order, first match wins (domain.md §8).
    source: `SELECT p.cancer_area, ro.eff::text AS region, p.id AS pathway_id,
       CASE WHEN p.treated_on <= p.deadline THEN 'WITHIN_DEADLINE'
            WHEN EXISTS (SELECT 1 FROM pathway_pause pp WHERE pp.pathway_id = p.id AND pp.reason = 'PATIENT_CHOICE') THEN 'EXCEEDED_PATIENT_CHOICE'
            WHEN EXISTS (SELECT 1 FROM pathway_pause pp WHERE pp.pathway_id = p.id AND pp.reason = 'HEALTH') THEN 'EXCEEDED_HEALTH'
            WHEN EXISTS (SELECT 1 FROM offer o WHERE o.pathway_id = p.id AND o.offered_on <= p.deadline) THEN 'EXCEEDED_CAPACITY_OFFERED'
            ELSE 'RULES_NOT_KEPT' END AS category
  FROM pathway p
  JOIN region_on ro ON ro.code = p.region_code AND ro.on_date = p.treated_on
 WHERE p.status = 'TREATED' AND p.treated_on >= $1 AND p.treated_on < $2`,
    figures: [
      {
        key: 'sst_outcome.pathways',
        label: 'Afsluttede forløb',
        unit: 'count',
        definition:
          'Forløb med status TREATED og behandlingsdato i perioden, pr. udfald (fristmodulets classifyOutcome): "Inden for fristen", hvis behandlingsdatoen er på eller før forløbets frist (fristen efter pauser). Ellers gælder den første, der passer: "Overskredet – patientens eget valg" (der er registreret en pause af årsagen PATIENT_CHOICE), "Overskredet – helbredsmæssige årsager" (en pause af årsagen HEALTH), "Overskredet – tilbud om alternativ givet" (mindst ét tilbud med tilbudsdato på eller før fristen, uanset svar: handlepligten er opfyldt), ellers "Regler ikke overholdt". Udfald tom (I alt) = alle afsluttede forløb. Region = forløbets region, henført til behandlingsdatoen. ' +
          REGION_NOTE,
        sql: 'count(*)',
      },
    ],
  },
  {
    key: 'days_gained',
    empty: 'Ingen accepterede tilbud i perioden.',
    title: 'Dage vundet i forhold til egen region',
    intro: 'For accepterede tilbud: hvor mange dage tidligere end den dato, patientens egen region forventede?',
    dims: ['cancerArea', 'region', 'providerKind', 'month'],
    source: `SELECT o.cancer_area, ro.eff::text AS region, o.provider_kind, to_char(o.offered_on, 'YYYY-MM') AS month,
       o.expected_date_at_offer - o.slot_date AS gained
  FROM offer o
  JOIN region_on ro ON ro.code = o.region_code AND ro.on_date = o.offered_on
 WHERE o.status = 'ACCEPTED' AND o.offered_on >= $1 AND o.offered_on < $2`,
    figures: [
      {
        key: 'days_gained.offers',
        label: 'Accepterede tilbud med forventet dato',
        unit: 'count',
        definition:
          'Accepterede tilbud med tilbudsdato i perioden, hvor forløbet havde en forventet dato fra egen region, da tilbuddet blev givet (offer.expected_date_at_offer: gemt ved oprettelsen, fordi accept overskriver forløbets forventede dato med tidens dato; ældre tilbud udfyldt fra revisionsloggens "before"-øjebliksbillede).',
        sql: 'count(gained)',
      },
      {
        key: 'days_gained.total',
        label: 'Dage vundet i alt',
        unit: 'count',
        definition:
          'Summen af (forventet dato ved tilbuddet − tilbudt tids dato) i kalenderdage; negativ, hvis tiden lå efter den forventede dato.',
        sql: 'sum(gained)',
      },
      {
        key: 'days_gained.average',
        label: 'Dage vundet i gennemsnit',
        unit: 'days',
        definition: 'Gennemsnit af (forventet dato ved tilbuddet − tilbudt tids dato); én decimal.',
        sql: 'round(avg(gained), 1)',
      },
      {
        key: 'days_gained.no_expected_date',
        label: 'Accepterede tilbud uden forventet dato',
        unit: 'count',
        definition:
          'Accepterede tilbud, hvor forløbet ingen forventet dato havde ved tilbuddet; de indgår ikke i dage vundet.',
        sql: 'count(*) FILTER (WHERE gained IS NULL)',
      },
    ],
  },
  {
    key: 'cost',
    title: 'Udgifter til behandling i udlandet og på privathospitaler',
    intro:
      'Regionerne finansierer behandling i udlandet i fællesskab. For accepterede tilbud hos udenlandske og private udbydere: prisen pr. behandlingsforløb fra den aftale, der gjaldt på tilbudsdatoen.',
    empty: 'Ingen accepterede tilbud hos udenlandske eller private udbydere i perioden.',
    dims: ['cancerArea', 'region', 'providerKind', 'month'],
    category: { label: 'Land', kind: 'country', totals: true },
    // The agreement is chosen as agreement_valid_to() does (latest valid_to covering provider, area and modality on
    // the date); its price may be missing, which the report counts rather than guesses.
    source: `SELECT o.cancer_area, ro.eff::text AS region, o.provider_kind, to_char(o.offered_on, 'YYYY-MM') AS month,
       o.provider_country::text AS category, ag.price
  FROM offer o
  JOIN region_on ro ON ro.code = o.region_code AND ro.on_date = o.offered_on
  LEFT JOIN LATERAL (SELECT a.price_per_course_dkk AS price FROM agreement a
                      WHERE a.provider_id = o.provider_id AND o.offered_on BETWEEN a.valid_from AND a.valid_to
                        AND o.cancer_area = ANY(a.cancer_areas) AND o.modality = ANY(a.modalities)
                      ORDER BY a.valid_to DESC, a.valid_from DESC, a.created_at DESC, a.id LIMIT 1) ag ON true
 WHERE o.status = 'ACCEPTED' AND o.provider_kind IN ('FOREIGN','PRIVATE') AND o.offered_on >= $1 AND o.offered_on < $2`,
    figures: [
      {
        key: 'cost.accepted',
        label: 'Accepterede tilbud',
        unit: 'count',
        definition: `Accepterede tilbud med tilbudsdato i perioden hos en udenlandsk eller privat udbyder (udbydertype på tilbudstidspunktet). Region = patientens bopælsregion, som betaler; land = udbyderens land. ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'cost.spending_dkk',
        label: 'Udgift',
        unit: 'dkk',
        definition:
          'Summen af prisen pr. behandlingsforløb (agreement.price_per_course_dkk) fra aftalen med udbyderen, der på tilbudsdatoen dækkede kræftområdet og behandlingstypen; er flere aftaler gyldige, gælder den med senest slutdato (som aftalereglen). Tilbud uden pris indgår ikke.',
        sql: 'coalesce(sum(price), 0)',
      },
      {
        key: 'cost.no_price',
        label: 'Accepterede tilbud uden pris',
        unit: 'count',
        definition:
          'Accepterede tilbud, hvor ingen gyldig aftale på tilbudsdatoen har en pris (ingen aftale, eller aftalen uden pris). De mangler i udgiften.',
        sql: 'count(*) FILTER (WHERE price IS NULL)',
      },
      {
        key: 'cost.average_dkk',
        label: 'Gennemsnitspris pr. forløb',
        unit: 'dkk',
        definition: 'Udgift ÷ accepterede tilbud med pris; tom, hvis ingen havde en pris.',
        sql: 'round(avg(price), 0)',
      },
    ],
  },
  {
    key: 'meetings',
    empty: 'Ingen beslutninger på samarbejdsmøder i perioden.',
    title: 'Beslutninger på samarbejdsmøder',
    intro: 'Beslutninger registreret på de operationelle kræftsamarbejders møder i perioden.',
    dims: ['cancerArea', 'region', 'month'],
    category: { label: 'Beslutning', kind: 'decisionKind' },
    source: `SELECT m.cancer_area, coalesce(ro.eff::text, '') AS region, to_char(m.meeting_date, 'YYYY-MM') AS month,
       d.kind AS category, d.pathway_id
  FROM meeting_decision d
  JOIN meeting m ON m.id = d.meeting_id
  LEFT JOIN pathway p ON p.id = d.pathway_id
  LEFT JOIN region_on ro ON ro.code = p.region_code AND ro.on_date = m.meeting_date
 WHERE m.meeting_date >= $1 AND m.meeting_date < $2`,
    figures: [
      {
        key: 'meetings.decisions',
        label: 'Beslutninger',
        unit: 'count',
        definition: `Beslutninger på møder med mødedato i perioden pr. type; region = forløbets region (tom for beslutninger uden forløb). ${REGION_NOTE}`,
        sql: 'count(*)',
      },
      {
        key: 'meetings.pathways',
        label: 'Forløb drøftet',
        unit: 'count',
        definition: 'Forskellige forløb med en beslutning af typen i perioden.',
        sql: 'count(DISTINCT pathway_id)',
      },
    ],
  },
  DISTANCE_SECTION,
  {
    key: 'audits',
    title: 'Stikprøver',
    intro:
      'Specialenhedens stikprøvekontroller af handlepligten: tilfældigt udtrukne forløb (lagdelt efter region, med oplyst startværdi), hvor sekretariatet har vurderet, om regionen opfyldte handlepligten. Stikprøver, hvis undersøgte periode overlapper rapportens.',
    empty: 'Ingen stikprøver i perioden.',
    dims: ['cancerArea', 'region'],
    category: { label: 'Vurdering', kind: 'finding', totals: true },
    source: `SELECT a.cancer_area, sp.region_code::text AS region, a.id AS audit_id, coalesce(sp.finding, 'NOT_ASSESSED') AS category
  FROM sample_audit a
  JOIN sample_audit_pathway sp ON sp.audit_id = a.id
 WHERE a.period_from < $2 AND a.period_to >= $1`,
    figures: [
      {
        key: 'audits.pathways',
        label: 'Udtrukne forløb',
        unit: 'count',
        definition:
          'Forløb udtrukket til stikprøver, hvis undersøgte periode overlapper rapportperioden, pr. vurdering (handlepligt opfyldt, ikke opfyldt, uafklaret, ikke vurderet endnu). Region = forløbets region på periodens sidste dag (stikprøvens lag).',
        sql: 'count(*)',
      },
      {
        key: 'audits.audits',
        label: 'Stikprøver',
        unit: 'count',
        definition: 'Forskellige stikprøver med mindst ét udtrukket forløb af vurderingen.',
        sql: 'count(DISTINCT audit_id)',
      },
    ],
  },
];

/** The region map every section joins: one effective_region() call per region and day of the period, not per row. */
export const REGION_ON_CTE = `region_on AS MATERIALIZED (
  SELECT r.code, d::date AS on_date, effective_region(r.code, d::date) AS eff
    FROM region r CROSS JOIN generate_series($1::date, $2::date - 1, interval '1 day') AS d
)`;

export function figureByKey(key: string): { section: SectionDef; figure: FigureDef } {
  for (const section of SECTIONS) {
    const figure = section.figures.find((f) => f.key === key);
    if (figure) return { section, figure };
  }
  throw new Error(`Unknown report figure ${key}`);
}
