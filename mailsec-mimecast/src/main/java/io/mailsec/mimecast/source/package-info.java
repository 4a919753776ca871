/**
 * One {@link io.mailsec.core.source.Source} per Mimecast data type, built by {@link
 * io.mailsec.mimecast.source.MimecastSources}. Each source turns the paging or file scheme of its
 * endpoint into the checkpoint contract of the SPI: bounded batches, checkpoints that resume right
 * after the records they follow (also inside a file), gaps instead of silent skips. Transient
 * failures are retried by the client; errors an administrator must fix propagate as the client's
 * typed exceptions.
 *
 * <p>See {@code docs/collection.md} for the checkpoint shape and resume rules per data type.
 */
package io.mailsec.mimecast.source;
