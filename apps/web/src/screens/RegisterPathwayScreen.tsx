import { PageHeader } from '../ui';

export default function RegisterPathwayScreen() {
  return <PageHeader title="Registrér forløb" />;
}
