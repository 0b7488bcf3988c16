function defineOperation(op) {
  return op;
}

export { defineOperation as d };
//# sourceMappingURL=operation.mjs.map
