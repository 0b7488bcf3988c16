// Asks the gateway once whether it runs in demo mode (nav entries, guides, "Link a demo phone").
export default defineNuxtPlugin(() => {
  void useDemo().detect();
});
