import { MultiWAError } from "../errors.js";
import type { Prunable } from "../retention.js";

/** Where media is kept: any S3-compatible service (AWS S3, MinIO, R2, Garage, …). */
export interface S3MediaOptions {
  /** The service's base URL, e.g. `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:9000`. */
  endpoint: string;
  bucket: string;
  /** @default "us-east-1" */
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** How long a signed URL in a webhook stays valid, in seconds (S3 allows at most 7 days). @default 86400 */
  urlTtlSeconds?: number;
  /** Key prefix inside the bucket. @default "media/" */
  prefix?: string;
}

const MAX_TTL = 7 * 24 * 3600;
const SCOPE = "media";

/**
 * Media objects in one bucket, path-style (`{endpoint}/{bucket}/{key}`), every request signed with
 * AWS Signature V4 (aws4fetch). It is also a retention target: `prune` deletes objects older than the
 * retention window, oldest listing first.
 */
export class S3MediaStore implements Prunable {
  private client?: Promise<import("aws4fetch").AwsClient>;
  private readonly base: string;
  private readonly prefix: string;
  readonly urlTtlSeconds: number;

  constructor(private readonly options: S3MediaOptions) {
    for (const field of ["endpoint", "bucket", "accessKeyId", "secretAccessKey"] as const)
      if (!options[field])
        throw new MultiWAError("VALIDATION_FAILED", `Missing required option \`media.s3.${field}\``, {
          details: { field: `media.s3.${field}` },
        });
    if (!URL.canParse(options.endpoint))
      throw new MultiWAError("VALIDATION_FAILED", "Expected `media.s3.endpoint` to be a URL", {
        details: { field: "media.s3.endpoint" },
      });
    const ttl = options.urlTtlSeconds ?? 86_400;
    if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL)
      throw new MultiWAError(
        "VALIDATION_FAILED",
        `Expected \`media.s3.urlTtlSeconds\` to be an integer from 1 to ${MAX_TTL}, got \`${String(ttl)}\``,
        { details: { field: "media.s3.urlTtlSeconds", value: ttl } },
      );
    this.urlTtlSeconds = ttl;
    this.base = `${options.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(options.bucket)}`;
    this.prefix = options.prefix ?? "media/";
  }

  /** The object key of a message's media: `<prefix><profile>/<message id>`. */
  keyOf(profileId: string, messageId: string): string {
    return `${this.prefix}${profileId}/${messageId}`;
  }

  async put(key: string, data: Uint8Array, mimetype: string): Promise<void> {
    const res = await (
      await this.aws()
    ).fetch(this.url(key), {
      method: "PUT",
      body: data,
      headers: { "content-type": mimetype },
    });
    await expectOk(res, `store ${key}`);
  }

  /** A GET URL for `key` signed for `urlTtlSeconds`; anyone holding it can read that one object until then. */
  async signedUrl(key: string): Promise<{ url: string; expiresAt: number }> {
    const signed = await (
      await this.aws()
    ).sign(`${this.url(key)}?X-Amz-Expires=${this.urlTtlSeconds}`, {
      method: "GET",
      aws: { signQuery: true },
    });
    return { url: signed.url, expiresAt: Date.now() + this.urlTtlSeconds * 1000 };
  }

  /**
   * Deletes up to `limit` objects last modified before `before`. S3 lists by key, not by age, so this
   * pages through the prefix; a bucket lifecycle rule does the same without the listing.
   */
  async prune(before: number, limit: number): Promise<number> {
    const aws = await this.aws();
    const old: string[] = [];
    let token: string | undefined;
    do {
      const page = `${this.base}?list-type=2&prefix=${encodeURIComponent(this.prefix)}${
        token ? `&continuation-token=${encodeURIComponent(token)}` : ""
      }`;
      const res = await aws.fetch(page);
      await expectOk(res, "list media");
      const xml = await res.text();
      for (const [, entry] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = _tag(entry!, "Key");
        if (key && Date.parse(_tag(entry!, "LastModified") ?? "") < before && old.length < limit) old.push(key);
      }
      token = _tag(xml, "NextContinuationToken");
    } while (token && old.length < limit);
    for (const key of old) await expectOk(await aws.fetch(this.url(key), { method: "DELETE" }), `delete ${key}`);
    return old.length;
  }

  // --- Internal helpers ---

  private url(key: string): string {
    return `${this.base}/${key.split("/").map(encodeURIComponent).join("/")}`;
  }

  private aws() {
    const { accessKeyId, secretAccessKey, region } = this.options;
    return (this.client ??= import("aws4fetch").then(
      ({ AwsClient }) => new AwsClient({ accessKeyId, secretAccessKey, service: "s3", region: region ?? "us-east-1" }),
    ));
  }
}

function _tag(xml: string, name: string): string | undefined {
  const value = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
  return value
    ?.replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

async function expectOk(res: Response, what: string): Promise<void> {
  if (res.ok) return;
  const body = (await res.text().catch(() => "")).slice(0, 300);
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1];
  throw new MultiWAError("STORAGE_FAILED", `[S3] could not ${what}: HTTP ${res.status}${code ? ` ${code}` : ""}`, {
    scope: SCOPE,
    details: { status: res.status, ...(code ? { s3Code: code } : {}) },
  });
}
