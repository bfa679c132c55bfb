import { registerEnumType } from '@nestjs/graphql';

/** The six operational cancer collaborations, plus OTHER for pathways outside them. */
export enum CancerArea {
  BREAST = 'BREAST',
  LUNG = 'LUNG',
  URINARY = 'URINARY',
  GYNAECOLOGICAL = 'GYNAECOLOGICAL',
  UPPER_GI = 'UPPER_GI',
  LOWER_GI = 'LOWER_GI',
  OTHER = 'OTHER',
}
export enum Modality {
  DIAGNOSTIC = 'DIAGNOSTIC',
  SURGERY = 'SURGERY',
  CHEMOTHERAPY = 'CHEMOTHERAPY',
  RADIOTHERAPY = 'RADIOTHERAPY',
}
export enum ProviderKind {
  PUBLIC = 'PUBLIC',
  PRIVATE = 'PRIVATE',
  FOREIGN = 'FOREIGN',
}
export enum Role {
  SECRETARIAT = 'SECRETARIAT',
  PLANNER = 'PLANNER',
  COLLABORATION = 'COLLABORATION',
  OBSERVER = 'OBSERVER',
}

registerEnumType(CancerArea, { name: 'CancerArea', description: 'Cancer area of an operational collaboration' });
registerEnumType(Modality, { name: 'Modality', description: 'Kind of treatment or examination' });
registerEnumType(ProviderKind, { name: 'ProviderKind' });
registerEnumType(Role, { name: 'Role' });
