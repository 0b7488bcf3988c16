import type { InjectionKey, Ref } from "vue";
import type { FlowValidation } from "@multiwa/sdk";

/** What the builder shares with every node on its canvas: validation errors and the last test run's path. */
export interface FlowState {
  errors: Ref<FlowValidation["errors"]>;
  path: Ref<string[]>;
}

export const FLOW_STATE: InjectionKey<FlowState> = Symbol("flow-state");
