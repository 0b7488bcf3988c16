/**
 * The submit boilerplate of every dialog: a busy flag while `run` works, its error as a readable
 * message, and the result (or `undefined` when it failed, so callers keep the form open).
 */
export function useForm<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const busy = ref(false);
  const error = ref("");
  const failure = shallowRef<unknown>(null);

  async function submit(...args: A): Promise<R | undefined> {
    busy.value = true;
    error.value = "";
    failure.value = null;
    try {
      return await run(...args);
    } catch (e) {
      error.value = errorMessage(e);
      failure.value = e;
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy: readonly(busy), error, failure: shallowReadonly(failure), submit };
}
