function typedToSendRequest(type, body) {
  const { to, options, sendOptions, type: _ignored, ...content } = body;
  const pollChoices = Array.isArray(options);
  const send = sendOptions != null ? sendOptions : pollChoices ? void 0 : options;
  return { to, content: { ...content, ...pollChoices ? { options } : {}, type }, ...send !== void 0 ? { options: send } : {} };
}
function formToSendRequest(form) {
  var _a;
  return typedToSendRequest(String((_a = form.type) != null ? _a : ""), form);
}

export { formToSendRequest as f, typedToSendRequest as t };
//# sourceMappingURL=send-request.mjs.map
