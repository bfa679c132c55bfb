import { PageHeader } from '../ui';

export default function OffersScreen() {
  return <PageHeader title="Tilbud" />;
}
