import { PEER } from "./tenants.js";

/**
 * A valid request body for every operation that takes one, naming the given tenant's resources.
 * The matrix fails for an operation with a body and no sample here: a new route must add one.
 */
export function sampleBodies(ids: Record<string, string>, nonce: string): Record<string, unknown> {
  return {
    createOrganization: { id: `org-${nonce}`, name: "New org" },
    createWorkspace: { id: `ws-${nonce}`, name: "New ws" },
    setMemberRoles: { roles: { [ids.workspace!]: "viewer" } },
    inviteMember: { email: `x-${nonce}@acme.test`, roles: { [ids.workspace!]: "viewer" } },
    createRole: { id: `role-${nonce}`, name: "Role", permissions: ["messages.read"] },
    createProfile: { id: `p-${nonce}`, name: "New", engine: "mock" },
    updateProfile: { name: "Renamed" },
    pairingCode: { phone: "628111999000" },
    sendMessage: { to: PEER, content: { type: "text", text: "matrix" } },
    sendTyped: { to: PEER, text: "typed" },
    markRead: { ids: [ids.message] },
    updateChat: { archived: true, pinned: true },
    starMessage: { starred: true },
    sendPresence: { state: "available" },
    createGroup: { subject: "New group", participants: [PEER] },
    groupParticipants: { action: "add", participants: ["628999000555"] },
    checkNumbers: { phones: [PEER] },
    resolveIds: { ids: [PEER] },
    setAccountName: { name: "Matrix desk" },
    setAccountAbout: { about: "Matrix about" },
    setAccountPicture: { image: { base64: "/9j/4AAQSkZJRgABAf/Z" } },
    updateAccountPrivacy: { lastSeen: "contacts" },
    upsertContact: { phone: "628999000666", name: "New contact" },
    updateContact: { name: "Renamed" },
    bulkTagContacts: { ids: [ids.contact], add: ["vip"] },
    importContacts: { csv: "phone,name\n628999000777,Imported" },
    createTemplate: { name: `t-${nonce}`, body: "Hi {{name}}" },
    updateTemplate: { body: "Hello again {{name}}" },
    previewTemplate: { contactId: ids.contact },
    createCampaign: {
      name: `c-${nonce}`,
      profileIds: [ids.profile],
      message: { templateId: ids.template },
      audience: { contactIds: [ids.contact] },
      start: false,
    },
    updateCampaign: { name: "Renamed" },
    createRule: {
      name: `r-${nonce}`,
      profileIds: [ids.profile],
      trigger: { type: "keyword", keywords: ["zz-none"] },
      actions: [
        { type: "reply", templateId: ids.template },
        { type: "start_flow", flowId: ids.flow },
      ],
      enabled: false,
    },
    updateRule: { profileIds: [ids.profile], actions: [{ type: "start_flow", flowId: ids.flow }] },
    createFlow: { name: `f-${nonce}`, profileIds: [ids.profile] },
    updateFlow: { profileIds: [ids.profile] },
    testRunFlow: { replies: [] },
    startFlow: { profileId: ids.profile, chatId: `62899900${nonce.slice(-4).replace(/\D/g, "1").padStart(4, "1")}` },
    putAutomationSettings: { ai: null },
    createWebhook: { url: "http://127.0.0.1:9/new", profileId: ids.profile, enabled: false },
    updateWebhook: { profileId: ids.profile, description: "changed" },
    createKey: { name: "minted", workspaceId: ids.workspace, permissions: ["messages.read"] },
    prepareSend: { profileId: ids.profile, message: { to: PEER, content: { type: "text", text: "held" } } },
    confirmSend: { token: "mwc_unknown" },
    mockScan: { qr: `MOCKQR:${ids.profile}:1:000000000000`, phone: "628111999111" },
    mockPhoneSend: { to: ids.phone, text: "from a demo phone" },
    updateMe: { locale: "id" },
    // Demo mode (authz-matrix-demo.test.ts): a simulated contact writes to a1's linked demo line.
    demoPhoneSend: { type: "text", text: `matrix ${nonce}` },
    demoInspectorFail: { count: 1 },
  };
}
