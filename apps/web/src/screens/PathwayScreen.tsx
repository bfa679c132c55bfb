import { PageHeader } from '../ui';

export default function PathwayScreen() {
  return <PageHeader title="Forløb" />;
}
