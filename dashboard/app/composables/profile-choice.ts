/**
 * The profile a page works on, kept in the query (`?profile=…`) so links and reloads land on it. When none is
 * named, the first connected profile is chosen (or, unless `connectedOnly`, the first of all).
 */
export function useProfileChoice(options: { connectedOnly?: boolean } = {}) {
  const route = useRoute();
  const router = useRouter();
  const { profiles, refresh } = useProfiles();
  const profileId = computed(() => (route.query.profile as string) || "");
  const profile = computed(() => profiles.value.find((p) => p.id === profileId.value) ?? null);
  const choose = (id: string) => router.replace({ query: { profile: id } });

  onMounted(async () => {
    await refresh();
    if (profileId.value) return;
    const first =
      profiles.value.find((p) => p.status === "open") ?? (options.connectedOnly ? undefined : profiles.value[0]);
    if (first) await choose(first.id);
  });

  return { profiles, profileId, profile, choose };
}

export type ProfileChoice = ReturnType<typeof useProfileChoice>;
