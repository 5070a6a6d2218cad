// Calls to the Reclaim API: JSON in and out, the session cookie sent along, and errors as
// the server words them (Problem JSON: a code, a Chinese and an English message, problems
// with their location).

import type { ErrorLocation, Problem } from '../../../src/platform/errors.ts';

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
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    credentials: 'same-origin',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    ...(init.signal ? { signal: init.signal } : {}),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const error = (parsed as ErrorBody | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? response.statusText,
      error?.messageZh ?? `请求失败（${response.status}）`,
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
