import type { ListLabelsResponse } from "@multiwa/sdk";

// #21: a profile's WhatsApp Business labels (with how many chats carry each) and whether they also tag contacts.
export type LabelItem = ListLabelsResponse[number];

/** WhatsApp's label palette, by colour index (0–19), as the phone shows it. */
export const LABEL_COLORS = [
  "#ff9485",
  "#64c4ff",
  "#ffd429",
  "#dfaef0",
  "#99b6c1",
  "#55ccb3",
  "#ff9dff",
  "#d3a91d",
  "#6d7cce",
  "#d7e752",
  "#00d0e2",
  "#ffc5c7",
  "#93ceac",
  "#f74848",
  "#00a0f2",
  "#83e422",
  "#ffaf04",
  "#b5ebff",
  "#9ba6ff",
  "#9368cf",
] as const;

export function useLabels(profileId: () => string) {
  const client = useClient();
  const items = ref<LabelItem[]>([]);
  const syncTags = ref(false);
  const id = () => profileId();
  const load = async () => {
    const [labels, settings] = await Promise.all([
      client.listLabels({ id: id() }),
      client.getLabelSettings({ id: id() }),
    ]);
    items.value = labels;
    syncTags.value = settings.syncTags;
  };
  return {
    items,
    syncTags,
    load,
    async create(name: string, color: number): Promise<LabelItem> {
      const created = await client.createLabel({ id: id(), body: { name, color } });
      await load();
      return created;
    },
    async update(labelId: string, body: { name?: string; color?: number }): Promise<void> {
      await client.updateLabel({ id: id(), labelId, body });
      await load();
    },
    async remove(labelId: string): Promise<void> {
      await client.deleteLabel({ id: id(), labelId });
      await load();
    },
    async setSyncTags(on: boolean): Promise<void> {
      syncTags.value = (await client.putLabelSettings({ id: id(), body: { syncTags: on } })).syncTags;
    },
  };
}
