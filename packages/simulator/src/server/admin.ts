import type { IncomingMessage, ServerResponse } from "node:http";
import type { WhatsAppSimulator } from "./simulator.js";

export const handleAdmin = (_sim: WhatsAppSimulator, _req: IncomingMessage, _res: ServerResponse): boolean => false;
