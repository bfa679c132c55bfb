/**
 * A lazily loaded value kept for the process lifetime (reference data that changes only by migration). A failed load
 * is not kept, so a database restart during the first call does not break every later one.
 */
export function cachedLoad<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => {
    value ??= load().catch((err) => {
      value = null;
      throw err;
    });
    return value;
  };
}
