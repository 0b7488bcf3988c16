// Starts in the remembered or the browser's language; a signed-in user's stored preference wins
// once /api/auth/me answers (it follows them to other browsers).
export default defineNuxtPlugin({
  name: "multiwa:locale",
  dependsOn: ["i18n:plugin"],
  async setup(nuxtApp) {
    setI18n(nuxtApp.$i18n);
    await applyLocale(initialLocale());
    if (useAuth().credentials.value?.method === "password") void syncUserLocale();
  },
});
