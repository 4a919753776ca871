package io.mailsec.simulator.data;

import java.util.List;

/**
 * A message and every log record it produced, all derived from one {@link Email}.
 *
 * @param customerIndicators threat-feed detections of its malicious attachments
 * @param dlpLogs Data Leak Prevention matches (outbound and internal mail only)
 */
public record GeneratedMessage(
    Email email,
    List<SiemEvent> siemEvents,
    List<UrlClick> clicks,
    List<AttachmentScan> attachmentScans,
    List<ImpersonationLog> impersonationLogs,
    List<ThreatIndicator> customerIndicators,
    List<DlpLog> dlpLogs) {}
