/**
 * The Mimecast API client: API 1.0 (HMAC-signed, regional hosts) and API 2.0 (OAuth bearer,
 * gateways), one typed facade per endpoint family, records returned verbatim.
 *
 * <p>Entry points: {@link io.mailsec.mimecast.client.MimecastClient} (data calls) and {@link
 * io.mailsec.mimecast.client.LoginApi} (API 1.0 discovery and binding refresh). Every failure is a
 * {@link io.mailsec.mimecast.client.MimecastApiException} whose subclass and advice say what an
 * administrator should do. Large payloads stream through {@link
 * io.mailsec.mimecast.client.RecordStream}; the heap holds one record at a time.
 *
 * <p>See {@code docs/mimecast-client.md} for authentication, regions, rate budgets, retries and
 * error advice.
 */
package io.mailsec.mimecast.client;
