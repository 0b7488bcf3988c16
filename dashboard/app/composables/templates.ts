import type { BusinessTemplateLink, Template } from "~~/shared/types/api";

export interface TemplateInput {
  name: string;
  category: string;
  body: string;
  defaults: Record<string, string>;
  media?: { type: "image" | "video" | "document" | "audio"; media: { url: string }; fileName?: string };
  /** The Meta template it sends as on Cloud API profiles; `null` unlinks it. */
  businessTemplate?: BusinessTemplateLink | null;
}

/** The workspace's message templates. */
export function useTemplates() {
  const templates = ref<Template[]>([]);
  const loaded = ref(false);

  async function refresh(): Promise<void> {
    templates.value = (await apiFetch<Template[]>("/api/templates", { query: workspaceQuery() })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    loaded.value = true;
  }

  async function save(input: TemplateInput, id?: string): Promise<Template> {
    const saved = id
      ? await apiFetch<Template>(`/api/templates/${encodeURIComponent(id)}`, {
          method: "PATCH",
          query: workspaceQuery(),
          body: input,
        })
      : await apiFetch<Template>("/api/templates", { method: "POST", query: workspaceQuery(), body: input });
    templates.value = [...templates.value.filter((t) => t.id !== saved.id), saved].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    return saved;
  }

  async function remove(id: string): Promise<void> {
    await apiFetch(`/api/templates/${encodeURIComponent(id)}`, { method: "DELETE", query: workspaceQuery() });
    templates.value = templates.value.filter((t) => t.id !== id);
  }

  /** The gateway's rendering of a saved template for one contact, with the variables left empty. */
  const previewFor = (id: string, contactId: string) =>
    apiFetch<{ content: { type: string; text?: string; caption?: string }; missing: string[] }>(
      `/api/templates/${encodeURIComponent(id)}/preview`,
      { method: "POST", query: workspaceQuery(), body: { contactId } },
    );

  return { templates: shallowReadonly(templates), loaded: readonly(loaded), refresh, save, remove, previewFor };
}
