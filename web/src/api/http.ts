// Calls to the Reclaim API: JSON in and out, the session cookie sent along, and errors as
// the server words them (Problem JSON: a code, a Chinese and an English message, problems
// with their location).

import type { ErrorLocation, Problem } from '../../../src/platform/errors.ts';
import { dropEarlyAnswers, takeEarlyAnswer, type EarlyAnswer } from './early-requests.ts';

export type { ErrorLocation, Problem };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageZh: string;
  readonly problems: Problem[];

  constructor(
    status: number,
    code: string,
    messageEn: string,
    messageZh: string,
    problems: Problem[],
  ) {
    super(messageEn);
    this.status = status;
    this.code = code;
    this.messageZh = messageZh;
    this.problems = problems;
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string; messageZh?: string; problems?: Problem[] };
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const method = init.method ?? 'GET';
  if (method !== 'GET') dropEarlyAnswers();
  const early = method === 'GET' && !init.signal ? await takeEarlyAnswer(path) : null;
  if (early) return answerOf<T>(early);
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  return answerOf<T>({
    status: response.status,
    statusText: response.statusText,
    body: response.status === 204 ? '' : await response.text(),
  });
}

/** The parsed body of a successful answer; the server's error for any other. */
function answerOf<T>({ status, statusText, body }: EarlyAnswer): T {
  if (status === 204) return undefined as T;
  const parsed: unknown = body ? JSON.parse(body) : undefined;
  if (status < 200 || status > 299) {
    const error = (parsed as ErrorBody | undefined)?.error;
    throw new ApiError(
      status,
      error?.code ?? `HTTP_${status}`,
      error?.message ?? statusText,
      error?.messageZh ?? `请求失败（${status}）`,
      error?.problems ?? [],
    );
  }
  return parsed as T;
}

/** Query string from defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A file's bytes as base64, as the upload endpoints take them. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
