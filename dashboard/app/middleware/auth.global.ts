/** Every page but /login needs credentials; a signed-in user skips the login page. */
export default defineNuxtRouteMiddleware((to) => {
  const { loggedIn } = useAuth();
  if (to.path === "/login") return loggedIn.value ? navigateTo((to.query.next as string) || "/profiles") : undefined;
  if (!loggedIn.value) return navigateTo({ path: "/login", query: to.fullPath !== "/" ? { next: to.fullPath } : {} });
});
