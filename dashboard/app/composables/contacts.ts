import type { Contact, ContactPage, ImportReport, UpsertContactBody } from "@multiwa/sdk";

export interface ContactFilter {
  q: string;
  tags: string[];
}

/** A contact as the edit form saves it. */
export type ContactInput = Required<Omit<UpsertContactBody, "name">> & Pick<UpsertContactBody, "name">;

const PAGE = 50;

/** The workspace's contacts: a searchable, paged table with tags, custom fields, CSV import and export. */
export function useContacts() {
  const client = useClient();
  const filter = reactive<ContactFilter>({ q: "", tags: [] });
  const page = ref<ContactPage>({ items: [], total: 0, totalCapped: false });
  const offset = ref(0);
  const loaded = ref(false);
  const query = () => ({
    ...workspaceQuery(),
    ...(filter.q.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.tags.length ? { tags: filter.tags.join(",") } : {}),
  });

  async function refresh(): Promise<void> {
    page.value = await client.listContacts({ query: { ...query(), limit: PAGE, offset: offset.value } });
    loaded.value = true;
  }

  async function save(input: ContactInput, id?: string): Promise<Contact> {
    const contact = id
      ? await client.updateContact({
          contactId: id,
          query: workspaceQuery(),
          body: { name: input.name ?? "", tags: input.tags, fields: input.fields, optOut: input.optOut },
        })
      : await client.upsertContact({ query: workspaceQuery(), body: input });
    await refresh();
    return contact;
  }

  async function remove(id: string): Promise<void> {
    await client.deleteContact({ contactId: id, query: workspaceQuery() });
    await refresh();
  }

  async function tag(ids: string[], add: string[], remove: string[]): Promise<number> {
    const { changed } = await client.bulkTagContacts({ query: workspaceQuery(), body: { ids, add, remove } });
    await refresh();
    return changed;
  }

  /** Throws `MultiWAApiError` 422 with `details.errors` (line, column, message) when any row is bad; nothing is imported then. */
  async function importCsv(csv: string, options: { tags: string[]; dryRun: boolean }): Promise<ImportReport> {
    const report = await client.importContacts({ query: workspaceQuery(), body: { csv, ...options } });
    if (!report.dryRun) await refresh();
    return report;
  }

  /** The CSV export of what the filter shows. */
  const exportCsv = () => saveFile(useClient().raw("exportContacts", { query: query() }), "contacts.csv");

  const pages = computed(() => ({
    from: page.value.total ? offset.value + 1 : 0,
    to: offset.value + page.value.items.length,
    total: page.value.total,
    /** More match than `total` (the gateway stops counting at 10,000, 1,000 when filtered). */
    capped: page.value.totalCapped,
    size: PAGE,
  }));
  function go(delta: number): void {
    offset.value = Math.max(0, offset.value + delta * PAGE);
    void refresh();
  }

  return {
    filter,
    page: shallowReadonly(page),
    pages,
    loaded: readonly(loaded),
    refresh,
    save,
    remove,
    tag,
    importCsv,
    exportCsv,
    go,
    offset,
  };
}
