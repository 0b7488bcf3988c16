import type { ContactInfo, PrivacySettings } from "@multiwa/core";

const base = (profileId: string) => `/api/profiles/${encodeURIComponent(profileId)}`;

/** What WhatsApp tells about one user of a chat (picture, about, business profile) and blocking them. */
export function useWhatsAppContact(profileId: () => string, jid: () => string) {
  const info = ref<ContactInfo | null>(null);
  const loading = ref(false);
  const path = () => `${base(profileId())}/directory/${encodeURIComponent(jid())}`;

  async function load(): Promise<void> {
    loading.value = true;
    try {
      info.value = await apiFetch<ContactInfo>(path());
    } finally {
      loading.value = false;
    }
  }

  async function setBlocked(blocked: boolean): Promise<void> {
    await apiFetch(`${path()}/${blocked ? "block" : "unblock"}`, { method: "POST" });
    if (info.value) info.value = { ...info.value, blocked };
  }

  return { info, loading, load, setBlocked };
}

/** The profile's own WhatsApp account: name, about, picture, privacy. */
export function useWhatsAppAccount(profileId: () => string) {
  const privacy = ref<PrivacySettings | null>(null);
  const path = (part: string) => `${base(profileId())}/account/${part}`;

  return {
    privacy,
    loadPrivacy: async () => void (privacy.value = await apiFetch<PrivacySettings>(path("privacy"))),
    setName: (name: string) => apiFetch(path("name"), { method: "PUT", body: { name } }),
    setAbout: (about: string) => apiFetch(path("about"), { method: "PUT", body: { about } }),
    async setPicture(file: File): Promise<void> {
      await apiFetch(path("picture"), { method: "PUT", body: { image: { base64: await fileBase64(file) } } });
    },
    removePicture: () => apiFetch(path("picture"), { method: "DELETE" }),
    async updatePrivacy(update: PrivacySettings): Promise<void> {
      privacy.value = await apiFetch<PrivacySettings>(path("privacy"), { method: "PATCH", body: update });
    },
  };
}
