package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.List;

/**
 * The facts about one email that every log row of it repeats: identifiers, envelope, subject,
 * transport. All SIEM rows, TTP records and threat indicators of a message reference the same
 * instance, which is what keeps the representations consistent.
 *
 * @param simId the simulator's own id of the message (stable for a seed)
 * @param aggregateId the message-level tracking id (1.0 {@code aCode}, 2.0 {@code aggregateId}
 *     without the optional {@code _<epoch seconds>} suffix); never ends in {@code _<digits>}
 * @param envelopeSender SMTP MAIL FROM, {@code <>} for the null sender of bounces
 * @param tlsVersion {@code null} when the connection was not encrypted
 */
public record Email(
    String simId,
    Instant receivedAt,
    String aggregateId,
    String messageId,
    Direction direction,
    String envelopeSender,
    String headerFrom,
    String senderDomain,
    String senderIp,
    List<String> recipients,
    String subject,
    String tlsVersion,
    String tlsCipher,
    int sizeBytes,
    List<Attachment> attachments,
    List<String> links,
    int spamScore,
    int spamLimit,
    String spf,
    String dkim,
    String dmarc) {

  public int attachmentBytes() {
    return attachments.stream().mapToInt(Attachment::sizeBytes).sum();
  }
}
