import { PageHeader } from '../ui';

export default function FindSlotScreen() {
  return <PageHeader title="Find tid" />;
}
