// The text a failed request shows: `notFound` for a 404 (a record the public may not read
// looks the same as one that does not exist), else the server's message in the language.
import { ApiError } from '../api/http.ts';

export function errorText(
  error: unknown,
  notFound: string,
  pick: (zh: string, en: string) => string,
): string {
  if (!(error instanceof ApiError)) return String(error);
  return error.status === 404 ? notFound : pick(error.messageZh, error.message);
}
