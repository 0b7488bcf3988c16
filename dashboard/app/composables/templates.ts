import type { CreateTemplateBody, Template, UpdateTemplateBody } from "@multiwa/sdk";

/** What the editor saves; `businessTemplate: null` unlinks the Meta template on an update. */
export type TemplateInput = Omit<CreateTemplateBody, "businessTemplate"> & Pick<UpdateTemplateBody, "businessTemplate">;

/** The workspace's message templates. */
export function useTemplates() {
  const client = useClient();
  const templates = useCollection<Template, CreateTemplateBody, Template, UpdateTemplateBody>({
    list: () => client.listTemplates({ query: workspaceQuery() }),
    create: (body) => client.createTemplate({ query: workspaceQuery(), body }),
    update: (templateId, body) => client.updateTemplate({ templateId, query: workspaceQuery(), body }),
    remove: async (templateId) => void (await client.deleteTemplate({ templateId, query: workspaceQuery() })),
    sort: (a, b) => a.name.localeCompare(b.name),
  });

  /** The gateway's rendering of a saved template for one contact, with the variables left empty. */
  const previewFor = (templateId: string, contactId: string) =>
    client.previewTemplate({ templateId, query: workspaceQuery(), body: { contactId } });

  return {
    templates: templates.items,
    loaded: templates.loaded,
    refresh: templates.refresh,
    save: (input: TemplateInput, id?: string): Promise<Template> =>
      id ? templates.update(id, input) : templates.create(input as CreateTemplateBody),
    remove: templates.remove,
    previewFor,
  };
}
