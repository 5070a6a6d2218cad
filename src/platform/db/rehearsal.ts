// Dry runs: the work is done in a transaction exactly as for real, then rolled back by
// throwing a Rehearsal that carries the result out.

/** Thrown inside a transaction to roll it back while keeping what it computed. */
export class Rehearsal<T> extends Error {
  constructor(readonly value: T) {
    super('rehearsal');
  }
}

/** Awaits a transaction; a Rehearsal thrown inside it rolled it back and yields its value. */
export function rehearsed<T>(transaction: Promise<T>): Promise<T> {
  return transaction.catch((error: unknown) => {
    if (error instanceof Rehearsal) return error.value as T;
    throw error;
  });
}
