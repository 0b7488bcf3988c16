import { getBinaryNodeChild, getBinaryNodeChildren, type BinaryNode } from "@whiskeysockets/baileys";
import { bundleToNode, parsePreKeyUpload } from "../signal/bundle.js";
import { children, iqResult, node } from "../wire/nodes.js";
import type { Connection } from "./connection.js";
import { onAppStateIq } from "./app-state.js";
import { onDirectoryIq } from "./directory.js";
import { afterLogin } from "./login.js";
import { onPairingIq } from "./pairing.js";
import type { WhatsAppSimulator } from "./simulator.js";
import { usyncResult } from "./usync.js";

/** Answers client iqs. Anything not modelled gets an empty `result`, so no query hangs. */
export const onIq = async (sim: WhatsAppSimulator, conn: Connection, iq: BinaryNode): Promise<void> => {
  const first = children(iq)[0];
  // A group's picture (set by an admin); pictures of people are a different concern.
  if (iq.attrs.xmlns === "w:profile:picture" && iq.attrs.type === "set" && iq.attrs.target?.endsWith("@g.us"))
    return conn.send(sim.groups.onPictureIq(conn, iq));
  const answered = onDirectoryIq(sim, conn, iq);
  if (answered) return conn.send(answered);
  if (iq.attrs.xmlns === "w:mex") {
    const limitAnswer = sim.limits.onMexIq(conn, iq);
    if (limitAnswer) return conn.send(limitAnswer);
    const channelAnswer = sim.channels.onMexIq(conn, iq);
    if (channelAnswer) return conn.send(channelAnswer);
  }
  switch (iq.attrs.xmlns) {
    case "newsletter":
      return conn.send(sim.channels.onNewsletterIq(iq));
    case "encrypt":
      return conn.send(encryptResult(sim, conn, iq, first));
    case "usync":
      return conn.send(usyncResult(sim, iq, conn.companion && sim.phone(conn.companion.pn)));
    case "passive":
      conn.send(iqResult(iq));
      if (first?.tag === "active" && conn.companion) await afterLogin(sim, conn.companion);
      return;
    case "w":
      return conn.send(iqResult(iq, [node("props", { protocol: "2", hash: "simulator" }, [])]));
    case "w:m":
      return conn.send(
        iqResult(iq, [
          node("media_conn", { auth: "simulator", ttl: "3600", auth_ttl: "3600", max_buckets: "12" }, [
            node("host", { hostname: `127.0.0.1:${sim.port}`, maxContentLengthBytes: "104857600" }),
          ]),
        ]),
      );
    case "w:g2":
      return conn.send(sim.groups.onIq(conn, iq));
    case "md":
      return onPairingIq(sim, conn, iq);
    case "w:sync:app:state":
      return onAppStateIq(sim, conn, iq);
    default:
      return conn.send(iqResult(iq));
  }
};

const encryptResult = (
  sim: WhatsAppSimulator,
  conn: Connection,
  iq: BinaryNode,
  first: BinaryNode | undefined,
): BinaryNode => {
  const me = conn.companion;
  switch (first?.tag) {
    case "count":
      return iqResult(iq, [node("count", { value: String(me?.preKeyCount ?? 0) })]);
    case "digest":
      return iqResult(iq, [node("digest", {}, [])]);
    case "key": {
      // Session bootstrap: one bundle per requested device (PN or LID form).
      const users = getBinaryNodeChildren(first, "user").flatMap((u) => {
        const jid = u.attrs.jid ?? "";
        const target = sim.device(jid);
        if (!target) return [];
        if (target.device === 0) return [bundleToNode(jid, target.phone.signal.bundle())];
        return target.companion ? [bundleToNode(jid, target.companion.takeBundle())] : [];
      });
      return iqResult(iq, [node("list", {}, users)]);
    }
    case "rotate":
      return iqResult(iq);
    default:
      if (me && iq.attrs.type === "set" && getBinaryNodeChild(iq, "registration")) {
        const { bundle, preKeys } = parsePreKeyUpload(iq);
        me.setKeys(bundle, preKeys);
      }
      return iqResult(iq);
  }
};
