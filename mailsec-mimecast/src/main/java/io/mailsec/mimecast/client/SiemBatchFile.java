package io.mailsec.mimecast.client;

import java.net.URI;
import java.time.Instant;

/**
 * One batch file of the SIEM 2.0 listing: a pre-signed URL of a gzip NDJSON file.
 *
 * @param size the compressed size Mimecast announced, or -1
 * @param expiry when the URL stops working, or null when not given
 */
public record SiemBatchFile(URI url, long size, Instant expiry) {}
