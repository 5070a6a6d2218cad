// What changed between two versions of a record: top-level fields, old and new value.

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Bookkeeping fields every version changes; they are not "changes" a reader cares about. */
const bookkeeping = new Set(['version', 'updated_at', 'created_at']);

export function diffVersions(
  previous: Record<string, unknown> | undefined,
  current: Record<string, unknown>,
): FieldChange[] {
  const fields = new Set([...Object.keys(previous ?? {}), ...Object.keys(current)]);
  const changes: FieldChange[] = [];
  for (const field of [...fields].sort()) {
    if (bookkeeping.has(field)) continue;
    const from = previous?.[field] ?? null;
    const to = current[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes.push({ field, from, to });
  }
  return changes;
}
