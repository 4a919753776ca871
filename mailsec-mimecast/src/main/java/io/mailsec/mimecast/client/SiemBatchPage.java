package io.mailsec.mimecast.client;

import java.util.List;

/**
 * One page of the SIEM 2.0 batch listing.
 *
 * @param nextPage the cursor for the next page; Mimecast returns it even on the last page, and it
 *     is durable across runs (persist it after the page's files are stored)
 * @param caughtUp true when the cursor has reached the newest file
 */
public record SiemBatchPage(List<SiemBatchFile> files, String nextPage, boolean caughtUp) {

  public SiemBatchPage {
    files = List.copyOf(files);
  }
}
