// Progress of long jobs. The CLI shows a bar on a terminal and plain lines otherwise; the
// server logs. Services take a Progress and know nothing of how it is shown.

export interface ProgressTask {
  /** One unit done; `label` says which. */
  tick(label?: string, units?: number): void;
  /** More units to do than the task started with (a job that learns its size as it goes). */
  grow(units: number): void;
  done(): void;
}

export interface Progress {
  start(name: string, total: number): ProgressTask;
}
