import { currentToken } from './auth';

/** GET /pathways/:id/evidence.csv needs the bearer token, so it is fetched and handed to the browser as a download. */
export async function downloadEvidence(pathwayId: string, reference: string): Promise<void> {
  const res = await fetch(`/pathways/${pathwayId}/evidence.csv`, {
    headers: { authorization: `Bearer ${currentToken() ?? ''}` },
  });
  if (!res.ok) throw new Error(`evidence.csv: HTTP ${res.status}`);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = `handlepligt-${reference}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
