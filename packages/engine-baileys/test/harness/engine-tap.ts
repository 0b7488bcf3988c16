import type { Engine, EngineEventName, EngineEvents } from "@multiwa/core";

type Listener = <K extends EngineEventName>(event: K, payload: EngineEvents[K]) => void;

/** The engine, plus a way to watch what its sessions emit (the harness cannot see `wa`). */
export function tapEngine(engine: Engine): {
  engine: Engine;
  waitFor<K extends EngineEventName>(
    event: K,
    match: (p: EngineEvents[K]) => boolean,
    timeoutMs: number,
  ): Promise<boolean>;
} {
  const listeners = new Set<Listener>();
  const tapped: Engine = {
    name: engine.name,
    capabilities: engine.capabilities,
    ...(engine.settingsSchema ? { settingsSchema: engine.settingsSchema } : {}),
    createSession: (ctx) =>
      engine.createSession({
        ...ctx,
        emit: (event, payload) => {
          for (const l of listeners) l(event, payload);
          ctx.emit(event, payload);
        },
      }),
  };
  return {
    engine: tapped,
    /** Resolves true once a matching event is emitted, false after `timeoutMs`. */
    waitFor: (event, match, timeoutMs) =>
      new Promise((resolve) => {
        const done = (ok: boolean) => (clearTimeout(timer), listeners.delete(listener), resolve(ok));
        const listener: Listener = (e, p) => {
          if ((e as EngineEventName) === event && match(p as never)) done(true);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        listeners.add(listener);
      }),
  };
}
