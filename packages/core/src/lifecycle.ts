/**
 * One part of the library with a lifecycle. `start` runs at every creation; `resume` only with
 * `restore: true` (it picks up what the last process left running); `stop` runs at `close()`.
 */
export interface Service {
  name: string;
  start?(): unknown;
  resume?(): unknown;
  stop?(): unknown;
}

/** Starts the services in order, each one after the previous has finished. */
export async function startServices(services: readonly Service[], resume: boolean): Promise<void> {
  for (const service of services) {
    await service.start?.();
    if (resume) await service.resume?.();
  }
}

/**
 * Stops the services in reverse order: what started last, and may use the others, stops first. A
 * failing stop does not keep the rest running; the first failure is thrown once all have stopped.
 */
export async function stopServices(services: readonly Service[]): Promise<void> {
  let failure: { error: unknown } | undefined;
  for (const service of [...services].reverse()) {
    try {
      await service.stop?.();
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure) throw failure.error;
}
