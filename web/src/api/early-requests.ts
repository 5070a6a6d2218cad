// The requests every page makes at start — who is logged in, the basemap key, the register's
// TileJSON — are started by an inline script in index.html while the app's own script still
// loads, instead of one after another once it runs (the first paint of the map waited for
// the script, then the session, then the TileJSON, then the tiles). Each early answer is used
// once, by the first call for its path; a write (a login, a logout, any change) drops the ones
// not yet used, since they describe the page as it was when it loaded.

/** An early answer as the inline script keeps it (null when its request failed). */
export interface EarlyAnswer {
  status: number;
  statusText: string;
  body: string;
}

declare global {
  interface Window {
    __reclaimEarly?: Record<string, Promise<EarlyAnswer | null> | undefined>;
  }
}

/** The early answer for `path`, if index.html started one and nothing has used it yet. */
export function takeEarlyAnswer(path: string): Promise<EarlyAnswer | null> | null {
  const early = window.__reclaimEarly;
  const answer = early?.[path];
  if (!early || !answer) return null;
  delete early[path];
  return answer;
}

/** Drops the early answers not yet used: after a write they may no longer be true. */
export function dropEarlyAnswers(): void {
  window.__reclaimEarly = {};
}
