export default defineNuxtPlugin(() => {
  setApiBase(useRuntimeConfig().public.apiBase as string);
});
