import type { ContactInfo, PrivacySettings, UpdateAccountPrivacyBody } from "@multiwa/sdk";

/** What WhatsApp tells about one user of a chat (picture, about, business profile) and blocking them. */
export function useWhatsAppContact(profileId: () => string, jid: () => string) {
  const client = useClient();
  const info = ref<ContactInfo | null>(null);
  const loading = ref(false);
  const user = () => ({ id: profileId(), jid: jid() });

  async function load(): Promise<void> {
    loading.value = true;
    try {
      info.value = await client.whatsappContact(user());
    } finally {
      loading.value = false;
    }
  }

  async function setBlocked(blocked: boolean): Promise<void> {
    await (blocked ? client.blockContact(user()) : client.unblockContact(user()));
    if (info.value) info.value = { ...info.value, blocked };
  }

  return { info, loading, load, setBlocked };
}

/** The profile's own WhatsApp account: name, about, picture, privacy. */
export function useWhatsAppAccount(profileId: () => string) {
  const client = useClient();
  const privacy = ref<PrivacySettings | null>(null);
  const id = () => ({ id: profileId() });

  return {
    privacy,
    loadPrivacy: async () => void (privacy.value = await client.accountPrivacy(id())),
    setName: (name: string) => client.setAccountName({ ...id(), body: { name } }),
    setAbout: (about: string) => client.setAccountAbout({ ...id(), body: { about } }),
    async setPicture(file: File): Promise<void> {
      await client.setAccountPicture({ ...id(), body: { image: { base64: await fileBase64(file) } } });
    },
    removePicture: () => client.removeAccountPicture(id()),
    async updatePrivacy(update: UpdateAccountPrivacyBody): Promise<void> {
      privacy.value = await client.updateAccountPrivacy({ ...id(), body: update });
    },
  };
}
