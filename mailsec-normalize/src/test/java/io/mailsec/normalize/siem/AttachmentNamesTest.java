package io.mailsec.normalize.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class AttachmentNamesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void readsQuotedListsPlainListsAndArrays() {
    assertThat(SiemNormalizer.attachmentNames(NODES.textNode("\"a, b.docx\", \"c.xlsx\"")))
        .containsExactly("a, b.docx", "c.xlsx");
    assertThat(SiemNormalizer.attachmentNames(NODES.textNode("a.pdf, b.pdf")))
        .containsExactly("a.pdf", "b.pdf");
    assertThat(SiemNormalizer.attachmentNames(NODES.arrayNode().add("x.zip")))
        .containsExactly("x.zip");
    assertThat(SiemNormalizer.attachmentNames(NODES.textNode("\"\""))).isEmpty();
    assertThat(SiemNormalizer.attachmentNames(null)).isEmpty();
  }

  @Test
  void resolvesEveryTypeSpelling() {
    assertThat(SiemType.fromName("jrnl")).contains(SiemType.JOURNAL);
    assertThat(SiemType.fromName("Journal")).contains(SiemType.JOURNAL);
    assertThat(SiemType.fromName("url protect")).contains(SiemType.URL_PROTECT);
    assertThat(SiemType.fromName("ttp_url")).contains(SiemType.URL_PROTECT);
    assertThat(SiemType.fromName("email_ttp_ap")).contains(SiemType.ATTACHMENT_PROTECT);
    assertThat(SiemType.fromName("spameventthread")).contains(SiemType.SPAM);
    assertThat(SiemType.fromName("entities")).isEmpty();
  }
}
