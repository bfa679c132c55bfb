import { PageHeader } from '../ui';

export default function CapacityScreen() {
  return <PageHeader title="Kapacitet" />;
}
