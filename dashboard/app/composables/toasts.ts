export interface Toast {
  id: number;
  kind: "info" | "success" | "error";
  message: string;
}

let _next = 0;
const toasts = ref<Toast[]>([]);

/** Short notices in the corner; errors stay a little longer. */
export function useToasts() {
  function push(kind: Toast["kind"], message: string): void {
    const id = ++_next;
    toasts.value = [...toasts.value, { id, kind, message }];
    setTimeout(() => dismiss(id), kind === "error" ? 8000 : 4000);
  }

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  return {
    toasts: shallowReadonly(toasts),
    dismiss,
    info: (m: string) => push("info", m),
    success: (m: string) => push("success", m),
    error: (e: unknown) => push("error", errorMessage(e)),
  };
}
