// The api's file routes (/reports/:id.html|.csv|.json) need the bearer token, so the app fetches them itself and hands
// the bytes to the browser as a blob: HTML opens in a new tab, CSV and JSON are saved as files.
import { currentToken } from '../../auth';

export async function fetchFile(path: string): Promise<Blob> {
  const token = currentToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return res.blob();
}

export async function openInNewTab(path: string): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const url = URL.createObjectURL(await fetchFile(path));
    if (tab) tab.location.href = url;
    else window.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (e) {
    tab?.close();
    throw e;
  }
}

export async function saveAs(path: string, fileName: string): Promise<void> {
  const url = URL.createObjectURL(await fetchFile(path));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
